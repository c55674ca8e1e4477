using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>Reads `fdesetup status` ("FileVault is On." / "FileVault is Off." / encryption in progress).</summary>
public static class FdesetupParser
{
    public static Fact Parse(string stdout)
    {
        var text = stdout.Trim();
        if (text.Contains("Encryption in progress", StringComparison.OrdinalIgnoreCase))
        {
            // Data already written is protected and the rest is being encrypted: on, and say so.
            return Fact.On(FirstLine(text));
        }
        if (text.Contains("Decryption in progress", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.Off(FirstLine(text));
        }
        if (text.StartsWith("FileVault is On", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.On("FileVault is On");
        }
        if (text.StartsWith("FileVault is Off", StringComparison.OrdinalIgnoreCase))
        {
            return text.Contains("will be enabled after the next restart", StringComparison.OrdinalIgnoreCase)
                ? Fact.Off("FileVault is Off until the next restart")
                : Fact.Off("FileVault is Off");
        }
        return Fact.Unknown($"unrecognised fdesetup output: {FirstLine(text)}");
    }

    /// <summary>`fdesetup isactive` prints true/false (exit 0/1), a fallback when status is refused.</summary>
    public static Fact ParseIsActive(string stdout) => stdout.Trim() switch
    {
        "true" => Fact.On("fdesetup isactive: true"),
        "false" => Fact.Off("fdesetup isactive: false"),
        var other => Fact.Unknown($"unrecognised fdesetup isactive output: {other}"),
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
