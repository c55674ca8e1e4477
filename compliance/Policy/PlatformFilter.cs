namespace Fleet.Compliance.Policy;

/// <summary>
/// One entry of an application's <c>platform</c> filter: the entry applies to devices of this
/// platform key or distro id, and, when <see cref="OsVersion"/> is set, only to OS versions inside it.
/// </summary>
public sealed record PlatformFilter(
    string Platform,
    VersionRange? OsVersion);
