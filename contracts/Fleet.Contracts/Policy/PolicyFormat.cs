namespace Fleet.Contracts.Policy;

/// <summary>The format a policy was uploaded in; it is kept and served back as written.</summary>
public static class PolicyFormat
{
    public const string Yaml = "yaml";
    public const string Json = "json";
}
