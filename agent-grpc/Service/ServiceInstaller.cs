using System.Runtime.InteropServices;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Configuration;

namespace Fleet.Agent.Service;

/// <summary>
/// Installs the agent as a per-user service, without admin rights: a systemd --user unit, a
/// LaunchAgent, or a logon task (falling back to the HKCU Run key where task creation is refused).
/// Returns what it did as a message; never throws for a missing tool.
/// </summary>
public sealed class ServiceInstaller(ICommandRunner commands, string home, Func<string, string?> environment)
{
    public async Task<(bool Ok, string Message)> InstallAsync(string executable, string? configDirectory, CancellationToken cancellationToken)
    {
        if (System.OperatingSystem.IsLinux())
        {
            var path = SystemdUnitPath();
            PrivateFile.WriteAllText(path, ServiceDefinitions.SystemdUserUnit(executable, configDirectory));
            var reload = await commands.RunAsync("systemctl", ["--user", "daemon-reload"], cancellationToken).ConfigureAwait(false);
            if (!reload.Succeeded)
            {
                return (false, $"Wrote {path}, but the systemd user instance is not available ({reload.Describe("systemctl --user daemon-reload")}). " +
                    "Start `fleet-agent run` from your desktop's autostart instead.");
            }
            var enable = await commands.RunAsync("systemctl", ["--user", "enable", "--now", ServiceDefinitions.SystemdUnitName], cancellationToken).ConfigureAwait(false);
            return enable.Succeeded
                ? (true, $"Installed and started {ServiceDefinitions.SystemdUnitName} ({path}).")
                : (false, $"Wrote {path}, but enabling failed: {enable.Describe("systemctl --user enable --now")}");
        }
        if (System.OperatingSystem.IsMacOS())
        {
            var path = LaunchAgentPath();
            var log = Path.Combine(home, "Library", "Logs", "fleet-agent.log");
            PrivateFile.WriteAllText(path, ServiceDefinitions.LaunchAgentPlist(executable, configDirectory, log));
            var domain = $"gui/{getuid()}";
            // bootout first so a reinstall replaces a loaded agent; its failure (not loaded) is expected.
            await commands.RunAsync("launchctl", ["bootout", $"{domain}/{ServiceDefinitions.LaunchAgentLabel}"], cancellationToken).ConfigureAwait(false);
            var bootstrap = await commands.RunAsync("launchctl", ["bootstrap", domain, path], cancellationToken).ConfigureAwait(false);
            return bootstrap.Succeeded
                ? (true, $"Installed and started LaunchAgent {ServiceDefinitions.LaunchAgentLabel} ({path}).")
                : (false, $"Wrote {path}, but {bootstrap.Describe("launchctl bootstrap")}");
        }
        if (System.OperatingSystem.IsWindows())
        {
            var task = await commands.RunAsync("schtasks", ServiceDefinitions.SchtasksCreateArguments(executable, configDirectory), cancellationToken).ConfigureAwait(false);
            if (task.Succeeded)
            {
                return (true, $"Created logon task {ServiceDefinitions.WindowsTaskName}.");
            }
            var run = await commands.RunAsync("reg", ["add", RunKey, "/v", ServiceDefinitions.WindowsTaskName, "/t", "REG_SZ", "/d",
                ServiceDefinitions.WindowsCommandLine(executable, configDirectory), "/f"], cancellationToken).ConfigureAwait(false);
            return run.Succeeded
                ? (true, $"Task creation was refused ({task.Describe("schtasks")}); added {ServiceDefinitions.WindowsTaskName} to {RunKey} instead. It starts at next sign-in.")
                : (false, $"{task.Describe("schtasks")}; {run.Describe("reg add")}");
        }
        return (false, "This platform has no per-user service support.");
    }

    public async Task<(bool Ok, string Message)> UninstallAsync(CancellationToken cancellationToken)
    {
        if (System.OperatingSystem.IsLinux())
        {
            await commands.RunAsync("systemctl", ["--user", "disable", "--now", ServiceDefinitions.SystemdUnitName], cancellationToken).ConfigureAwait(false);
            var path = SystemdUnitPath();
            File.Delete(path);
            await commands.RunAsync("systemctl", ["--user", "daemon-reload"], cancellationToken).ConfigureAwait(false);
            return (true, $"Removed {path}.");
        }
        if (System.OperatingSystem.IsMacOS())
        {
            await commands.RunAsync("launchctl", ["bootout", $"gui/{getuid()}/{ServiceDefinitions.LaunchAgentLabel}"], cancellationToken).ConfigureAwait(false);
            var path = LaunchAgentPath();
            File.Delete(path);
            return (true, $"Removed {path}.");
        }
        if (System.OperatingSystem.IsWindows())
        {
            await commands.RunAsync("schtasks", ["/Delete", "/F", "/TN", ServiceDefinitions.WindowsTaskName], cancellationToken).ConfigureAwait(false);
            await commands.RunAsync("reg", ["delete", RunKey, "/v", ServiceDefinitions.WindowsTaskName, "/f"], cancellationToken).ConfigureAwait(false);
            return (true, $"Removed task and Run entry {ServiceDefinitions.WindowsTaskName}.");
        }
        return (false, "This platform has no per-user service support.");
    }

    private const string RunKey = @"HKCU\Software\Microsoft\Windows\CurrentVersion\Run";

    private string SystemdUnitPath()
    {
        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".config");
        return Path.Combine(configHome, "systemd", "user", ServiceDefinitions.SystemdUnitName);
    }

    private string LaunchAgentPath() => Path.Combine(home, "Library", "LaunchAgents", ServiceDefinitions.LaunchAgentLabel + ".plist");

    // launchctl's per-user domain is gui/<uid>; .NET has no API for the uid.
    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint getuid();
}
