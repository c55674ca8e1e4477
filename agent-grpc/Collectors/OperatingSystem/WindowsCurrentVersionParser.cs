using System.Globalization;
using Fleet.Agent.Collectors.Registry;

namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>
/// Reads HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion: version 10.0.&lt;CurrentBuild&gt;,
/// build &lt;CurrentBuild&gt;.&lt;UBR&gt; (the patch level), name from ProductName.
/// </summary>
public static class WindowsCurrentVersionParser
{
    // Windows 11 still says "Windows 10" in ProductName; build 22000 is the first Windows 11 build.
    private const int FirstWindows11Build = 22000;

    public static (string Name, string Version, string? Build)? Parse(RegistryKey? key)
    {
        var build = key?["CurrentBuild"]?.Data ?? key?["CurrentBuildNumber"]?.Data;
        if (key is null || build is null)
        {
            return null;
        }
        var major = key["CurrentMajorVersionNumber"]?.AsNumber() ?? 10;
        var minor = key["CurrentMinorVersionNumber"]?.AsNumber() ?? 0;
        var name = key["ProductName"]?.Data ?? "Windows";
        if (int.TryParse(build, NumberStyles.Integer, CultureInfo.InvariantCulture, out var buildNumber) && buildNumber >= FirstWindows11Build)
        {
            name = name.Replace("Windows 10", "Windows 11", StringComparison.Ordinal);
        }
        var displayVersion = key["DisplayVersion"]?.Data;
        if (!string.IsNullOrEmpty(displayVersion))
        {
            name = $"{name} {displayVersion}";
        }
        var ubr = key["UBR"]?.AsNumber();
        return (name, $"{major}.{minor}.{build}", ubr is null ? build : $"{build}.{ubr}");
    }
}
