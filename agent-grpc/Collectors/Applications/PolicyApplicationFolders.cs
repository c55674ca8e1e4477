using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>The folders the policy's applications name for this platform (Stethoscope's <c>paths</c>).</summary>
public static class PolicyApplicationFolders
{
    public static IReadOnlyList<string> From(string? policyJson, Platform platform)
    {
        if (string.IsNullOrEmpty(policyJson) || PlatformKeys.KeyFor(platform) is not { } key)
        {
            return [];
        }
        var policy = PolicyParser.Parse(policyJson).Policy;
        return policy is null
            ? []
            : policy.Applications.SelectMany(a => a.Paths).Where(p => p.Platform == key).Select(p => p.Folder).Distinct(StringComparer.Ordinal).ToList();
    }
}
