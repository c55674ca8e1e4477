namespace Fleet.Contracts.Accounts;

/// <summary>One tenant: its name, settings and policy. Keyed by the account id (<see cref="AccountIds"/>).</summary>
public interface IAccountGrain : IGrainWithStringKey, Policy.IAccountPolicyGrain
{
    /// <summary>Creates the account once; a second call with the same id fails.</summary>
    Task<AccountInfo> Create(string name);

    /// <summary>The account, or null when no account has this id.</summary>
    [ReadOnly]
    Task<AccountInfo?> Get();
}
