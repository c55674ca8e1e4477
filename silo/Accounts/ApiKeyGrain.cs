using Fleet.Contracts.Accounts;
using Fleet.Silo.Hosting;

namespace Fleet.Silo.Accounts;

public sealed class ApiKeyGrain(
    [PersistentState("apiKey", FleetSiloExtensions.GrainStorage)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task Assign(string accountId)
    {
        if (state.State.AccountId is { } existing && existing != accountId)
            throw new InvalidOperationException("This API key already belongs to another account.");
        state.State.AccountId = accountId;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAccountId() => Task.FromResult(state.State.AccountId);
}
