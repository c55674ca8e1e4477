using Fleet.Compliance.Policy;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Agents;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Policy;
using Fleet.Grains.GrainReferences;
using Fleet.Grains.Policy;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

namespace Fleet.Grains.Accounts;

/// <summary>
/// The account's policy and settings (docs/policy.md, docs/compliance-core.md): validate, store version N+1, then re-evaluate every
/// device of the account through the membership partitions, at most <see cref="FanOutParallelism"/> at a time,
/// in the background (the caller gets the version at once). A fan-out interrupted by a crash is resumed when
/// the account activates again; a device also catches up on its own activation.
/// </summary>
public sealed partial class AccountGrain
{
    public const int FanOutParallelism = 64;

    private static readonly string EmptyCanonicalJson = PolicyJson.Serialize(CompliancePolicy.Empty);

    private readonly SemaphoreSlim _policyWrite = new(1, 1);
    private Task? _fanOut;
    private bool _fanOutAgain;
    private long _reevaluatedVersion;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var policy = PolicyState.State;
        if (policy.PendingReevaluation is not null || policy.PendingSettingsPush) StartFanOut();
        else _reevaluatedVersion = policy.Version;
        // A graph rebuilt after a crash (or older than the Account entity) gets it back.
        await ProjectAsync();
    }

    public async Task<PolicyUpdateResult> SetPolicy(string text, string format, bool strict = false)
    {
        EnsureExists();
        ArgumentNullException.ThrowIfNull(text);
        var parsed = PolicyParser.Parse(text, strict);
        if (parsed.Policy is null) return new PolicyUpdateResult(PolicyState.State.Version, parsed.Errors);

        var policy = PolicyState.State;
        // The same document again is not a new version: PUT is idempotent (and warns the same way).
        if (policy.Version > 0 && policy.Text == text && policy.Format == format) return new PolicyUpdateResult(policy.Version, []) { Warnings = parsed.Warnings };

        long version;
        await _policyWrite.WaitAsync();
        try
        {
            version = policy.Version + 1;
            policy.Version = version;
            policy.Text = text;
            policy.Format = format;
            policy.CanonicalJson = PolicyJson.Serialize(parsed.Policy);
            policy.UpdatedOn = Time.GetUtcNow();
            policy.Versions.Add(new PolicyVersion(version, policy.UpdatedOn.Value));
            if (policy.Versions.Count > AccountPolicyState.MaxVersionsKept)
                policy.Versions.RemoveRange(0, policy.Versions.Count - AccountPolicyState.MaxVersionsKept);
            policy.PendingReevaluation = version;
            await PolicyState.WriteStateAsync();
        }
        finally
        {
            _policyWrite.Release();
        }
        LogPolicyStored(Logger, this.GetPrimaryKeyString(), version);
        StartFanOut();
        await TellConnectedAgentsAsync(version);
        await ProjectAsync();
        return new PolicyUpdateResult(version, []) { Warnings = parsed.Warnings };
    }

    public Task<PolicyDocument> GetPolicy()
    {
        var policy = PolicyState.State;
        return Task.FromResult(new PolicyDocument(policy.Version, policy.Text, policy.Format, policy.CanonicalJson ?? EmptyCanonicalJson, policy.UpdatedOn));
    }

    public Task<IReadOnlyList<PolicyVersion>> GetPolicyVersions()
    {
        var policy = PolicyState.State;
        // Rows written before versions were remembered still know the current one.
        IReadOnlyList<PolicyVersion> versions = policy.Versions.Count > 0 || policy.UpdatedOn is not { } updatedOn
            ? [.. policy.Versions]
            : [new PolicyVersion(policy.Version, updatedOn)];
        return Task.FromResult(versions);
    }

    public Task<AccountSettings> GetSettings() => Task.FromResult(PolicyState.State.Settings);

    public async Task<Dictionary<string, string[]>> SetSettings(AccountSettings settings)
    {
        EnsureExists();
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0) return errors;
        var policy = PolicyState.State;
        if (policy.Settings == settings) return errors;

        await _policyWrite.WaitAsync();
        try
        {
            // Devices only need to hear about what they use themselves: the offline timeout.
            if (policy.Settings.OfflineAfterSeconds != settings.OfflineAfterSeconds) policy.PendingSettingsPush = true;
            policy.Settings = settings;
            await PolicyState.WriteStateAsync();
        }
        finally
        {
            _policyWrite.Release();
        }
        if (policy.PendingSettingsPush) StartFanOut();
        await TellConnectedAgentsAsync(policy.Version);
        await ProjectAsync();
        return errors;
    }

    /// <summary>
    /// Every gateway holding a stream of this account re-sends the policy and settings to its agents. Best effort:
    /// the change is already stored, and gateways re-offer the current policy periodically, so a lost notice heals.
    /// </summary>
    private async Task TellConnectedAgentsAsync(long version)
    {
        try
        {
            await GrainFactory.GetGrain<IAgentConnectionsGrain>(this.GetPrimaryKeyString()).PolicyChanged(version);
        }
        catch (Exception e)
        {
            LogAgentNoticeFailed(Logger, e, this.GetPrimaryKeyString(), version);
        }
    }

    public Task<AccountConfiguration> GetConfiguration() =>
        Task.FromResult(new AccountConfiguration(PolicyState.State.Version, PolicyState.State.Settings));

    public Task<long> GetReevaluatedPolicyVersion() => Task.FromResult(_reevaluatedVersion);

    private void EnsureExists()
    {
        if (!Exists) throw new InvalidOperationException($"Account {this.GetPrimaryKeyString()} does not exist.");
    }

    /// <summary>Starts the fan-out, or asks the running one to go round again with the newest version.</summary>
    private void StartFanOut()
    {
        if (_fanOut is { IsCompleted: false })
        {
            _fanOutAgain = true;
            return;
        }
        // Deliberately not awaited: it runs on this grain's scheduler between requests, so devices calling back
        // (GetPolicy, GetConfiguration) are served meanwhile.
        _fanOut = FanOutAsync();
    }

    private async Task FanOutAsync()
    {
        do
        {
            _fanOutAgain = false;
            var policy = PolicyState.State;
            var version = policy.Version;
            var reevaluate = policy.PendingReevaluation is not null;
            var settings = policy.PendingSettingsPush ? policy.Settings : null;
            var accountId = this.GetPrimaryKeyString();
            int devices, failed;
            try
            {
                (devices, failed) = await ForEachDeviceAsync(accountId, async device =>
                {
                    if (settings is not null) await device.ApplySettings(settings);
                    if (reevaluate) await device.Reevaluate(version);
                });
            }
            catch (Exception ex)
            {
                // A partition could not be read: stays pending, resumed on the next activation.
                LogFanOutFailed(Logger, ex, accountId, version);
                return;
            }
            LogFanOutDone(Logger, accountId, version, devices, failed);
            _reevaluatedVersion = version;
            if (_fanOutAgain) continue;

            await _policyWrite.WaitAsync();
            try
            {
                if (!_fanOutAgain && (policy.PendingReevaluation is not null || policy.PendingSettingsPush) && policy.Version == version)
                {
                    policy.PendingReevaluation = null;
                    policy.PendingSettingsPush = false;
                    await PolicyState.WriteStateAsync();
                }
            }
            finally
            {
                _policyWrite.Release();
            }
        }
        while (_fanOutAgain);
    }

    /// <summary>
    /// Calls every device of the account, reading the partitions in parallel, at most <see cref="FanOutParallelism"/> calls in
    /// flight: as many lanes, each calling its share of the devices one after the other (constant work per device, where
    /// waiting for any of the calls in flight costs as many continuations as there are calls).
    /// </summary>
    private async Task<(int Devices, int Failed)> ForEachDeviceAsync(string accountId, Func<IDeviceGrain, Task> call)
    {
        var ids = await GrainFactory.ListAsync(accountId, MemberKind.Device);
        var devices = new GrainReferenceMaker<IDeviceGrain>(GrainFactory);
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(FanOutParallelism, ids.Count)).Select(async lane =>
        {
            for (var i = lane; i < ids.Count; i += FanOutParallelism)
            {
                var device = call(devices.Get(ids[i]));
                try { await device; } catch { /* observed below */ }
                // The lanes' continuations run on this grain's scheduler, one at a time: the count needs no lock.
                failed += Observe(device, accountId);
            }
        }));
        return (ids.Count, failed);
    }

    private int Observe(Task task, string accountId)
    {
        if (!task.IsFaulted) return 0;
        // One broken device must not stop the others; it re-evaluates on its own next activation.
        LogDeviceFanOutFailed(Logger, task.Exception!.GetBaseException(), accountId);
        return 1;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Account {AccountId} stored policy version {Version}")]
    private static partial void LogPolicyStored(ILogger logger, string accountId, long version);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Account {AccountId}: connected agents were not told about version {Version}; the gateways' periodic re-sync will")]
    private static partial void LogAgentNoticeFailed(ILogger logger, Exception exception, string accountId, long version);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Account {AccountId}: policy version {Version} applied to {Devices} devices ({Failed} failed)")]
    private static partial void LogFanOutDone(ILogger logger, string accountId, long version, int devices, int failed);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Account {AccountId}: re-evaluation fan-out for policy version {Version} stopped; it resumes on the next activation")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception, string accountId, long version);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Account {AccountId}: one device failed to re-evaluate")]
    private static partial void LogDeviceFanOutFailed(ILogger logger, Exception exception, string accountId);
}
