namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>Valid policies in YAML and JSON read into the expected model.</summary>
public sealed class PolicyParserTests
{
    internal const string FullYaml = """
        # Every key Fleet understands.
        osVersion:
          darwin:
            ok: ">=14.6.1"
            nudge: ">=14.0"
          win32:
            ok: ">=10.0.22631"
          ubuntu:
            ok: ">=24.04"
            nudge: ">=22.04"
          linux:
            ok: ">=6"
        firewall: ALWAYS
        diskEncryption: ALWAYS
        automaticUpdates: SUGGESTED
        screenLock: IF_SUPPORTED
        screenIdle: "<=600"
        remoteLogin: NEVER
        applications:
          - name: Slack
            assertion: ALWAYS
            version: ">=4.35"
            description: Team chat
            installFrom: https://slack.com/downloads
          - name: Little Snitch
            assertion: SUGGESTED
            platform: darwin
          - name: Carbon Black
            assertion: ALWAYS
            platform:
              darwin: ">=13"
              win32: "*"
          - name: uTorrent
            assertion: NEVER
        stethoscopeVersion: ">=1.2.0"
        waivers:
          - check: diskEncryption
            device: dev-42
            justification: Build server in a locked room
            expires: 2026-06-30
          - check: app:Slack
            person: ann@acme.test
            justification: Contractor uses Teams
            expires: 2026-01-31
        """;

    [Fact]
    public void Parse_EmptyMap_IsValidAndRequiresNothing()
    {
        var result = PolicyParser.Parse("{}");

        Assert.Empty(result.Errors);
        Assert.Equal(Policy.Empty, result.Policy);
    }

    [Fact]
    public void Parse_EmptyText_IsTheEmptyPolicy()
    {
        Assert.Equal(Policy.Empty, PolicyParser.Parse("# nothing yet\n").Policy);
    }

    [Fact]
    public void Parse_FullYaml_ReadsEveryKey()
    {
        var result = PolicyParser.Parse(FullYaml);

        Assert.Empty(result.Errors);
        var policy = result.Policy!;
        Assert.Equal(["darwin", "linux", "ubuntu", "win32"], policy.OsVersion.Select(b => b.Platform));
        Assert.Equal(">=14.0", policy.FindOsVersionBracket("darwin")!.Nudge!.Text);
        Assert.Equal(Requirement.Always, policy.Firewall);
        Assert.Equal(Requirement.Suggested, policy.AutomaticUpdates);
        Assert.Equal(Requirement.IfSupported, policy.ScreenLock);
        Assert.Equal(Requirement.Never, policy.RemoteLogin);
        Assert.Equal("<=600", policy.ScreenIdle!.Text);
        Assert.Equal(["Slack", "Little Snitch", "Carbon Black", "uTorrent"], policy.Applications.Select(a => a.Name));
        Assert.Equal([new PlatformFilter("darwin", VersionRange.Parse(">=13")), new PlatformFilter("win32", null)], policy.Applications[2].Platforms);
        Assert.Equal(">=1.2.0", policy.AgentVersion!.Text);
        Assert.Equal(new Waiver("app:Slack", null, "ann@acme.test", "Contractor uses Teams", new DateOnly(2026, 1, 31)), policy.Waivers[1]);
    }

    [Fact]
    public void Parse_Json_ReadsLikeYaml()
    {
        const string json = """
            {
              "osVersion": { "ubuntu": { "ok": ">=22.04" } },
              "firewall": "ALWAYS",
              "applications": [ { "name": "Slack", "assertion": "NEVER", "platform": "linux" } ],
              "agentVersion": "^1.0"
            }
            """;

        var result = PolicyParser.Parse(json);

        Assert.Empty(result.Errors);
        Assert.Equal(Requirement.Always, result.Policy!.Firewall);
        Assert.Equal("linux", result.Policy.Applications[0].Platforms[0].Platform);
    }

    [Fact]
    public void Parse_JsonIndentedWithTabs_Accepted()
    {
        var result = PolicyParser.Parse("{\n\t\"firewall\": \"ALWAYS\",\n\t\"screenIdle\": \"<=300\"\n}");

        Assert.Empty(result.Errors);
        Assert.Equal("<=300", result.Policy!.ScreenIdle!.Text);
    }

    [Fact]
    public void Parse_SameContentInDifferentKeyOrder_GivesEqualPolicies()
    {
        var a = PolicyParser.Parse("osVersion: {darwin: {ok: '>=14'}, win32: {ok: '>=10'}}\nfirewall: ALWAYS\n").Policy;
        var b = PolicyParser.Parse("firewall: ALWAYS\nosVersion: {win32: {ok: '>=10'}, darwin: {ok: '>=14'}}\n").Policy;

        Assert.Equal(a, b);
    }

    [Fact]
    public void Parse_DocumentationExample_IsValid()
    {
        // Keep in step with the example in docs/policy.md.
        const string example = """
            osVersion:
              darwin: { ok: ">=15.1", nudge: ">=14.6" }
              win32: { ok: ">=10.0.26100", nudge: ">=10.0.22631" }
              ubuntu: { ok: ">=24.04", nudge: ">=22.04" }
              fedora: { ok: ">=40" }
            firewall: ALWAYS
            diskEncryption: ALWAYS
            automaticUpdates: SUGGESTED
            screenLock: ALWAYS
            screenIdle: "<=600"
            remoteLogin: NEVER
            agentVersion: ">=1.0.0"
            applications:
              - name: 1Password
                assertion: SUGGESTED
                installFrom: https://1password.com/downloads
              - name: Little Snitch
                assertion: SUGGESTED
                platform: darwin
              - name: uTorrent
                assertion: NEVER
            waivers:
              - check: diskEncryption
                device: 3f2a9c0e-build-01
                justification: Build server in a locked room
                expires: 2026-06-30
            """;

        Assert.Empty(PolicyParser.Parse(example).Errors);
    }
}
