using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>
/// The subkeys of ...\CurrentVersion\Uninstall: one per installed program with DisplayName and
/// DisplayVersion. Subkeys without DisplayName, and SystemComponent=1 entries (hidden from
/// "Apps &amp; features"), are updates and parts, not applications.
/// </summary>
public static class WindowsUninstallParser
{
    public static IReadOnlyList<InstalledApplication> Parse(IEnumerable<RegistryKey> subkeys) =>
        subkeys
            .Where(key => !string.IsNullOrWhiteSpace(key["DisplayName"]?.Data) && key["SystemComponent"]?.AsNumber() != 1)
            .Select(key => new InstalledApplication(key["DisplayName"]!.Data, NullIfEmpty(key["DisplayVersion"]?.Data)))
            .ToList();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
