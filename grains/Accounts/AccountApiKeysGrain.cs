using Fleet.Contracts.Accounts;
using Fleet.Contracts.Push;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Accounts;

/// <summary>
/// The key list of one account (docs/security.md, Authentication keys and revocation). The keys themselves are never
/// stored; each record holds the hash that addresses the key's <see cref="IApiKeyGrain"/>, which is the one place a
/// key is checked, so a revocation holds for every gateway from the moment it returns.
/// </summary>
public sealed partial class AccountApiKeysGrain(
    [PersistentState("accountApiKeys", FleetSiloExtensions.GrainStorage)] IPersistentState<AccountApiKeysState> state,
    TimeProvider time,
    ILogger<AccountApiKeysGrain> logger) : Grain, IAccountApiKeysGrain
{
    private string AccountId => this.GetPrimaryKeyString();

    public async Task<ApiKeyInfo?> Add(string name, string apiKeyGrainKey)
    {
        if (state.State.Keys.Count >= IAccountApiKeysGrain.MaxKeys)
            return null;
        var record = new AccountApiKeyRecord("key_" + Guid.NewGuid().ToString("N")[..16], name, time.GetUtcNow(), apiKeyGrainKey);
        // Listed before it works: a key that authenticates is always one the account can see and revoke.
        state.State.Keys.Add(record);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiKeyGrain>(apiKeyGrainKey).Assign(AccountId, record.Id);
        return new ApiKeyInfo(record.Id, record.Name, record.CreatedOn, null);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> List()
    {
        var lastUses = await Task.WhenAll(state.State.Keys.Select(k => GrainFactory.GetGrain<IApiKeyGrain>(k.GrainKey).LastUsedOn()));
        return [.. state.State.Keys.Select((k, i) => new ApiKeyInfo(k.Id, k.Name, k.CreatedOn, lastUses[i]))];
    }

    public async Task<ApiKeyRevocation> Revoke(string id)
    {
        var record = state.State.Keys.FirstOrDefault(k => k.Id == id);
        if (record is null)
            return ApiKeyRevocation.NotFound;
        if (state.State.Keys.Count == 1)
            return ApiKeyRevocation.LastKey;
        // The key stops working first; the list follows (a crash in between leaves a listed key that works no more).
        await GrainFactory.GetGrain<IApiKeyGrain>(record.GrainKey).Revoke();
        state.State.Keys.Remove(record);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountChangeFeedGrain>(AccountId).Publish(new ApiKeyRevokedEvent(AccountId, id, time.GetUtcNow()));
        LogRevoked(logger, AccountId, id);
        return ApiKeyRevocation.Revoked;
    }

    public async Task<string> Adopt(string apiKeyGrainKey)
    {
        if (state.State.Keys.FirstOrDefault(k => k.GrainKey == apiKeyGrainKey) is { } known)
            return known.Id;
        var record = new AccountApiKeyRecord("key_" + Guid.NewGuid().ToString("N")[..16], "initial key", time.GetUtcNow(), apiKeyGrainKey);
        state.State.Keys.Add(record);
        await state.WriteStateAsync();
        return record.Id;
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Account {AccountId}: API key {KeyId} revoked")]
    private static partial void LogRevoked(ILogger logger, string accountId, string keyId);
}

[GenerateSerializer, Alias("fleet.AccountApiKeysState")]
public sealed class AccountApiKeysState
{
    [Id(0)]
    public List<AccountApiKeyRecord> Keys { get; set; } = [];
}

/// <summary>One key of the account: <see cref="GrainKey"/> is the hash addressing its <see cref="IApiKeyGrain"/>, never the key.</summary>
[GenerateSerializer, Immutable, Alias("fleet.AccountApiKeyRecord")]
public sealed record AccountApiKeyRecord([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] DateTimeOffset CreatedOn, [property: Id(3)] string GrainKey);
