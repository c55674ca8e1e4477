namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>Platform keys (osVersion's keys, an application's <c>platform</c>): families, distros, typos, Stethoscope's forms.</summary>
public sealed class PolicyReaderPlatformTests
{
    [Theory]
    [InlineData("arcx", "arch")] // four letters: one typo
    [InlineData("ubunx", "ubuntu")] // five letters or more: two typos
    [InlineData("Ubuntu", "ubuntu")] // distro ids are lower case
    public void A_key_near_a_known_platform_is_a_typo(string key, string meant)
    {
        var result = PolicyParser.Parse($"osVersion:\n  {key}:\n    ok: \">=1\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Equal($"osVersion: unknown platform '{key}' — did you mean '{meant}'?", error.Message);
    }

    [Theory]
    [InlineData("rhxx")] // four letters, two away from rhel: a distro of its own
    [InlineData("qubes")]
    public void A_well_formed_key_not_near_a_known_platform_is_a_distro(string key)
    {
        var result = PolicyParser.Parse($"osVersion:\n  {key}:\n    ok: \">=1\"\n");

        Assert.Empty(result.Errors);
        Assert.Equal(key, Assert.Single(result.Policy!.OsVersion).Platform);
    }

    [Fact]
    public void A_key_that_cannot_be_a_distro_id_is_refused_with_the_accepted_forms()
    {
        var result = PolicyParser.Parse("osVersion:\n  Mac OS X:\n    ok: \">=1\"\n");

        Assert.Equal(
            "osVersion: unknown platform 'Mac OS X'; use darwin, win32, linux or a distro id such as ubuntu or fedora",
            Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void The_value_of_an_unknown_platform_is_not_read()
    {
        var error = Assert.Single(PolicyParser.Parse("osVersion:\n  drawin: [\">=14\"]\n").Errors);

        Assert.Equal("osVersion: unknown platform 'drawin' — did you mean 'darwin'?", error.Message);
    }

    [Fact]
    public void AwsWorkspace_is_kept_with_a_warning_at_the_key()
    {
        var result = PolicyParser.Parse("osVersion:\n  darwin:\n    ok: \">=14\"\n  awsWorkspace:\n    ok: \">=10\"\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["awsWorkspace", "darwin"], result.Policy!.OsVersion.Select(b => b.Platform));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((4, 3), (warning.Line, warning.Column));
        Assert.StartsWith("osVersion: 'awsWorkspace' is accepted, but Fleet does not detect AWS WorkSpaces yet", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OsVersion_brackets_are_sorted_by_platform_and_keep_their_nudge()
    {
        var result = PolicyParser.Parse("osVersion:\n  win32:\n    ok: \">=10\"\n  darwin:\n    nudge: \">=15\"\n    ok: \">=14\"\n");

        Assert.Equal(
            [new OsVersionBracket("darwin", VersionRange.Parse(">=14"), VersionRange.Parse(">=15")), new OsVersionBracket("win32", VersionRange.Parse(">=10"), null)],
            result.Policy!.OsVersion);
    }

    [Fact]
    public void An_application_for_one_platform_names_it_without_a_version()
    {
        var application = Single("platform: linux");

        Assert.Equal([new PlatformFilter("linux", null)], application.Platforms);
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("")]
    public void A_platform_map_entry_meaning_any_version_has_no_range(string value)
    {
        var application = Single($"platform:\n      ubuntu: \">=22.04\"\n      all: {value}");

        Assert.Equal([new PlatformFilter("all", null), new PlatformFilter("ubuntu", VersionRange.Parse(">=22.04"))], application.Platforms);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    public void A_platform_map_entry_set_to_false_leaves_that_platform_out(string value)
    {
        var application = Single($"platform:\n      darwin: {value}\n      win32: \"*\"");

        Assert.Equal([new PlatformFilter("win32", null)], application.Platforms);
    }

    [Fact]
    public void A_platform_map_that_leaves_every_platform_out_is_refused()
    {
        var error = Assert.Single(Errors("platform:\n      darwin: false"));

        Assert.Equal((6, 7), (error.Line, error.Column));
        Assert.Equal("applications[0].platform: an empty platform map would exclude every device; remove 'platform' to include all", error.Message);
    }

    [Fact]
    public void A_platform_map_with_an_unknown_platform_is_refused_and_names_the_key()
    {
        var errors = Errors("platform:\n      drawin: \">=14\"\n      win32: \"*\"");

        var error = Assert.Single(errors);
        Assert.Equal((6, 7), (error.Line, error.Column));
        Assert.Equal("applications[0].platform: unknown platform 'drawin' — did you mean 'darwin'?", error.Message);
    }

    [Fact]
    public void A_platform_map_with_a_bad_range_is_refused_at_the_range()
    {
        var error = Assert.Single(Errors("platform:\n      darwin: \">=14\"\n      win32: \"soon\""));

        Assert.Equal((7, 14), (error.Line, error.Column));
        Assert.StartsWith("applications[0].platform.win32: 'soon' is not a valid version range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drawin: \"*\"", "unknown platform 'drawin'")]
    [InlineData("drawin: \"soon\"", "unknown platform 'drawin'")]
    [InlineData("darwin: \"soon\"", "'soon' is not a valid version range")]
    public void A_platform_map_whose_only_entry_is_refused_gets_no_second_error_for_being_empty(string entry, string fragment)
    {
        var error = Assert.Single(Errors($"platform:\n      {entry}"));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_unknown_platform_is_refused()
    {
        var error = Assert.Single(Errors("platform: drawin"));

        Assert.Equal((5, 15), (error.Line, error.Column));
        Assert.Equal("applications[0].platform: unknown platform 'drawin' — did you mean 'darwin'?", error.Message);
    }

    [Fact]
    public void A_platform_list_is_refused()
    {
        var error = Assert.Single(Errors("platform: [darwin, win32]"));

        Assert.StartsWith("applications[0].platform: expected a platform (darwin, win32, linux or a distro id) or a map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_paths_are_per_family_and_sorted()
    {
        var application = Single("paths:\n      win32: 'C:\\Tools'\n      darwin: /Applications/Vendor\n      linux: /opt/vendor");

        Assert.Equal(
            [new ApplicationPath("darwin", "/Applications/Vendor"), new ApplicationPath("linux", "/opt/vendor"), new ApplicationPath("win32", "C:\\Tools")],
            application.Paths);
    }

    [Fact]
    public void An_application_path_must_name_a_folder()
    {
        var error = Assert.Single(Errors("paths:\n      darwin: \"  \""));

        Assert.Equal((6, 15), (error.Line, error.Column));
        Assert.Equal("applications[0].paths.darwin: must not be empty", error.Message);
    }

    [Fact]
    public void Application_paths_for_a_distro_are_not_accepted()
    {
        var result = PolicyParser.Parse(Application("paths:\n      ubuntu: /opt/vendor"), strict: true);

        Assert.StartsWith("unknown key 'ubuntu' in applications[0].paths", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_paths_as_one_folder_are_refused()
    {
        var error = Assert.Single(Errors("paths: /opt/vendor"));

        Assert.Equal("applications[0].paths: expected a map of platform (darwin, win32, linux) to a folder, found the value '/opt/vendor'", error.Message);
    }

    private static string Application(string extra) => $"applications:\n  - name: Vendor Agent\n    assertion: ALWAYS\n    description: Endpoint agent\n    {extra}\n";

    private static ApplicationRequirement Single(string extra)
    {
        var result = PolicyParser.Parse(Application(extra), strict: true);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return Assert.Single(result.Policy!.Applications);
    }

    private static IReadOnlyList<PolicyError> Errors(string extra)
    {
        var result = PolicyParser.Parse(Application(extra), strict: true);
        Assert.Null(result.Policy);
        return result.Errors;
    }
}
