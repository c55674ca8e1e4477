namespace Fleet.Agent.Configuration;

/// <summary>Where the agent keeps its files: the user's own configuration folder, never a system one.</summary>
public static class AgentPaths
{
    public const string FolderName = "fleet-agent";

    public static string DefaultConfigDirectory()
    {
        if (System.OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), FolderName);
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (System.OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", FolderName);
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".config") : xdg, FolderName);
    }
}
