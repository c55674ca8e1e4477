using System.Globalization;
using System.Text.RegularExpressions;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>
/// Debian/Ubuntu: updates install by themselves when the unattended-upgrades package is installed and
/// APT::Periodic::Unattended-Upgrade is a non-zero day count in /etc/apt/apt.conf.d (usually
/// 20auto-upgrades). Files are read in name order and a later file overrides an earlier one, as apt does.
/// </summary>
public static partial class AptAutoUpgradesParser
{
    /// <param name="confFiles">(file name, content) of /etc/apt/apt.conf.d, in name order.</param>
    /// <param name="packageInstalled">True/false from dpkg-query, null when that could not be asked.</param>
    /// <param name="packageUnknownReason">Why the package state is unknown.</param>
    public static Fact Parse(IReadOnlyList<(string Name, string Content)> confFiles, bool? packageInstalled, string? packageUnknownReason)
    {
        (string File, string Value)? setting = null;
        foreach (var (name, content) in confFiles)
        {
            foreach (Match match in UnattendedUpgrade().Matches(StripComments(content)))
            {
                setting = (name, match.Groups[1].Value);
            }
        }
        if (packageInstalled == false)
        {
            return Fact.Off("the unattended-upgrades package is not installed");
        }
        if (setting is null)
        {
            return Fact.Off("APT::Periodic::Unattended-Upgrade is not set in /etc/apt/apt.conf.d");
        }
        var (file, value) = setting.Value;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days <= 0)
        {
            return Fact.Off($"APT::Periodic::Unattended-Upgrade \"{value}\" in {file}");
        }
        return packageInstalled == true
            ? Fact.On($"APT::Periodic::Unattended-Upgrade \"{value}\" in {file}; unattended-upgrades installed")
            : Fact.Unknown($"APT::Periodic::Unattended-Upgrade \"{value}\" in {file}, but whether unattended-upgrades is installed is unknown: {packageUnknownReason}");
    }

    /// <summary>`dpkg-query -W -f '${Status}' unattended-upgrades` prints "install ok installed" when installed.</summary>
    public static bool? ParsePackageStatus(Commands.CommandResult result)
    {
        if (result.Succeeded)
        {
            return result.Stdout.Trim().EndsWith(" installed", StringComparison.Ordinal);
        }
        return result.Outcome == Commands.CommandOutcome.Exited && result.Stderr.Contains("no packages found", StringComparison.OrdinalIgnoreCase)
            ? false
            : null;
    }

    private static string StripComments(string content) =>
        string.Join('\n', content.Split('\n').Select(l => l.TrimStart().StartsWith('#') || l.TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : l));

    [GeneratedRegex("APT::Periodic::Unattended-Upgrade\\s+\"([^\"]*)\"\\s*;", RegexOptions.IgnoreCase)]
    private static partial Regex UnattendedUpgrade();
}
