namespace Fleet.Contracts.Accounts;

/// <summary>
/// Maps an account API key to its account. Keyed by <see cref="ApiKeys.GrainKey"/> (a hash): the key
/// itself is never stored, so a leaked database does not leak working keys.
/// </summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task Assign(string accountId);

    /// <summary>The account this key belongs to, or null for an unknown key.</summary>
    [ReadOnly]
    Task<string?> GetAccountId();
}
