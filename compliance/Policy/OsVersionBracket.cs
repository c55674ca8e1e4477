namespace Fleet.Compliance.Policy;

/// <summary>
/// The OS version ranges for one platform key (<c>darwin</c>, <c>win32</c>, <c>linux</c>) or
/// distro id (<c>ubuntu</c>): inside <see cref="Ok"/> passes, else inside <see cref="Nudge"/> nudges,
/// else fails.
/// </summary>
public sealed record OsVersionBracket(
    string Platform,
    VersionRange Ok,
    VersionRange? Nudge);
