namespace Fleet.Gateway.Security;

public static class FleetPolicies
{
    /// <summary>The operator key: account administration.</summary>
    public const string Operator = "operator";

    /// <summary>An account's API key: everything inside that one account.</summary>
    public const string Account = "account";

    /// <summary>Either: reads that the operator and the account itself may both make.</summary>
    public const string OperatorOrAccount = "operatorOrAccount";
}
