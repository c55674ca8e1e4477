using System.Globalization;

namespace Fleet.Agent.Collectors.Registry;

/// <summary>One value line of `reg query` output: name, REG_* type and the data as printed.</summary>
public sealed record RegistryValue(string Name, string Type, string Data)
{
    /// <summary>REG_DWORD/REG_QWORD print as 0x hex; REG_SZ numbers as decimal. Null when not a number.</summary>
    public long? AsNumber()
    {
        var data = Data.Trim();
        if (data.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(data[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }
        return long.TryParse(data, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
