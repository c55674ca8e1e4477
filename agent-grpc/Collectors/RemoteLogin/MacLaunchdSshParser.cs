using Fleet.Agent.Collectors.Commands;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>
/// `launchctl print system/com.openssh.sshd` succeeds when Remote Login is on (launchd holds port 22
/// for sshd) and fails with "Could not find service" when it is off. `systemsetup -getremotelogin`
/// would say the same but needs admin rights.
/// </summary>
public static class MacLaunchdSshParser
{
    /// <summary>True when loaded, false when launchd says it does not know the service, null when unclear.</summary>
    public static bool? IsLoaded(CommandResult result)
    {
        if (result.Succeeded && result.Stdout.Contains("com.openssh.sshd", StringComparison.Ordinal))
        {
            return true;
        }
        var text = result.Stdout + result.Stderr;
        return result.Outcome == CommandOutcome.Exited && text.Contains("Could not find service", StringComparison.OrdinalIgnoreCase)
            ? false
            : null;
    }
}
