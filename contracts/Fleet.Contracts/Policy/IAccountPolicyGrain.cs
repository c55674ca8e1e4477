namespace Fleet.Contracts.Policy;

/// <summary>
/// The policy and settings half of the account grain (same grain, same key: the account id).
/// <see cref="Accounts.IAccountGrain"/> extends it; use either reference.
/// </summary>
public interface IAccountPolicyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates and stores a policy as version N+1, then re-evaluates every device of the account in
    /// the background (bounded parallel fan-out). An invalid policy is refused whole: nothing is stored.
    /// Keys Fleet does not know come back as warnings (the rest is stored), or as errors when <paramref name="strict"/>.
    /// </summary>
    Task<PolicyUpdateResult> SetPolicy(string text, string format, bool strict = false);

    /// <summary>The current policy (version 0, empty, until the first upload).</summary>
    [ReadOnly]
    Task<PolicyDocument> GetPolicy();

    /// <summary>
    /// Every stored policy version with the time it was stored, oldest first (the newest
    /// <c>AccountPolicyState.MaxVersionsKept</c>), for audit evidence: which policy was in force when.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<PolicyVersion>> GetPolicyVersions();

    [ReadOnly]
    Task<AccountSettings> GetSettings();

    /// <summary>Stores valid settings; returns the field errors (nothing stored) otherwise.</summary>
    Task<Dictionary<string, string[]>> SetSettings(AccountSettings settings);

    /// <summary>Policy version and settings in one small answer (device activation, agent hello).</summary>
    [ReadOnly]
    Task<AccountConfiguration> GetConfiguration();

    /// <summary>The policy version whose re-evaluation fan-out has finished (for tests and readiness).</summary>
    [ReadOnly]
    Task<long> GetReevaluatedPolicyVersion();
}
