using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>
/// The installed applications and, when some source could not be read, why. Both set means the list is
/// partial: what it holds is installed, but an application missing from it may still be there.
/// Null applications: nothing could be listed (then application checks are UNKNOWN).
/// </summary>
public sealed record ApplicationInventory(IReadOnlyList<InstalledApplication>? Applications, string? UnknownReason)
{
    public static ApplicationInventory Of(IEnumerable<InstalledApplication> applications) => new(Sorted(applications), null);

    public static ApplicationInventory Partial(IEnumerable<InstalledApplication> applications, string reason) => new(Sorted(applications), reason);

    public static ApplicationInventory Unknown(string reason) => new(null, reason);

    private static List<InstalledApplication> Sorted(IEnumerable<InstalledApplication> applications) =>
        applications.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Version, StringComparer.Ordinal).ToList();
}
