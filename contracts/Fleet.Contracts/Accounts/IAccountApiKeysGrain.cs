namespace Fleet.Contracts.Accounts;

/// <summary>One API key of an account as listed: never the key, never its hash.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedOn,
    [property: Id(3)] DateTimeOffset? LastUsedOn);

[GenerateSerializer]
public enum ApiKeyRevocation
{
    Revoked = 0,
    /// <summary>The account has no key with this id.</summary>
    NotFound = 1,
    /// <summary>The account's last key: revoking it would lock the account out (refused).</summary>
    LastKey = 2,
}

/// <summary>
/// The API keys of one account (docs/security.md, Authentication keys and revocation): names, ids and the hashes that
/// address each key's <see cref="IApiKeyGrain"/>. Keyed by the account id.
/// </summary>
public interface IAccountApiKeysGrain : IGrainWithStringKey
{
    public const int MaxKeys = 100;

    /// <summary>Records a key (its grain key, <see cref="ApiKeys.GrainKey"/>) and assigns it to the account; null when the account has <see cref="MaxKeys"/> keys.</summary>
    Task<ApiKeyInfo?> Add(string name, string apiKeyGrainKey);

    [ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> List();

    /// <summary>Revokes a key at once: its grain forgets it, and gateways close the dashboards connected with it.</summary>
    Task<ApiKeyRevocation> Revoke(string id);

    /// <summary>A key assigned before keys had ids (the account's first key): recorded once, its id answered.</summary>
    Task<string> Adopt(string apiKeyGrainKey);
}
