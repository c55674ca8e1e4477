using Fleet.Contracts.Accounts;
using Fleet.Silo.Hosting;

namespace Fleet.Silo.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", FleetSiloExtensions.GrainStorage)] IPersistentState<AccountState> state,
    TimeProvider time) : Grain, IAccountGrain
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

    private AccountInfo ToInfo() => new(this.GetPrimaryKeyString(), state.State.Name!, state.State.CreatedOn);
}
