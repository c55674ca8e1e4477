namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>Malformed policies: each is refused whole, with the exact position and a useful message.</summary>
public sealed class PolicyParserErrorTests
{
    public static TheoryData<string, string, int, int, string> MalformedPolicies => new()
    {
        {
            "unknown key suggests the nearest",
            "firewall: ALWAYS\nfirewal: ALWAYS\n",
            2, 1, "unknown key 'firewal' — did you mean 'firewall'?"
        },
        {
            "unknown nested key suggests the nearest",
            "osVersion:\n  darwin:\n    okk: \">=14\"\n",
            3, 5, "did you mean 'ok'?"
        },
        {
            "bad requirement value lists the valid ones",
            "diskEncryption: SOMETIMES\n",
            1, 17, "'SOMETIMES' is not a requirement value; valid values: ALWAYS, SUGGESTED, NEVER, IF_SUPPORTED"
        },
        {
            "lower-case requirement value is refused",
            "screenLock: always\n",
            1, 13, "valid values: ALWAYS"
        },
        {
            "bad os version range",
            "osVersion:\n  ubuntu:\n    ok: \">=22.04 <<<\"\n",
            3, 9, "osVersion.ubuntu.ok: '>=22.04 <<<' is not a valid version range"
        },
        {
            "bad application version range",
            "applications:\n  - name: Slack\n    assertion: ALWAYS\n    version: \"banana\"\n",
            4, 14, "applications[0].version: 'banana' is not a valid version range"
        },
        {
            "duplicate application name ignoring case",
            "applications:\n  - name: Slack\n    assertion: ALWAYS\n  - name: slack\n    assertion: NEVER\n",
            4, 11, "duplicate application name 'slack' (first at line 2)"
        },
        {
            "list where a map is expected",
            "osVersion:\n  - darwin\n",
            2, 3, "osVersion: expected a map of platform to {ok, nudge} ranges, found a list"
        },
        {
            "map where a list is expected",
            "applications:\n  name: Slack\n",
            2, 3, "applications: expected a list of applications, found a map"
        },
        {
            "missing required field points at the entry",
            "applications:\n  - name: Slack\n",
            2, 5, "applications[0]: missing required field 'assertion'"
        },
        {
            "missing ok in an os version bracket",
            "osVersion:\n  darwin:\n    nudge: \">=13\"\n",
            3, 5, "osVersion.darwin: missing required field 'ok'"
        },
        {
            "bad waiver date",
            "firewall: ALWAYS\nwaivers:\n  - check: firewall\n    device: d1\n    justification: lab machine\n    expires: 2026-02-30\n",
            6, 14, "waivers[0].expires: '2026-02-30' is not an ISO date"
        },
        {
            "waiver without justification",
            "waivers:\n  - check: firewall\n    device: d1\n    expires: 2026-02-01\n",
            2, 5, "waivers[0]: missing required field 'justification'"
        },
        {
            "waiver with both device and person",
            "waivers:\n  - check: firewall\n    device: d1\n    person: ann@acme.test\n    justification: x\n    expires: 2026-02-01\n",
            2, 5, "give exactly one of 'device'"
        },
        {
            "waiver naming an application the policy does not have",
            "waivers:\n  - check: app:Zoom\n    device: d1\n    justification: x\n    expires: 2026-02-01\n",
            2, 12, "there is no application named 'Zoom'"
        },
        {
            "unknown platform key is a typo",
            "osVersion:\n  drawin:\n    ok: \">=14\"\n",
            2, 3, "unknown platform 'drawin' — did you mean 'darwin'?"
        },
        {
            "bare number for screen idle",
            "screenIdle: 600\n",
            1, 13, "write a range of seconds such as \"<=600\""
        },
        {
            "YAML syntax error carries the parser's mark",
            "firewall: ALWAYS\nscreenLock: [ALWAYS\n",
            3, 1, "YAML syntax error"
        },
        {
            "JSON syntax error carries the parser's mark",
            "{\n  \"firewall\": \"ALWAYS\"\n  \"screenLock\": \"ALWAYS\"\n}\n",
            3, 3, "YAML syntax error"
        },
        {
            "JSON wrong type",
            "{\"applications\": {\"name\": \"Slack\"}}",
            1, 18, "applications: expected a list of applications, found a map"
        },
        {
            "root must be a map",
            "- firewall\n",
            1, 1, "the policy must be a map"
        },
        {
            "stethoscopeVersion repeats agentVersion",
            "agentVersion: \">=1.0\"\nstethoscopeVersion: \">=2.0\"\n",
            2, 1, "'stethoscopeVersion' is an alias of 'agentVersion'"
        },
    };

    [Theory]
    [MemberData(nameof(MalformedPolicies))]
    public void Parse_MalformedPolicy_RefusedWithPositionedError(string because, string text, int line, int column, string fragment)
    {
        // Strict, so unknown keys are refusals too (by default they are warnings: see StethoscopeCompatibilityTests).
        var result = PolicyParser.Parse(text, strict: true);

        Assert.Null(result.Policy);
        Assert.True(
            result.Errors.Any(e => e.Line == line && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"{because}: expected {line}:{column} containing \"{fragment}\"; got:\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneInDocumentOrder()
    {
        const string text = """
            firewall: SOMETIMES
            screenLok: ALWAYS
            osVersion:
              darwin:
                ok: "not a range"
            applications:
              - name: Slack
                assertion: ALWAYS
              - name: SLACK
                assertion: MAYBE
            waivers:
              - check: firewall
                person: ann@acme.test
                expires: tomorrow
            """;

        var result = PolicyParser.Parse(text, strict: true);

        Assert.Null(result.Policy);
        Assert.Equal(
            [(1, 11), (2, 1), (5, 9), (9, 11), (10, 16), (12, 5), (14, 14)],
            result.Errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void Parse_DuplicateKey_Reported()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\nfirewall: NEVER\n");

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("firewall", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecondDocument_Refused()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\n---\nscreenLock: ALWAYS\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("single YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedInput_RefusedWithoutCrashing()
    {
        var text = "firewall: " + new string('[', 10_000) + new string(']', 10_000);

        var result = PolicyParser.Parse(text);

        Assert.Null(result.Policy);
        Assert.Contains("nested more than", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownButWellFormedDistro_Accepted()
    {
        var result = PolicyParser.Parse("osVersion:\n  bluefin:\n    ok: \">=40\"\n");

        Assert.Empty(result.Errors);
    }
}
