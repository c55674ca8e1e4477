using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>
/// macOS: `defaults read /Library/Preferences/com.apple.SoftwareUpdate` AutomaticCheckEnabled and
/// AutomaticallyInstallMacOSUpdates (1/0). A key macOS never wrote reads as "does not exist" — then
/// the system default applies, which this user cannot see, so it is Unknown rather than a guess.
/// </summary>
public static class MacSoftwareUpdateParser
{
    public static Fact Parse(CommandResult automaticCheck, CommandResult automaticInstall)
    {
        var check = Flag(automaticCheck);
        var install = Flag(automaticInstall);
        if (check == false)
        {
            return Fact.Off("AutomaticCheckEnabled is 0: macOS does not check for updates");
        }
        if (install == false)
        {
            return Fact.Off("AutomaticallyInstallMacOSUpdates is 0");
        }
        if (install == true)
        {
            return Fact.On("AutomaticallyInstallMacOSUpdates is 1" + (check == true ? ", AutomaticCheckEnabled is 1" : ""));
        }
        return Fact.Unknown(automaticInstall.Stderr.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            ? "AutomaticallyInstallMacOSUpdates is not set (macOS default applies, not readable here)"
            : automaticInstall.Describe("defaults read com.apple.SoftwareUpdate AutomaticallyInstallMacOSUpdates"));
    }

    private static bool? Flag(CommandResult result) =>
        result.Succeeded ? result.Stdout.Trim() switch { "1" or "true" => true, "0" or "false" => false, _ => null } : null;
}
