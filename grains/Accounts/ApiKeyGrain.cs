using Fleet.Contracts.Accounts;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Accounts;

public sealed class ApiKeyGrain(
    [PersistentState("apiKey", FleetSiloExtensions.GrainStorage)] IPersistentState<ApiKeyState> state,
    TimeProvider time) : Grain, IApiKeyGrain
{
    /// <summary>A key's last use is stored at most this often: every request must not be a storage write.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromHours(1);

    private DateTimeOffset? lastUsedOn;

    public async Task Assign(string accountId, string keyId)
    {
        if (state.State.AccountId is { } existing && existing != accountId)
            throw new InvalidOperationException("This API key already belongs to another account.");
        state.State.AccountId = accountId;
        state.State.KeyId = keyId;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAccountId() => Task.FromResult(state.State.AccountId);

    public async Task<ApiKeyOwner?> Authenticate()
    {
        if (state.State.AccountId is not { } accountId)
            return null;
        var now = time.GetUtcNow();
        lastUsedOn = now;
        if (state.State.KeyId is null)
        {
            state.State.KeyId = await GrainFactory.GetGrain<IAccountApiKeysGrain>(accountId).Adopt(this.GetPrimaryKeyString());
            state.State.LastUsedOn = now;
            await state.WriteStateAsync();
        }
        else if (state.State.LastUsedOn is not { } stored || now - stored >= LastUsedResolution)
        {
            state.State.LastUsedOn = now;
            await state.WriteStateAsync();
        }
        return new ApiKeyOwner(accountId, state.State.KeyId);
    }

    public Task<DateTimeOffset?> LastUsedOn() => Task.FromResult(lastUsedOn ?? state.State.LastUsedOn);

    public async Task Revoke()
    {
        await state.ClearStateAsync();
        state.State = new ApiKeyState();
        lastUsedOn = null;
    }
}
