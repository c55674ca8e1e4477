using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>
/// Windows: Remote Desktop is allowed when HKLM\System\CurrentControlSet\Control\Terminal Server
/// fDenyTSConnections is 0; the OpenSSH server counts when `sc query sshd` shows it RUNNING.
/// </summary>
public static class WindowsRemoteLoginParser
{
    public static Fact Parse(string? terminalServerOutput, string? sshdServiceOutput)
    {
        var deny = terminalServerOutput is null ? null : RegQueryParser.ParseSingle(terminalServerOutput)?["fDenyTSConnections"]?.AsNumber();
        // sc prints "STATE : 4  RUNNING" in every language: the number is what is read.
        var sshdRunning = sshdServiceOutput is not null && sshdServiceOutput.Split('\n')
            .Any(l => l.Contains("STATE", StringComparison.OrdinalIgnoreCase) && l.Contains(": 4", StringComparison.Ordinal));
        if (deny == 0)
        {
            return Fact.On("Remote Desktop allowed (fDenyTSConnections=0)" + (sshdRunning ? "; OpenSSH server running" : ""));
        }
        if (sshdRunning)
        {
            return Fact.On("OpenSSH server (sshd service) running");
        }
        return deny == 1
            ? Fact.Off("Remote Desktop denied (fDenyTSConnections=1) and no OpenSSH server running")
            : Fact.Unknown("fDenyTSConnections not readable");
    }
}
