using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>The installed applications, or why none could be listed (then application checks are UNKNOWN).</summary>
public sealed record ApplicationInventory(IReadOnlyList<InstalledApplication>? Applications, string? UnknownReason)
{
    public static ApplicationInventory Of(IEnumerable<InstalledApplication> applications) =>
        new(applications.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Version, StringComparer.Ordinal).ToList(), null);

    public static ApplicationInventory Unknown(string reason) => new(null, reason);
}
