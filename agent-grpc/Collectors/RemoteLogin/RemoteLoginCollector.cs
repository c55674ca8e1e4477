using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Systemd;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>Can someone log in to this machine over the network (SSH, Telnet, RDP, VNC)?</summary>
public sealed class RemoteLoginCollector(CollectorContext context)
{
    private static readonly IReadOnlyList<string> SshUnits = ["ssh", "sshd"];

    public Task<Fact> CollectAsync(Platform platform, CancellationToken cancellationToken) =>
        FactGuard.RunAsync(platform switch
        {
            Platform.Linux => LinuxAsync,
            Platform.Darwin => MacAsync,
            Platform.Win32 => WindowsAsync,
            _ => _ => Task.FromResult(Fact.Unsupported("unknown platform")),
        }, cancellationToken);

    private async Task<Fact> LinuxAsync(CancellationToken cancellationToken)
    {
        var socketsTask = context.RunAsync("ss", ["-tlnH"], cancellationToken);
        var unitsTask = context.RunAsync("systemctl", ["is-active", .. SshUnits], cancellationToken);
        var sockets = await socketsTask.ConfigureAwait(false);
        if (!sockets.Succeeded)
        {
            var netstat = await context.RunAsync("netstat", ["-tln"], cancellationToken).ConfigureAwait(false);
            sockets = netstat.Succeeded ? netstat : sockets;
        }
        var units = await unitsTask.ConfigureAwait(false);
        var states = units.Outcome == CommandOutcome.Exited ? SystemctlParser.ParseIsActive(SshUnits, units.Stdout) : null;
        var activeUnit = states?.FirstOrDefault(s => s.Value == "active").Key;
        return RemoteLoginParser.Decide(
            sockets.Succeeded ? ListeningSocketsParser.ParseLinux(sockets.Stdout) : null,
            activeUnit is null ? null : $"{activeUnit}.service active",
            sockets.Describe("ss -tlnH"));
    }

    private async Task<Fact> MacAsync(CancellationToken cancellationToken)
    {
        var socketsTask = context.RunAsync("netstat", ["-anv", "-p", "tcp"], cancellationToken);
        var launchdTask = context.RunAsync("launchctl", ["print", "system/com.openssh.sshd"], cancellationToken);
        var sockets = await socketsTask.ConfigureAwait(false);
        var loaded = MacLaunchdSshParser.IsLoaded(await launchdTask.ConfigureAwait(false));
        return RemoteLoginParser.Decide(
            sockets.Succeeded ? ListeningSocketsParser.ParseMac(sockets.Stdout) : null,
            loaded == true ? "Remote Login on (launchd holds com.openssh.sshd)" : null,
            sockets.Describe("netstat -anv -p tcp"));
    }

    private Task<Fact> WindowsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ListeningSocket>? listeners = null;
        string? unreadable = null;
        try
        {
            listeners = context.TcpListeners();
        }
        catch (System.Net.NetworkInformation.NetworkInformationException e)
        {
            unreadable = "the TCP listener table could not be read: " + e.Message;
        }
        return Task.FromResult(WindowsRemoteLoginParser.Parse(context.Registry.Read(WindowsRemoteLoginParser.TerminalServerPath), listeners, unreadable));
    }
}
