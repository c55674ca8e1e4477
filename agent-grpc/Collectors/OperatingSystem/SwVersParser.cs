namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>Parses `sw_vers`: "ProductName:\tmacOS", "ProductVersion:\t14.6.1", "BuildVersion:\t23G93".</summary>
public static class SwVersParser
{
    public static (string Name, string Version, string? Build)? Parse(string stdout)
    {
        string? name = null, version = null, build = null;
        foreach (var line in stdout.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var value = line[(colon + 1)..].Trim();
            switch (line[..colon].Trim())
            {
                case "ProductName": name = value; break;
                case "ProductVersion": version = value; break;
                case "BuildVersion": build = value; break;
            }
        }
        return version is null ? null : (name ?? "macOS", version, build);
    }
}
