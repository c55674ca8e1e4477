using System.Globalization;

namespace Fleet.Agent.Collectors.Registry;

/// <summary>One registry value: name, kind (REG_DWORD, REG_SZ…) and its data as invariant text (DWORDs in decimal).</summary>
public sealed record RegistryValue(string Name, string Type, string Data)
{
    /// <summary>The data as a number (decimal, or 0x hex as some policies store strings); null when it is not one.</summary>
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
