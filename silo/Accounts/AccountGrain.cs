using Fleet.Contracts.Accounts;
using Fleet.Silo.Hosting;
using Fleet.Silo.Policy;

namespace Fleet.Silo.Accounts;

/// <summary>One account. The policy and settings half lives in <c>Policy/AccountGrain.Policy.cs</c>.</summary>
public sealed partial class AccountGrain(
    [PersistentState("account", FleetSiloExtensions.GrainStorage)] IPersistentState<AccountState> state,
    [PersistentState("accountPolicy", FleetSiloExtensions.GrainStorage)] IPersistentState<AccountPolicyState> policyState,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    public async Task<AccountInfo> Create(string name)
    {
        if (state.RecordExists)
            throw new InvalidOperationException($"Account {this.GetPrimaryKeyString()} already exists.");
        state.State.Name = name;
        state.State.CreatedOn = time.GetUtcNow();
        await state.WriteStateAsync();
        return ToInfo();
    }

    public Task<AccountInfo?> Get() => Task.FromResult(state.RecordExists ? ToInfo() : null);

    private bool Exists => state.RecordExists;
    private IPersistentState<AccountPolicyState> PolicyState => policyState;
    private TimeProvider Time => time;
    private ILogger Logger => logger;

    private AccountInfo ToInfo() => new(this.GetPrimaryKeyString(), state.State.Name!, state.State.CreatedOn);
}
