using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>
/// Package manager listings: "name\tversion" lines from `dpkg-query -W -f '${Package}\t${Version}\n'`,
/// `rpm -qa --qf '%{NAME}\t%{VERSION}\n'` and `flatpak list --app --columns=name,version`;
/// and the column table of `snap list` ("Name  Version  Rev  Tracking  Publisher  Notes").
/// </summary>
public static class PackageListParser
{
    public static IReadOnlyList<InstalledApplication> ParseTabSeparated(string stdout)
    {
        var applications = new List<InstalledApplication>();
        foreach (var rawLine in stdout.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var name = (tab < 0 ? line : line[..tab]).Trim();
            if (name.Length == 0)
            {
                continue;
            }
            var version = tab < 0 ? "" : line[(tab + 1)..].Trim();
            applications.Add(new InstalledApplication(name, version.Length == 0 || version == "(none)" ? null : version));
        }
        return applications;
    }

    public static IReadOnlyList<InstalledApplication> ParseSnapList(string stdout)
    {
        var applications = new List<InstalledApplication>();
        foreach (var line in stdout.Split('\n'))
        {
            var columns = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 2 || (columns[0] == "Name" && columns[1] == "Version"))
            {
                continue;
            }
            applications.Add(new InstalledApplication(columns[0], columns[1]));
        }
        return applications;
    }

    /// <summary>
    /// The source is not on this machine: the tool is missing, or it has no package database (dpkg-query on
    /// a Fedora that ships dpkg). Anything else that is not a clean exit is a failure of a source that exists.
    /// </summary>
    public static bool IsAbsentSource(Commands.CommandResult result) =>
        result.Outcome == Commands.CommandOutcome.NotFound
        || (result.Outcome == Commands.CommandOutcome.Exited && result.Stderr.Contains("cannot access archive", StringComparison.Ordinal)
            && result.Stderr.Contains("No such file or directory", StringComparison.Ordinal));
}
