using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// Microsoft Defender Firewall from the registry, readable by any user and the same in every language:
/// EnableFirewall of each profile (Domain, Private — "StandardProfile" locally — and Public) under
/// HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy, where a group-policy
/// value under HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall overrides the local one. On only when every
/// profile is on; null when a profile's state is not in the registry (the caller then asks netsh).
/// </summary>
public static class WindowsFirewallRegistryParser
{
    public const string LocalPath = @"HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy";
    public const string PolicyPath = @"HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall";

    /// <summary>(profile name, local subkey, policy subkey).</summary>
    public static readonly IReadOnlyList<(string Name, string Local, string Policy)> Profiles =
    [
        ("Domain", "DomainProfile", "DomainProfile"),
        ("Private", "StandardProfile", "PrivateProfile"),
        ("Public", "PublicProfile", "PublicProfile"),
    ];

    /// <param name="profiles">Per profile in <see cref="Profiles"/> order: the local key and the policy key (null when absent).</param>
    public static Fact? Parse(IReadOnlyList<(RegistryKey? Local, RegistryKey? Policy)> profiles)
    {
        var states = new List<(string Name, bool On, bool ByPolicy)>();
        for (var i = 0; i < Profiles.Count; i++)
        {
            var (local, policy) = profiles[i];
            var byPolicy = policy?["EnableFirewall"]?.AsNumber();
            var value = byPolicy ?? local?["EnableFirewall"]?.AsNumber();
            if (value is null)
            {
                return null;
            }
            states.Add((Profiles[i].Name, value != 0, byPolicy is not null));
        }
        var off = states.Where(s => !s.On).ToList();
        return off.Count == 0
            ? Fact.On("Domain, Private and Public profiles on (EnableFirewall=1)")
            : Fact.Off($"{string.Join(", ", off.Select(s => s.Name + (s.ByPolicy ? " (by group policy)" : "")))} profile{(off.Count > 1 ? "s" : "")} off (EnableFirewall=0)");
    }
}
