using System.Security.Cryptography;
using System.Text;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Evidence;
using Fleet.Compliance.Facts;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Agents;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Persons;
using Fleet.Contracts.Policy;
using Fleet.Contracts.Scim;
using Fleet.Grains.History;
using Fleet.Grains.Hosting;
using Fleet.Grains.Policy;

namespace Fleet.Grains.Devices;

/// <summary>
/// The single writer of one device's live compliance state (docs/compliance-core.md). A report is a duplicate (ack
/// again), unchanged (last-seen in memory, no write) or a change (evaluate, persist, record transitions,
/// notify). Connectivity transitions are recorded like check transitions. See docs/compliance-core.md.
/// </summary>
public sealed partial class DeviceGrain(
    [PersistentState("device", FleetSiloExtensions.GrainStorage)] IPersistentState<DeviceState> state,
    TimeProvider time,
    AccountPolicyCache policies,
    IHistoryStore history,
    IDeviceChangeSink changes,
    IDeviceProjectionSink projections,
    ILogger<DeviceGrain> logger) : Grain, IDeviceGrain, IGrainMigrationParticipant
{
    /// <summary>How often last-seen / last-report are checkpointed to the activity table (when they moved).</summary>
    public static readonly TimeSpan CheckpointPeriod = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a change waits for its graph projection before it is acked anyway. The graph's partitions are shared by
    /// every device of an account: one on a dead silo must not stall every device's acks (the projection is retried).
    /// </summary>
    public static readonly TimeSpan ProjectionWait = TimeSpan.FromSeconds(2);

    /// <summary>How often an overdue projection is sent again (the current state, until one completes).</summary>
    public static readonly TimeSpan ProjectionRetryPeriod = TimeSpan.FromSeconds(5);

    private const int MaxHistoryLimit = 500;

    private CachedPolicy? _policy;
    private AccountSettings _settings = AccountSettings.Default;
    private DateTimeOffset? _lastSeen;
    private DateTimeOffset? _lastReport;
    private long _lastSequence;
    private DateTimeOffset? _checkpointedSeen;
    private DateTimeOffset? _checkpointedReport;
    private IGrainTimer? _offlineTimer;
    private IGrainTimer? _checkpointTimer;
    private string? _connectionId;
    private IGrainTimer? _projectionRetry;
    private bool _projectedInFull;
    private bool _migrated;

    private string DeviceId => this.GetPrimaryKeyString();
    private bool Enrolled => state.State.AccountId is not null && state.State.Facts is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A migrated activation (a graceful silo stop moves grains to another silo) arrives with the state its previous
        // activation held, which was seen to lag storage by a write: the next unchanged-looking report would then be acked
        // from memory without being stored (docs/reliability.md, bug 11). Storage is the truth: read it again.
        if (_migrated) await state.ReadStateAsync(cancellationToken);
        if (!Enrolled) return;
        var device = state.State;
        _lastSeen = device.LastSeenOn;
        _lastReport = device.LastReportOn;
        _lastSequence = device.LastSequence;
        if (await history.ReadActivityAsync(DeviceId, cancellationToken) is { } activity)
        {
            _lastSeen = Later(_lastSeen, activity.LastSeenOn);
            _lastReport = Later(_lastReport, activity.LastReportOn);
        }
        (_checkpointedSeen, _checkpointedReport) = (_lastSeen, _lastReport);
        await FlushPendingHistoryAsync();

        var configuration = await Account().GetConfiguration();
        _settings = configuration.Settings;
        StartCheckpointTimer();
        if (device.Online)
        {
            // Offline since before this activation (e.g. its silo died): record it now, exactly when it became due.
            await RecordOfflineIfDueAsync(time.GetUtcNow());
            if (device.Online) StartOfflineTimer();
        }
        // Catch up with a policy change this device missed (e.g. a fan-out cut short by a crash). No write if nothing changes.
        var recorded = configuration.PolicyVersion != device.PolicyVersion && await ReevaluateCoreAsync(configuration.PolicyVersion);
        // Every activation projects in full, so partitions rebuilt after a crash converge (docs/graph.md); a recorded
        // change already did, as it is this activation's first projection.
        if (!recorded) await ProjectAsync();
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _migrated = true;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Enrolled) await CheckpointAsync();
    }

    public async Task<DeviceEnrollmentResult> Enroll(DeviceEnrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(enrollment.Facts);
        if (!AccountIds.IsWellFormed(enrollment.AccountId)) throw new ArgumentException($"'{enrollment.AccountId}' is not an account id.", nameof(enrollment));
        if (string.IsNullOrWhiteSpace(enrollment.PersonEmail)) throw new ArgumentException("An enrolment needs the person's e-mail.", nameof(enrollment));
        if (string.IsNullOrWhiteSpace(enrollment.AgentTokenHash)) throw new ArgumentException("An enrolment needs the agent token hash.", nameof(enrollment));
        if (!DeviceIds.IsWellFormed(DeviceId)) throw new InvalidOperationException($"'{DeviceId}' is not a device id (dev_ + 32 hex digits).");

        var device = state.State;
        if (device.AccountId is { } owner && owner != enrollment.AccountId)
            throw new InvalidOperationException($"Device {DeviceId} belongs to another account.");
        var reenrolled = device.AccountId is not null;
        var now = time.GetUtcNow();
        var email = PersonIds.NormalizeEmail(enrollment.PersonEmail);
        var personId = PersonIds.For(enrollment.AccountId, email);
        // No enrollment replaces another person's token or facts (docs/security.md, Device identity).
        if (device.PersonId is { } person && person != personId)
            throw new InvalidOperationException($"Device {DeviceId} belongs to another person.");

        // Links first: a device that is listed or linked but never stored reads as null and is skipped. The two are
        // independent of each other, so they are written at the same time.
        await Task.WhenAll(
            GrainFactory.GetGrain<IPersonGrain>(personId).LinkDevice(enrollment.AccountId, email, enrollment.PersonName, DeviceId),
            GrainFactory.PartitionFor(enrollment.AccountId, MemberKind.Device, DeviceId).Add(DeviceId));

        var configuration = await GrainFactory.GetGrain<IAccountPolicyGrain>(enrollment.AccountId).GetConfiguration();
        _settings = configuration.Settings;
        _policy = await policies.GetAsync(enrollment.AccountId, configuration.PolicyVersion);

        device.AccountId = enrollment.AccountId;
        device.PersonId = personId;
        device.PersonEmail = email;
        device.AgentTokenHash = enrollment.AgentTokenHash.ToLowerInvariant();
        if (!reenrolled) device.EnrolledOn = now;
        device.Facts = enrollment.Facts;
        device.CollectedOn = now;
        // A new token is a new agent installation, whose report sequence starts again.
        device.LastSequence = _lastSequence = 0;
        device.PolicyVersion = _policy.Version;
        _lastSeen = Later(_lastSeen, now);
        _lastReport = device.LastReportOn = now;
        device.LastSeenOn = _lastSeen;

        await RecordAsync(Evaluate(enrollment.Facts, now), now, factsChanged: true);
        // Now that the device is in the graph, the person's IdP users own it too (User OWNS Device, docs/scim.md). One-way.
        GrainFactory.GetGrain<IScimDirectoryGrain>(ScimKeys.Directory(enrollment.AccountId)).PersonDevicesChanged(email).Ignore();
        StartCheckpointTimer();
        LogEnrolled(logger, DeviceId, enrollment.AccountId, reenrolled);
        return new DeviceEnrollmentResult(DeviceId, personId, reenrolled, _policy.Version);
    }

    public async Task<ReportOutcome> Report(long sequence, DateTimeOffset collectedAt, DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        EnsureEnrolled();
        var now = time.GetUtcNow();
        await MarkAliveAsync(now);
        var device = state.State;

        if (sequence <= _lastSequence) return Outcome(sequence, ReportDisposition.Duplicate);

        _lastReport = now;
        if (facts.Equals(device.Facts))
        {
            // The hot path: nothing to write (last-seen and the sequence stay in memory, checkpointed by timer).
            _lastSequence = sequence;
            // A waiver that expired since the last evaluation changes the result even with the same facts.
            if (HasExpiredWaiver(now))
            {
                await CurrentPolicyAsync();
                await RecordAsync(Evaluate(facts, now), now, factsChanged: false);
            }
            return Outcome(sequence, ReportDisposition.Unchanged);
        }

        await CurrentPolicyAsync();
        device.Facts = facts;
        device.CollectedOn = collectedAt;
        device.LastSequence = _lastSequence = sequence;
        device.LastReportOn = now;
        device.LastSeenOn = _lastSeen;
        await RecordAsync(Evaluate(facts, now), now, factsChanged: true);
        return Outcome(sequence, ReportDisposition.Applied);
    }

    public async Task SetConnectivity(bool online, DateTimeOffset at, string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        EnsureEnrolled();
        if (online)
        {
            // The newest stream is the device's connection, whichever gateway holds it.
            _connectionId = connectionId;
            await MarkAliveAsync(at);
        }
        else
        {
            // A replaced stream closing late (the agent moved from gateway A to B before A noticed) says nothing about the device.
            // Unknown after a reactivation (null): the close is believed, as the next heartbeat would correct it.
            if (_connectionId is not null && _connectionId != connectionId) return;
            await RecordOfflineIfDueAsync(at);
            if (state.State.Online) await RecordConnectivityAsync(false, at);
        }
    }

    public async Task Heartbeat(DateTimeOffset at, string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        EnsureEnrolled();
        // The current stream is in memory only (no write per connect): after a reactivation, or once the device went
        // offline, the stream that shows a sign of life is the current one.
        if (_connectionId is null || !state.State.Online) _connectionId = connectionId;
        await MarkAliveAsync(at);
    }

    public Task Project() => Enrolled ? ProjectAsync() : Task.CompletedTask;

    public Task Reevaluate(long policyVersion) => Enrolled ? ReevaluateCoreAsync(policyVersion) : Task.CompletedTask;

    public Task ApplySettings(AccountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        if (Enrolled && state.State.Online) StartOfflineTimer();
        return Task.CompletedTask;
    }

    public Task<DeviceDetails?> Get()
    {
        if (!Enrolled) return Task.FromResult<DeviceDetails?>(null);
        var device = state.State;
        return Task.FromResult<DeviceDetails?>(new DeviceDetails(
            DeviceId, device.AccountId!, device.PersonId, device.PersonEmail, device.Facts!, device.Status, device.Compliant,
            [.. device.Checks], device.Online, _lastSeen, _lastReport, _lastSequence, _policy?.Version ?? device.PolicyVersion,
            device.EnrolledOn, device.StatusChangedOn));
    }

    public Task<string?> GetAccountId() => Task.FromResult(Enrolled ? state.State.AccountId : null);

    public Task<bool> IsAgentToken(string tokenHash)
    {
        if (state.State.AgentTokenHash is not { } stored || string.IsNullOrEmpty(tokenHash)) return Task.FromResult(false);
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(tokenHash.ToLowerInvariant())));
    }

    public async Task<IReadOnlyList<DeviceHistoryEntry>> GetRecentHistory(int limit)
    {
        if (!Enrolled) return [];
        var entries = await history.ReadDeviceAsync(DeviceId, Math.Clamp(limit, 1, MaxHistoryLimit));
        return [.. entries.Select(e => new DeviceHistoryEntry(e.CheckId, e.At, e.OldStatus, e.NewStatus, e.Waived, e.Detail))];
    }

    /// <summary>Evaluates the stored facts against <paramref name="policyVersion"/>; returns whether the results changed (and were recorded).</summary>
    private async Task<bool> ReevaluateCoreAsync(long policyVersion)
    {
        _policy = await policies.GetAsync(state.State.AccountId!, policyVersion);
        var now = time.GetUtcNow();
        var result = Evaluate(state.State.Facts!, now);
        // In memory only unless the results change: then it is written with them.
        state.State.PolicyVersion = _policy.Version;
        return await RecordAsync(result, now, factsChanged: false);
    }

    private EvaluationResult Evaluate(DeviceFacts facts, DateTimeOffset now) =>
        PolicyEvaluator.Evaluate(_policy!.Policy, facts, new WaiverSubject(DeviceId, state.State.PersonEmail), now);

    private async Task CurrentPolicyAsync() =>
        _policy ??= await policies.GetAsync(state.State.AccountId!, state.State.PolicyVersion);

    private bool HasExpiredWaiver(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var check in state.State.Checks)
        {
            if (check.Waiver is { } waiver && waiver.Expires < today) return true;
        }
        return false;
    }

    /// <summary>
    /// Stores a new evaluation if it differs (or <paramref name="factsChanged"/>: the state must be written anyway),
    /// records the transitions, then tells the sinks. Returns whether anything was written.
    /// </summary>
    private async Task<bool> RecordAsync(EvaluationResult result, DateTimeOffset now, bool factsChanged)
    {
        var device = state.State;
        var changedChecks = DeviceTransitions.ChangedCheckIds(device.Checks, result.Checks);
        var resultsChanged = changedChecks.Count > 0 || device.Status != result.Status;
        if (!resultsChanged && !factsChanged) return false;

        var oldStatus = device.Status;
        var transitions = DeviceTransitions.Compute(device.AccountId!, DeviceId, device.Revision + 1, now, device.Status, device.Checks, result);
        if (transitions.Count > 0)
        {
            device.Revision++;
            device.PendingHistory.AddRange(transitions);
        }
        if (oldStatus != result.Status) device.StatusChangedOn = now;
        device.Status = result.Status;
        device.Compliant = result.Compliant;
        device.Checks = [.. result.Checks];
        if (_policy is not null) device.PolicyVersion = _policy.Version;
        device.LastSeenOn = _lastSeen;
        await WriteStateAsync();
        await FlushPendingHistoryAsync();

        // The graph first: whoever the change event wakes (standing queries, alert rules) reads the graph and must see it.
        // New facts move the Device and the HostAgent; the same facts only the HostAgent's results.
        await ProjectChangesAsync(factsChanged ? ProjectionScope.DeviceAndAgent : ProjectionScope.Agent);
        // New facts that left the results alone still changed the device's graph entities.
        var kind = resultsChanged ? DeviceChangeKind.Compliance : DeviceChangeKind.Facts;
        await changes.OnDeviceChangedAsync(new DeviceChange(
            device.AccountId!, DeviceId, kind, oldStatus, result.Status, result.Compliant, changedChecks, device.Online, now)
        {
            FailingCheckIds = [.. device.Checks.Where(c => c.Status == CheckStatus.Fail && c.Waiver is null).Select(c => c.CheckId)],
        });
        return true;
    }

    private async Task MarkAliveAsync(DateTimeOffset at)
    {
        // Silence longer than the timeout is an offline stretch even if the timer has not noticed it yet
        // (a tick still queued, or this activation is new): record it where it began, then come back online.
        await RecordOfflineIfDueAsync(at);
        _lastSeen = Later(_lastSeen, at);
        if (!state.State.Online) await RecordConnectivityAsync(true, at);
    }

    private async Task RecordOfflineIfDueAsync(DateTimeOffset now)
    {
        if (!state.State.Online || _lastSeen is not { } seen) return;
        var due = seen + TimeSpan.FromSeconds(_settings.OfflineAfterSeconds);
        if (now >= due) await RecordConnectivityAsync(false, due);
    }

    private async Task RecordConnectivityAsync(bool online, DateTimeOffset at)
    {
        var device = state.State;
        device.Online = online;
        device.Revision++;
        device.PendingHistory.Add(new HistoryEntry(
            device.AccountId!, DeviceId, device.Revision, HistoryCheckIds.Connectivity, at,
            online ? HistoryCheckIds.Offline : HistoryCheckIds.Online, online ? HistoryCheckIds.Online : HistoryCheckIds.Offline, false, null));
        device.LastSeenOn = _lastSeen;
        await WriteStateAsync();
        await FlushPendingHistoryAsync();
        if (online) StartOfflineTimer();
        else StopOfflineTimer();
        await ProjectChangesAsync(ProjectionScope.DeviceAndAgent);
        await changes.OnDeviceChangedAsync(new DeviceChange(
            device.AccountId!, DeviceId, DeviceChangeKind.Connectivity, device.Status, device.Status, device.Compliant, [], online, at));
    }

    /// <summary>
    /// Projects the device into the graph, waiting at most <see cref="ProjectionWait"/>: the state is already durable, the
    /// graph is derived from it. A projection that does not complete in time (its partition's silo died, the cluster has
    /// not noticed yet) is sent again by a timer with the then current state until one completes; meanwhile later changes
    /// do not wait for the graph at all.
    /// </summary>
    private Task ProjectAsync() => ProjectAsync(ProjectionScope.Complete);

    /// <summary>
    /// Projects only the entities in <paramref name="moved"/> when this activation's last complete projection went through;
    /// otherwise in full, as the graph may not hold the device's other entities and relationships yet.
    /// </summary>
    private Task ProjectChangesAsync(ProjectionScope moved) => ProjectAsync(_projectedInFull ? moved : ProjectionScope.Complete);

    private async Task ProjectAsync(ProjectionScope scope)
    {
        if (_projectionRetry is not null) return;
        if (await TryProjectAsync(scope)) return;
        _projectionRetry = this.RegisterGrainTimer(RetryProjectionAsync,
            new GrainTimerCreationOptions(ProjectionRetryPeriod, ProjectionRetryPeriod) { KeepAlive = true });
    }

    private async Task RetryProjectionAsync(CancellationToken cancellationToken)
    {
        if (!await TryProjectAsync(ProjectionScope.Complete)) return;
        _projectionRetry?.Dispose();
        _projectionRetry = null;
        LogProjectionCaughtUp(logger, DeviceId);
    }

    private async Task<bool> TryProjectAsync(ProjectionScope scope)
    {
        try
        {
            await projections.OnDeviceProjectedAsync(Projection(scope)).AsTask().WaitAsync(ProjectionWait, time);
            _projectedInFull |= scope == ProjectionScope.Complete;
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogProjectionDelayed(logger, DeviceId, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// Every change is made in memory, then written. When the write fails, memory is ahead of storage and must not answer
    /// anything: a resent report would be acked as a duplicate of one never stored. The activation is dropped (the error
    /// still reaches the caller, so nothing is acked) and the next call activates the device again from its stored state.
    /// </summary>
    private async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogStateWriteFailed(logger, ex, DeviceId);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Appends the outbox to the history table: only what the state write did not already carry (group-commit storage writes
    /// it in the state's transaction, <see cref="Storage.IStateOutbox"/>), or rows left by a crash. On failure the rows stay in
    /// the (durable) state and go with the next write or activation.
    /// </summary>
    private async Task FlushPendingHistoryAsync()
    {
        var pending = state.State.PendingHistory;
        if (pending.Count == 0) return;
        try
        {
            await history.AppendAsync([.. pending]);
            pending.Clear();
        }
        catch (Exception ex)
        {
            LogHistoryAppendFailed(logger, ex, DeviceId, pending.Count);
        }
    }

    private void StartOfflineTimer()
    {
        StopOfflineTimer();
        // Checked a few times per timeout: offline is noticed at most a third of the timeout late, and
        // recorded at the exact moment it became due (last sign of life + timeout).
        var period = TimeSpan.FromSeconds(Math.Max(1, _settings.OfflineAfterSeconds / 3));
        _offlineTimer = this.RegisterGrainTimer(CheckOfflineAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = false });
        Task CheckOfflineAsync(CancellationToken cancellationToken) => RecordOfflineIfDueAsync(time.GetUtcNow());
    }

    private void StopOfflineTimer()
    {
        _offlineTimer?.Dispose();
        _offlineTimer = null;
    }

    public async Task<bool> Remove()
    {
        if (!Enrolled) return false;
        var accountId = state.State.AccountId!;
        StopOfflineTimer();
        _checkpointTimer?.Dispose();
        _checkpointTimer = null;
        // Cleared first: from here the device reads as missing everywhere and its token matches nothing.
        await state.ClearStateAsync();
        state.State = new DeviceState();
        await projections.OnDeviceRemovedAsync(accountId, DeviceId, time.GetUtcNow());
        await GrainFactory.GetGrain<IAgentConnectionsGrain>(accountId).Disconnect(DeviceId);
        LogRemoved(logger, DeviceId, accountId);
        DeactivateOnIdle();
        return true;
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "Device {DeviceId} of {AccountId} removed")]
    private static partial void LogRemoved(ILogger logger, string deviceId, string accountId);

    private void StartCheckpointTimer() =>
        _checkpointTimer ??= this.RegisterGrainTimer(_ => CheckpointAsync(), new GrainTimerCreationOptions(CheckpointPeriod, CheckpointPeriod) { KeepAlive = false });

    private async Task CheckpointAsync()
    {
        if (_lastSeen == _checkpointedSeen && _lastReport == _checkpointedReport) return;
        var (seen, report) = (_lastSeen, _lastReport);
        try
        {
            await history.RecordActivityAsync(new DeviceActivity(state.State.AccountId!, DeviceId, report, seen));
            (_checkpointedSeen, _checkpointedReport) = (seen, report);
        }
        catch (Exception ex)
        {
            LogCheckpointFailed(logger, ex, DeviceId);
        }
    }

    private ReportOutcome Outcome(long sequence, ReportDisposition disposition)
    {
        var device = state.State;
        return new ReportOutcome(sequence, device.Status ?? ComplianceStatus.Unknown, device.Compliant, [.. device.Checks],
            _policy?.Version ?? device.PolicyVersion, disposition);
    }

    private DeviceProjection Projection(ProjectionScope scope)
    {
        var device = state.State;
        return new DeviceProjection(
            device.AccountId!, DeviceId, device.PersonId, device.PersonEmail, device.Facts!, device.Status?.ToWire(), device.Compliant,
            [.. device.Checks.Where(c => c.BreaksCompliance).Select(c => c.CheckId)], device.Online, _lastSeen, _lastReport)
        {
            Scope = scope,
        };
    }

    private IAccountPolicyGrain Account() => GrainFactory.GetGrain<IAccountPolicyGrain>(state.State.AccountId!);

    private void EnsureEnrolled()
    {
        if (!Enrolled) throw new InvalidOperationException($"Device {DeviceId} is not enrolled.");
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Device {DeviceId} enrolled in account {AccountId} (re-enrolment: {Reenrolled})")]
    private static partial void LogEnrolled(ILogger logger, string deviceId, string accountId, bool reenrolled);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Device {DeviceId}: appending {Count} history rows failed; they stay pending in the device state")]
    private static partial void LogHistoryAppendFailed(ILogger logger, Exception exception, string deviceId, int count);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Device {DeviceId}: writing its state failed; nothing is acked, the device reloads its stored state")]
    private static partial void LogStateWriteFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Device {DeviceId}: the graph did not take its projection in time ({ErrorType}); acked anyway, retrying the projection")]
    private static partial void LogProjectionDelayed(ILogger logger, string deviceId, string errorType);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Information, Message = "Device {DeviceId}: the graph has its projection again")]
    private static partial void LogProjectionCaughtUp(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Device {DeviceId}: activity checkpoint failed; retried at the next one")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string deviceId);
}
