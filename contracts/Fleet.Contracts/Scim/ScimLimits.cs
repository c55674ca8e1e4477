namespace Fleet.Contracts.Scim;

/// <summary>The fixed bounds of SCIM input (docs/scim.md, docs/security.md). Per-account counts are configuration (Fleet:Scim).</summary>
public static class ScimLimits
{
    /// <summary>Request bodies: a group of 10,000 members is about 600 KB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The largest page a list returns, whatever <c>count</c> asks (ServiceProviderConfig says so).</summary>
    public const int MaxPageSize = 200;

    /// <summary>userName, names, e-mail values, ids: longer strings are refused.</summary>
    public const int MaxValueLength = 512;

    public const int MaxEmails = 10;

    /// <summary>Operations in one PATCH.</summary>
    public const int MaxPatchOperations = 1_000;
}
