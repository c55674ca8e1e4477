namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

/// <summary>The values of a policy: what each key accepts, its defaults, and the error (with its position) for what it does not.</summary>
public sealed class PolicyReaderValueTests
{
    [Theory]
    [InlineData("---\n")]
    [InlineData("# only a comment\n")]
    [InlineData("")]
    public void A_document_with_nothing_in_it_is_the_empty_policy(string text)
    {
        var result = PolicyParser.Parse(text);

        Assert.Empty(result.Errors);
        Assert.Same(CompliancePolicy.Empty, result.Policy);
    }

    [Theory]
    [InlineData("\"\"\n", "found an empty value")]
    [InlineData("firewall\n", "found the value 'firewall'")]
    [InlineData("[firewall]\n", "found a list")]
    public void A_document_that_is_not_a_map_is_refused(string text, string found)
    {
        var error = Assert.Single(PolicyParser.Parse(text).Errors);

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal($"the policy must be a map of keys such as 'firewall: ALWAYS', {found}", error.Message);
    }

    [Fact]
    public void Each_setting_reads_its_own_requirement()
    {
        var policy = PolicyParser.Parse(
            "firewall: ALWAYS\ndiskEncryption: SUGGESTED\nautomaticUpdates: NEVER\nscreenLock: IF_SUPPORTED\nremoteLogin: NEVER\nopenWifiConnections: SUGGESTED\n").Policy;

        Assert.Equal(
            CompliancePolicy.Empty with
            {
                Firewall = Requirement.Always, DiskEncryption = Requirement.Suggested, AutomaticUpdates = Requirement.Never,
                ScreenLock = Requirement.IfSupported, RemoteLogin = Requirement.Never, OpenWifiConnections = Requirement.Suggested,
            },
            policy);
    }

    [Fact]
    public void A_requirement_given_as_a_list_is_refused_at_the_list()
    {
        var error = Assert.Single(PolicyParser.Parse("firewall: ALWAYS\nremoteLogin:\n  - NEVER\n").Errors);

        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Equal("remoteLogin: expected one of ALWAYS, SUGGESTED, NEVER, IF_SUPPORTED, found a list", error.Message);
    }

    [Theory]
    [InlineData("agentVersion")]
    [InlineData("stethoscopeVersion")]
    public void The_agent_version_range_is_read_under_either_name(string key)
    {
        Assert.Equal(VersionRange.Parse(">=1.2.0"), PolicyParser.Parse($"{key}: \">=1.2.0\"\n").Policy!.AgentVersion);
    }

    [Fact]
    public void The_agent_version_range_given_twice_is_refused_at_the_second()
    {
        var error = Assert.Single(PolicyParser.Parse("stethoscopeVersion: \">=1.0\"\nfirewall: ALWAYS\nagentVersion: \">=2.0\"\n").Errors);

        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.StartsWith("'agentVersion' repeats the agent version range set at line 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("")]
    public void An_empty_version_range_is_refused(string value)
    {
        var error = Assert.Single(PolicyParser.Parse($"agentVersion: {value}\n").Errors);

        Assert.StartsWith("agentVersion: a version range is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_idle_takes_a_range_of_seconds()
    {
        Assert.Equal(VersionRange.Parse("<=600"), PolicyParser.Parse("screenIdle: \"<=600\"\n").Policy!.ScreenIdle);
    }

    [Theory]
    [InlineData("600")]
    [InlineData("\" 600 \"")]
    public void Screen_idle_as_a_bare_number_is_refused(string value)
    {
        var error = Assert.Single(PolicyParser.Parse($"screenIdle: {value}\n").Errors);

        Assert.Equal((1, 13), (error.Line, error.Column));
        Assert.EndsWith("write a range of seconds such as \"<=" + value.Trim('"') + "\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_idle_as_a_map_is_refused()
    {
        Assert.Equal(
            "screenIdle: expected a version range, found a map",
            Assert.Single(PolicyParser.Parse("screenIdle:\n  max: 600\n").Errors).Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("600", 600)]
    [InlineData("' 900 '", 900)]
    [InlineData("18000", 18_000)]
    public void The_Windows_lock_timeout_is_a_number_of_seconds_up_to_five_hours(string value, int seconds)
    {
        Assert.Equal(seconds, PolicyParser.Parse($"windowsMaxScreenLockTimeout: {value}\n").Policy!.WindowsMaxScreenLockTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("18001")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public void The_Windows_lock_timeout_outside_one_second_to_five_hours_is_refused(string value)
    {
        var error = Assert.Single(PolicyParser.Parse($"windowsMaxScreenLockTimeout: {value}\n").Errors);

        Assert.Equal((1, 30), (error.Line, error.Column));
        Assert.Equal($"windowsMaxScreenLockTimeout: '{value}' is not a number of seconds between 1 and 18000", error.Message);
    }

    [Fact]
    public void An_application_is_read_with_every_field()
    {
        var result = PolicyParser.Parse(
            "applications:\n  - name: ' Slack '\n    assertion: SUGGESTED\n    version: \">=4\"\n    description: ' Team chat '\n    installFrom: https://slack.com\n");

        Assert.Equal(
            new ApplicationRequirement("Slack", Requirement.Suggested, VersionRange.Parse(">=4"), Description: "Team chat", InstallFrom: "https://slack.com"),
            Assert.Single(result.Policy!.Applications));
    }

    [Fact]
    public void An_application_with_an_empty_description_has_none()
    {
        var application = Assert.Single(PolicyParser.Parse("applications:\n  - name: Slack\n    assertion: ALWAYS\n    description: ''\n    installFrom:\n").Policy!.Applications);

        Assert.Null(application.Description);
        Assert.Null(application.InstallFrom);
    }

    [Fact]
    public void An_application_without_a_name_is_refused_at_the_entry()
    {
        var error = Assert.Single(PolicyParser.Parse("applications:\n  - assertion: ALWAYS\n").Errors);

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Equal("applications[0]: missing required field 'name'", error.Message);
    }

    [Fact]
    public void An_application_with_an_empty_name_is_refused_at_the_name()
    {
        var error = Assert.Single(PolicyParser.Parse("applications:\n  - name: ''\n    assertion: ALWAYS\n").Errors);

        Assert.Equal((2, 11), (error.Line, error.Column));
        Assert.Equal("applications[0].name: must not be empty", error.Message);
    }

    [Fact]
    public void The_second_application_with_a_name_is_refused_even_when_the_first_is_invalid()
    {
        var errors = PolicyParser.Parse("applications:\n  - name: Slack\n    assertion: MAYBE\n  - name: SLACK\n    assertion: ALWAYS\n").Errors;

        Assert.Equal([(3, 16), (4, 11)], errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void Applications_keep_their_order()
    {
        var policy = PolicyParser.Parse("applications:\n  - name: Zoom\n    assertion: NEVER\n  - name: Arc\n    assertion: ALWAYS\n").Policy!;

        Assert.Equal(["Zoom", "Arc"], policy.Applications.Select(a => a.Name));
    }

    [Fact]
    public void An_application_entry_that_is_not_a_map_is_refused()
    {
        var error = Assert.Single(PolicyParser.Parse("applications:\n  - Slack\n").Errors);

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Equal("applications[0]: expected a map with 'name' and 'assertion', found the value 'Slack'", error.Message);
    }

    [Fact]
    public void A_long_value_is_quoted_shortened_in_the_error()
    {
        var value = new string('x', 61);

        var error = Assert.Single(PolicyParser.Parse($"firewall: {value}\n").Errors);

        Assert.Equal($"firewall: '{new string('x', 57)}...' is not a requirement value; valid values: ALWAYS, SUGGESTED, NEVER, IF_SUPPORTED", error.Message);
    }

    [Fact]
    public void A_value_of_sixty_characters_is_quoted_whole()
    {
        var value = new string('x', 60);

        Assert.Contains($"'{value}'", Assert.Single(PolicyParser.Parse($"firewall: {value}\n").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_keeps_the_parsers_reason_without_its_position_prefix()
    {
        var error = Assert.Single(PolicyParser.Parse("firewall: ALWAYS\nscreenLock: [ALWAYS\n").Errors);

        Assert.StartsWith("YAML syntax error: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", error.Message, StringComparison.Ordinal);
    }
}
