using System.Security;

namespace Fleet.Agent.Service;

/// <summary>
/// The text of the per-user service definitions. Pure, so the exact unit and plist are tested;
/// the installer only writes them and calls the platform's tool.
/// </summary>
public static class ServiceDefinitions
{
    public const string SystemdUnitName = "fleet-agent.service";
    public const string LaunchAgentLabel = "com.fleet.agent";
    public const string WindowsTaskName = "FleetAgent";

    public static IReadOnlyList<string> RunArguments(string? configDirectory) =>
        configDirectory is null ? ["run"] : ["run", "--config-dir", configDirectory];

    public static string SystemdUserUnit(string executable, string? configDirectory)
    {
        var command = string.Join(' ', new[] { executable }.Concat(RunArguments(configDirectory)).Select(SystemdQuote));
        return $"""
            [Unit]
            Description=Fleet compliance agent
            # The desktop session's variables (DISPLAY, XDG_CURRENT_DESKTOP) reach user services after login.
            After=graphical-session.target

            [Service]
            Type=simple
            ExecStart={command}
            Restart=always
            RestartSec=10
            # A compliance check must never need more than the user has.
            NoNewPrivileges=true

            [Install]
            WantedBy=default.target

            """;
    }

    public static string LaunchAgentPlist(string executable, string? configDirectory, string logPath)
    {
        var arguments = string.Concat(new[] { executable }.Concat(RunArguments(configDirectory))
            .Select(a => $"\n        <string>{SecurityElement.Escape(a)}</string>"));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
                <key>Label</key>
                <string>{LaunchAgentLabel}</string>
                <key>ProgramArguments</key>
                <array>{arguments}
                </array>
                <key>RunAtLoad</key>
                <true/>
                <key>KeepAlive</key>
                <true/>
                <key>ProcessType</key>
                <string>Background</string>
                <key>StandardOutPath</key>
                <string>{SecurityElement.Escape(logPath)}</string>
                <key>StandardErrorPath</key>
                <string>{SecurityElement.Escape(logPath)}</string>
            </dict>
            </plist>

            """;
    }

    /// <summary>The task's command line, as Windows parses it: the executable quoted, arguments quoted when needed.</summary>
    public static string WindowsCommandLine(string executable, string? configDirectory) =>
        string.Join(' ', new[] { executable }.Concat(RunArguments(configDirectory)).Select(a => a.Contains(' ', StringComparison.Ordinal) || a == executable ? $"\"{a}\"" : a));

    public static IReadOnlyList<string> SchtasksCreateArguments(string executable, string? configDirectory) =>
        ["/Create", "/F", "/SC", "ONLOGON", "/RL", "LIMITED", "/TN", WindowsTaskName, "/TR", WindowsCommandLine(executable, configDirectory)];

    /// <summary>systemd splits ExecStart on spaces unless quoted; '%' starts a specifier and is doubled.</summary>
    public static string SystemdQuote(string argument)
    {
        var escaped = argument.Replace("%", "%%", StringComparison.Ordinal);
        if (escaped.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\' or '\'' or ';' or '$'))
        {
            return "\"" + escaped.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("$", "$$", StringComparison.Ordinal) + "\"";
        }
        return escaped;
    }
}
