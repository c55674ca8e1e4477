namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>Every requirement × fact state × platform for the on/off settings (docs/policy.md table).</summary>
public sealed class SettingEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly (Requirement Requirement, FactState State, CheckStatus Expected)[] Table =
    [
        (Requirement.Always, FactState.On, CheckStatus.Pass),
        (Requirement.Always, FactState.Off, CheckStatus.Fail),
        (Requirement.Always, FactState.Unknown, CheckStatus.Unknown),
        (Requirement.Always, FactState.Unsupported, CheckStatus.Fail),
        (Requirement.Suggested, FactState.On, CheckStatus.Pass),
        (Requirement.Suggested, FactState.Off, CheckStatus.Nudge),
        (Requirement.Suggested, FactState.Unknown, CheckStatus.Nudge),
        (Requirement.Suggested, FactState.Unsupported, CheckStatus.Unsupported),
        (Requirement.Never, FactState.On, CheckStatus.Fail),
        (Requirement.Never, FactState.Off, CheckStatus.Pass),
        (Requirement.Never, FactState.Unknown, CheckStatus.Unknown),
        (Requirement.Never, FactState.Unsupported, CheckStatus.Pass),
        (Requirement.IfSupported, FactState.On, CheckStatus.Pass),
        (Requirement.IfSupported, FactState.Off, CheckStatus.Fail),
        (Requirement.IfSupported, FactState.Unknown, CheckStatus.Unknown),
        (Requirement.IfSupported, FactState.Unsupported, CheckStatus.Unsupported),
    ];

    private static readonly string[] Settings =
        [CheckIds.Firewall, CheckIds.DiskEncryption, CheckIds.AutomaticUpdates, CheckIds.ScreenLock, CheckIds.RemoteLogin];

    public static TheoryData<string, Requirement, FactState, Platform, CheckStatus> Cases()
    {
        var data = new TheoryData<string, Requirement, FactState, Platform, CheckStatus>();
        foreach (var setting in Settings)
        {
            foreach (var platform in new[] { Platform.Darwin, Platform.Win32, Platform.Linux })
            {
                foreach (var (requirement, state, expected) in Table) data.Add(setting, requirement, state, platform, expected);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_SettingRequirementAndFactState_GivesTableStatus(
        string checkId, Requirement requirement, FactState state, Platform platform, CheckStatus expected)
    {
        var fact = new Fact(state, state is FactState.Unknown ? "permission denied" : "evidence");
        var facts = new DeviceFacts { Platform = platform } with
        {
            Firewall = fact, DiskEncryption = fact, AutomaticUpdates = fact, ScreenLock = fact, RemoteLogin = fact,
        };
        var policy = checkId switch
        {
            CheckIds.Firewall => Policy.Empty with { Firewall = requirement },
            CheckIds.DiskEncryption => Policy.Empty with { DiskEncryption = requirement },
            CheckIds.AutomaticUpdates => Policy.Empty with { AutomaticUpdates = requirement },
            CheckIds.ScreenLock => Policy.Empty with { ScreenLock = requirement },
            _ => Policy.Empty with { RemoteLogin = requirement },
        };

        var result = PolicyEvaluator.Evaluate(policy, facts, new WaiverSubject("d1", null), Now);

        var check = Assert.Single(result.Checks);
        Assert.Equal(checkId, check.CheckId);
        Assert.Equal(expected, check.Status);
    }

    [Fact]
    public void Evaluate_UnknownFact_DetailCarriesTheReason()
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, DiskEncryption = Fact.Unknown("fdesetup timed out") };

        var check = PolicyEvaluator.Evaluate(Policy.Empty with { DiskEncryption = Requirement.Always }, facts, new("d1", null), Now).Checks[0];

        Assert.Equal("could not read: fdesetup timed out", check.Detail);
    }

    [Fact]
    public void Evaluate_FileVaultOff_DetailNamesFileVault()
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, DiskEncryption = Fact.Off() };

        var check = PolicyEvaluator.Evaluate(Policy.Empty with { DiskEncryption = Requirement.Always }, facts, new("d1", null), Now).Checks[0];

        Assert.Equal("FileVault is off", check.Detail);
    }

    [Theory]
    [InlineData(FactState.On, 300L, CheckStatus.Pass)]
    [InlineData(FactState.On, 600L, CheckStatus.Pass)]
    [InlineData(FactState.On, 601L, CheckStatus.Fail)]
    [InlineData(FactState.Off, null, CheckStatus.Fail)]
    [InlineData(FactState.Unknown, null, CheckStatus.Unknown)]
    [InlineData(FactState.Unsupported, null, CheckStatus.Unsupported)]
    public void Evaluate_ScreenIdle_ComparesSecondsWithRange(FactState state, long? seconds, CheckStatus expected)
    {
        var facts = new DeviceFacts { Platform = Platform.Linux, ScreenIdleSeconds = new NumericFact(state, seconds, "r") };

        var check = PolicyEvaluator.Evaluate(Policy.Empty with { ScreenIdle = VersionRange.Parse("<=600") }, facts, new("d1", null), Now).Checks[0];

        Assert.Equal(expected, check.Status);
    }

    [Theory]
    [InlineData("1.4.2", CheckStatus.Pass)]
    [InlineData("1.1.9", CheckStatus.Fail)]
    [InlineData("", CheckStatus.Unknown)]
    [InlineData("dev-build", CheckStatus.Unknown)]
    public void Evaluate_AgentVersion_ComparesWithRange(string reported, CheckStatus expected)
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, AgentVersion = reported };

        var check = PolicyEvaluator.Evaluate(Policy.Empty with { AgentVersion = VersionRange.Parse(">=1.2") }, facts, new("d1", null), Now).Checks[0];

        Assert.Equal(expected, check.Status);
    }
}
