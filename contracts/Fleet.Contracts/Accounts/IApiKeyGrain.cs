namespace Fleet.Contracts.Accounts;

/// <summary>Whom a key authenticates: the account, and the key's id within it (for revocation).</summary>
[GenerateSerializer, Immutable, Alias("fleet.ApiKeyOwner")]
public sealed record ApiKeyOwner([property: Id(0)] string AccountId, [property: Id(1)] string KeyId);

/// <summary>
/// Maps an account API key to its account. Keyed by <see cref="ApiKeys.GrainKey"/> (a hash): the key
/// itself is never stored, so a leaked database does not leak working keys.
/// </summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task Assign(string accountId, string keyId);

    /// <summary>The account this key belongs to, or null for an unknown or revoked key.</summary>
    [ReadOnly]
    Task<string?> GetAccountId();

    /// <summary>The key's owner, or null for an unknown or revoked key; notes the use (stored at most hourly).</summary>
    Task<ApiKeyOwner?> Authenticate();

    [ReadOnly]
    Task<DateTimeOffset?> LastUsedOn();

    /// <summary>Forgets the key: from the end of this call it authenticates nothing.</summary>
    Task Revoke();
}
