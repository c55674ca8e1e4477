namespace Fleet.Compliance.Tests.Stethoscope;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

/// <summary>Stethoscope's own policies load unchanged and evaluate against facts from every platform.</summary>
public sealed class StethoscopeCompatibilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Stethoscope", name));

    private static CompliancePolicy Load(string name)
    {
        var result = PolicyParser.Parse(Fixture(name));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Policy!;
    }

    private static EvaluationResult Evaluate(CompliancePolicy policy, DeviceFacts facts) => PolicyEvaluator.Evaluate(policy, facts, new("d1", null), Now);

    private static DeviceFacts Compliant(Platform platform, string osVersion, string? distro = null) => new()
    {
        Platform = platform, Distro = distro, OsVersion = osVersion, AgentVersion = "0.1.0",
        DiskEncryption = Fact.On("e"), Firewall = Fact.On("f"), ScreenLock = Fact.On("s"), RemoteLogin = Fact.Off("r"),
        AutomaticUpdates = Fact.On("u"), ScreenIdleSeconds = NumericFact.Of(120, "i"), OpenWifiConnections = Fact.On("w"),
        Applications = [new("Slack", "4.41.105"), new("Terminal", "2.14"), new("TV", "1.5"), new("bash", "5.2.21"), new("Notepad.exe", "11.2"), new("CommonApp", "1")],
    };

    public static TheoryData<string> StethoscopeFixtures =>
    [
        "policy.yaml", "policies-md-osversion.yaml", "policies-md-osversion.json", "policies-md-firewall.json",
        "policies-md-diskencryption.json", "policies-md-automaticupdates.json", "policies-md-screenlock.json",
        "policies-md-remotelogin.json", "policies-md-openwifi.json", "policies-md-applications.json", "schema-every-key.yaml",
    ];

    // The shipped policy.yaml was refused before (awsWorkspace); every POLICIES.md example loads too.
    [Theory]
    [MemberData(nameof(StethoscopeFixtures))]
    public void StethoscopePolicy_LoadsWithoutErrors(string fixture)
    {
        var result = PolicyParser.Parse(Fixture(fixture), strict: true);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    // A compliant device of every platform passes Stethoscope's shipped policy; a non-compliant one fails on the right checks.
    [Theory]
    [InlineData(Platform.Darwin, "14.6.1", null)]
    [InlineData(Platform.Win32, "10.0.22631", null)]
    [InlineData(Platform.Linux, "24.04", "ubuntu")]
    [InlineData(Platform.Linux, "40", "fedora")]
    public void ShippedPolicy_CompliantDeviceOfEachPlatform_Passes(Platform platform, string osVersion, string? distro)
    {
        var result = Evaluate(Load("policy.yaml"), Compliant(platform, osVersion, distro));

        Assert.Equal(ComplianceStatus.Pass, result.Status);
        Assert.Equal(["osVersion", "firewall", "diskEncryption", "automaticUpdates", "screenLock", "screenIdle", "remoteLogin"], result.Checks.Select(c => c.CheckId));
    }

    [Fact]
    public void ShippedPolicy_OldMacWithRemoteLoginAndLongIdle_FailsThoseChecks()
    {
        var facts = Compliant(Platform.Darwin, "10.12.6") with { RemoteLogin = Fact.On("sshd"), ScreenIdleSeconds = NumericFact.Of(600, "i"), AutomaticUpdates = Fact.Off("u") };

        var result = Evaluate(Load("policy.yaml"), facts);

        Assert.Equal(CheckStatus.Nudge, result.Find("osVersion")!.Status);
        Assert.Equal(CheckStatus.Fail, result.Find("remoteLogin")!.Status);
        Assert.Equal(CheckStatus.Fail, result.Find("screenIdle")!.Status);
        Assert.Equal(CheckStatus.Nudge, result.Find("automaticUpdates")!.Status);
    }

    // awsWorkspace loads (with a warning saying it matches no device yet) and does not stand in for win32.
    [Fact]
    public void ShippedPolicy_AwsWorkspaceKey_IsAWarningNotAnError()
    {
        var result = PolicyParser.Parse(Fixture("policy.yaml"));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((12, 3), (warning.Line, warning.Column));
        Assert.Contains("awsWorkspace", warning.Message, StringComparison.Ordinal);
    }

    // POLICIES.md's application example: platform ranges pick the entries per OS, paths are kept.
    [Theory]
    [InlineData(Platform.Darwin, "14.6.1", new[] { "app:CommonApp", "app:Terminal", "app:TV" })]
    [InlineData(Platform.Darwin, "10.14.6", new[] { "app:CommonApp", "app:Terminal" })]
    [InlineData(Platform.Linux, "24.04", new[] { "app:CommonApp", "app:bash" })]
    [InlineData(Platform.Win32, "10.0.22631", new[] { "app:CommonApp", "app:Notepad.exe" })]
    public void PoliciesMdApplications_ApplyPerPlatformRange(Platform platform, string osVersion, string[] expected)
    {
        var policy = Load("policies-md-applications.json");

        var result = Evaluate(policy, Compliant(platform, osVersion));

        Assert.Equal(expected, result.Checks.Select(c => c.CheckId));
        Assert.All(result.Checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
        Assert.Equal([new ApplicationPath("darwin", "/System/Applications")], policy.Applications.Single(a => a.Name == "TV").Paths);
    }

    [Fact]
    public void PoliciesMdOpenWifi_RememberedOpenNetwork_Nudges()
    {
        var facts = Compliant(Platform.Darwin, "14.6") with { OpenWifiConnections = Fact.Off("\"Cafe Free WiFi\" is remembered and has no password") };

        Assert.Equal(CheckStatus.Nudge, Evaluate(Load("policies-md-openwifi.json"), facts).Find("openWifiConnections")!.Status);
    }

    // Every DevicePolicy key of schema.graphql is read, and survives the canonical JSON agents receive.
    [Fact]
    public void EveryKey_IsReadAndRoundTripsThroughCanonicalJson()
    {
        var policy = Load("schema-every-key.yaml");

        Assert.Equal(600, policy.WindowsMaxScreenLockTimeout);
        Assert.Equal(Requirement.Suggested, policy.OpenWifiConnections);
        Assert.Equal(">=0.1.0", policy.AgentVersion!.Text);
        var slack = policy.Applications[0];
        Assert.Equal("https://slack.com/downloads", slack.InstallFrom);
        Assert.Equal(["darwin", "linux", "win32"], slack.Paths.Select(p => p.Platform));
        Assert.Equal([new PlatformFilter("all", null)], slack.Platforms);
        Assert.Equal(policy, PolicyParser.Parse(PolicyJson.Serialize(policy)).Policy);
    }

    // osVersion "all" and platform "all: true" cover every platform without its own entry.
    [Fact]
    public void AllKey_AppliesWhereNoSpecificKeyDoes()
    {
        var policy = Load("schema-every-key.yaml");

        var linux = Evaluate(policy, Compliant(Platform.Linux, "9.1", "debian") with { ScreenIdleSeconds = NumericFact.Of(300, "i") });

        Assert.Equal(CheckStatus.Fail, linux.Find("osVersion")!.Status);
        Assert.Equal(CheckStatus.Pass, linux.Find("app:Slack")!.Status);
    }

    [Theory]
    [InlineData(300, CheckStatus.Pass)]
    [InlineData(900, CheckStatus.Fail)]
    public void WindowsMaxScreenLockTimeout_CapsTheWindowsScreenLock(long idleSeconds, CheckStatus expected)
    {
        var facts = Compliant(Platform.Win32, "10.0.22631") with { ScreenIdleSeconds = NumericFact.Of(idleSeconds, "display off with password on wake") };

        Assert.Equal(expected, Evaluate(Load("schema-every-key.yaml"), facts).Find("screenLock")!.Status);
    }

    // The cap is Windows-only, as in Stethoscope.
    [Fact]
    public void WindowsMaxScreenLockTimeout_DoesNotApplyToMac()
    {
        var facts = Compliant(Platform.Darwin, "14.6") with { ScreenIdleSeconds = NumericFact.Of(900, "i") };

        Assert.Equal(CheckStatus.Pass, Evaluate(Load("schema-every-key.yaml"), facts).Find("screenLock")!.Status);
    }

    // A key from a newer Stethoscope (or a typo) is skipped with its position, and the rest is kept.
    [Fact]
    public void UnknownKey_IsAWarningWithPosition_AndThePolicyLoads()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\nbrowserExtensions: NEVER\n");

        Assert.True(result.Succeeded);
        Assert.Equal(Requirement.Always, result.Policy!.Firewall);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((2, 1), (warning.Line, warning.Column));
        Assert.Contains("unknown key 'browserExtensions'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_Strict_IsRefused()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\nbrowserExtensions: NEVER\n", strict: true);

        Assert.False(result.Succeeded);
        Assert.Equal((2, 1), (result.Errors[0].Line, result.Errors[0].Column));
    }

    [Fact]
    public void WindowsMaxScreenLockTimeout_NotANumber_IsRefused()
    {
        var result = PolicyParser.Parse("windowsMaxScreenLockTimeout: ten minutes\n");

        Assert.Contains("not a number of seconds", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
