namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>
/// The detail a person reads beside a status: the OS's own name for a setting, the reason a fact could not be read,
/// and the OS named as the device reported it.
/// </summary>
public sealed class DetailWordingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Policy Settings = PolicyParser.Parse("""
        diskEncryption: ALWAYS
        firewall: ALWAYS
        automaticUpdates: ALWAYS
        screenLock: ALWAYS
        remoteLogin: NEVER
        screenIdle: "<=600"
        """).Policy!;

    private static EvaluationResult Evaluate(Platform platform, Fact fact, NumericFact? idle = null) =>
        PolicyEvaluator.Evaluate(Settings, new DeviceFacts
        {
            Platform = platform, DiskEncryption = fact, Firewall = fact, AutomaticUpdates = fact, ScreenLock = fact, RemoteLogin = fact,
            ScreenIdleSeconds = idle ?? NumericFact.Of(300),
        }, new("d1", null), Now);

    // Proves each setting is named as the person's OS names it, with "is"/"are" agreeing.
    [Theory]
    [InlineData(Platform.Darwin, "diskEncryption", "FileVault is off")]
    [InlineData(Platform.Win32, "diskEncryption", "BitLocker is off")]
    [InlineData(Platform.Linux, "diskEncryption", "Disk encryption is off")]
    [InlineData(Platform.Win32, "firewall", "Microsoft Defender Firewall is off")]
    [InlineData(Platform.Darwin, "firewall", "The firewall is off")]
    [InlineData(Platform.Linux, "automaticUpdates", "Automatic updates are off")]
    [InlineData(Platform.Linux, "screenLock", "Screen lock is off")]
    [InlineData(Platform.Win32, "remoteLogin", "Remote Desktop is off")]
    [InlineData(Platform.Darwin, "remoteLogin", "Remote login is off")]
    public void Settings_are_named_as_the_platform_names_them(Platform platform, string checkId, string detail) =>
        Assert.Equal(detail, Evaluate(platform, Fact.Off()).Find(checkId)!.Detail);

    // Proves Stethoscope's open Wi-Fi setting reads as one thing ("is"), whatever the platform.
    [Fact]
    public void The_open_wifi_setting_is_named_as_one_setting()
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, OpenWifiConnections = Fact.Off() };

        var check = PolicyEvaluator.Evaluate(Policy.Empty with { OpenWifiConnections = Requirement.Always }, facts, new("d1", null), Now)
            .Find(CheckIds.OpenWifiConnections)!;

        Assert.Equal("Keeping open Wi-Fi networks off the remembered list is off", check.Detail);
    }

    // Proves the reason a setting is unavailable is shown in parentheses, and nothing is added when there is none.
    [Fact]
    public void An_unavailable_setting_shows_its_reason_only_when_there_is_one()
    {
        Assert.Equal("Screen lock is not available on this device (no desktop session), and the policy requires it",
            Evaluate(Platform.Linux, Fact.Unsupported("no desktop session")).Find(CheckIds.ScreenLock)!.Detail);
        Assert.Equal("Screen lock is not available on this device, and the policy requires it",
            Evaluate(Platform.Linux, Fact.Unsupported(" ")).Find(CheckIds.ScreenLock)!.Detail);
    }

    // Proves the reason an idle lock is unavailable is shown in parentheses, and nothing is added when there is none.
    [Fact]
    public void An_unavailable_idle_lock_shows_its_reason_only_when_there_is_one()
    {
        Assert.Equal("An idle screen lock is not available on this device (headless)",
            Evaluate(Platform.Linux, Fact.On(), NumericFact.Unsupported("headless")).Find(CheckIds.ScreenIdle)!.Detail);
        Assert.Equal("An idle screen lock is not available on this device",
            Evaluate(Platform.Linux, Fact.On(), NumericFact.Unsupported("")).Find(CheckIds.ScreenIdle)!.Detail);
    }

    // Proves an unreadable fact without a reason says so instead of ending in nothing.
    [Fact]
    public void An_unreadable_fact_without_a_reason_says_no_reason_was_given() =>
        Assert.Equal("could not read: no reason given", Evaluate(Platform.Linux, Fact.Unknown(" ")).Find(CheckIds.Firewall)!.Detail);

    // Proves the OS is named as the device reported it, else by its platform or distro.
    [Theory]
    [InlineData(Platform.Darwin, null, "macOS Sonoma", "macOS Sonoma 14.6 is up to date")]
    [InlineData(Platform.Darwin, null, "", "macOS 14.6 is up to date")]
    [InlineData(Platform.Win32, null, " ", "Windows 14.6 is up to date")]
    [InlineData(Platform.Linux, "fedora", "", "fedora 14.6 is up to date")]
    [InlineData(Platform.Linux, null, "", "Linux 14.6 is up to date")]
    public void The_os_is_named_as_reported_else_by_platform(Platform platform, string? distro, string osName, string detail)
    {
        var policy = PolicyParser.Parse("""
            osVersion:
              darwin: { ok: ">=14" }
              win32: { ok: ">=14" }
              linux: { ok: ">=14" }
            """).Policy!;

        var result = PolicyEvaluator.Evaluate(policy, new DeviceFacts { Platform = platform, Distro = distro, OsName = osName, OsVersion = "14.6" }, new("d1", null), Now);

        Assert.Equal(detail, result.Find(CheckIds.OsVersion)!.Detail);
    }
}
