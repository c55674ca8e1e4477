namespace Fleet.Contracts.Devices;

/// <summary>Device ids look like <c>dev_3f2a…</c> (32 hex digits): the prefix keeps Orleans from reading them as hex numbers.</summary>
public static class DeviceIds
{
    public static string New() => "dev_" + Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? id) =>
        id is { Length: 36 } && id.StartsWith("dev_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(LowerHex.Digits);
}
