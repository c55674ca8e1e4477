using Fleet.Contracts.Accounts;
using Fleet.Grains.Hosting;
using Fleet.Grains.Policy;

namespace Fleet.Grains.Accounts;

/// <summary>One account. The policy and settings half lives in <c>Policy/AccountGrain.Policy.cs</c>.</summary>
public sealed partial class AccountGrain(
    [PersistentState("account", FleetSiloExtensions.GrainStorage)] IPersistentState<AccountState> state,
    [PersistentState("accountPolicy", FleetSiloExtensions.GrainStorage)] IPersistentState<AccountPolicyState> policyState,
    TimeProvider time,
    IAccountProjectionSink projections,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    public async Task<AccountInfo> Create(string name)
    {
        if (state.RecordExists)
            throw new InvalidOperationException($"Account {this.GetPrimaryKeyString()} already exists.");
        state.State.Name = name;
        state.State.CreatedOn = time.GetUtcNow();
        await state.WriteStateAsync();
        await ProjectAsync();
        return ToInfo();
    }

    public Task<AccountInfo?> Get() => Task.FromResult(state.RecordExists ? ToInfo() : null);

    private bool Exists => state.RecordExists;
    private IPersistentState<AccountPolicyState> PolicyState => policyState;
    private TimeProvider Time => time;
    private ILogger Logger => logger;

    /// <summary>
    /// The account's graph entity, after every change of what it shows (name, scan interval, policy version). Best effort:
    /// the change itself is stored already, and the next activation projects again.
    /// </summary>
    private async Task ProjectAsync()
    {
        if (!Exists) return;
        var policy = PolicyState.State;
        try
        {
            await projections.OnAccountProjectedAsync(new AccountProjection(this.GetPrimaryKeyString(), state.State.Name!, policy.Settings.ScanIntervalSeconds, policy.Version));
        }
        catch (Exception e)
        {
            LogProjectionFailed(logger, e, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Account {AccountId}: projecting it into the graph failed; it is projected again on its next activation")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string accountId);

    private AccountInfo ToInfo() => new(this.GetPrimaryKeyString(), state.State.Name!, state.State.CreatedOn);
}
