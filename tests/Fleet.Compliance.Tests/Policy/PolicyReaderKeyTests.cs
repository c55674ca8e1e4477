namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

/// <summary>The keys of every map in a policy: unknown ones, repeated ones, ones that are not names.</summary>
public sealed class PolicyReaderKeyTests
{
    [Fact]
    public void An_unknown_key_is_a_warning_at_its_line_and_column_and_the_rest_still_loads()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\nosVersion:\n  darwin:\n    ok: \">=14\"\n    okay: \">=15\"\n");

        Assert.Empty(result.Errors);
        Assert.Equal(Requirement.Always, result.Policy!.Firewall);
        Assert.Equal(new OsVersionBracket("darwin", VersionRange.Parse(">=14"), null), Assert.Single(result.Policy.OsVersion));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((5, 5), (warning.Line, warning.Column));
        Assert.Equal("unknown key 'okay' in osVersion.darwin — did you mean 'ok'? (ignored)", warning.Message);
    }

    [Fact]
    public void An_unknown_key_in_strict_mode_is_an_error_and_nothing_loads()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\nosVersion:\n  darwin:\n    ok: \">=14\"\n    okay: \">=15\"\n", strict: true);

        Assert.Null(result.Policy);
        Assert.Empty(result.Warnings);
        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Equal("unknown key 'okay' in osVersion.darwin — did you mean 'ok'?", error.Message);
    }

    [Fact]
    public void An_unknown_key_far_from_every_known_one_lists_the_valid_keys()
    {
        var result = PolicyParser.Parse("applications:\n  - name: Slack\n    assertion: ALWAYS\n    vendorSupportContact: it@acme.test\n");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((4, 5), (warning.Line, warning.Column));
        Assert.Equal(
            "unknown key 'vendorSupportContact' in applications[0]; valid keys: name, assertion, version, platform, description, installFrom, paths (ignored)",
            warning.Message);
        Assert.Equal("Slack", Assert.Single(result.Policy!.Applications).Name);
    }

    [Fact]
    public void An_unknown_top_level_key_names_no_enclosing_map()
    {
        var result = PolicyParser.Parse("firewal: ALWAYS\n");

        Assert.Equal("unknown key 'firewal' — did you mean 'firewall'? (ignored)", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void An_unknown_key_is_skipped_without_reading_its_value()
    {
        // A newer Stethoscope's key may have any shape; its value is neither validated nor used.
        var result = PolicyParser.Parse("firewall: ALWAYS\nbrowserExtensions:\n  - name: uBlock\n    assertion: SOMETIMES\n");

        Assert.Empty(result.Errors);
        Assert.Single(result.Warnings);
        Assert.Equal(CompliancePolicy.Empty with { Firewall = Requirement.Always }, result.Policy);
    }

    [Fact]
    public void Problems_on_one_line_are_listed_by_column_and_those_at_one_position_in_the_order_found()
    {
        var sameLine = PolicyParser.Parse("{firewall: BAD, screenLock: WORSE}\n").Errors;
        var samePosition = PolicyParser.Parse("applications:\n  - {}\n").Errors;

        Assert.Equal([(1, 12), (1, 29)], sameLine.Select(e => (e.Line, e.Column)));
        Assert.Equal(
            ["applications[0]: missing required field 'name'", "applications[0]: missing required field 'assertion' (one of ALWAYS, SUGGESTED, NEVER, IF_SUPPORTED)"],
            samePosition.Select(e => e.Message));
    }

    [Fact]
    public void Warnings_are_listed_in_document_order()
    {
        var result = PolicyParser.Parse("zzz: 1\nfirewall: ALWAYS\naaa: 2\nosVersion:\n  darwin:\n    ok: \">=14\"\n    nudg: \">=13\"\n");

        Assert.Equal([(1, 1), (3, 1), (7, 5)], result.Warnings.Select(w => (w.Line, w.Column)));
    }

    [Theory]
    [InlineData("osVersion:\n  darwin:\n    ok: \">=14\"\n    ok: \">=15\"\n", 4, 5, "ok")]
    [InlineData("osVersion:\n  darwin:\n    ok: \">=14\"\n  darwin:\n    ok: \">=15\"\n", 4, 3, "darwin")]
    [InlineData("firewall: ALWAYS\nextra: 1\nextra: 2\n", 3, 1, "extra")]
    [InlineData("firewall: ALWAYS\n\"firewall\": NEVER\n", 2, 1, "firewall")]
    public void A_repeated_key_is_refused_at_the_repetition_even_when_unknown(string text, int line, int column, string key)
    {
        var result = PolicyParser.Parse(text);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal($"YAML syntax error: Duplicate key {key}", error.Message);
    }

    [Theory]
    [InlineData("firewall: ALWAYS\n!!str firewall: NEVER\n", 2, 1, "duplicate key 'firewall'")]
    [InlineData("osVersion:\n  darwin:\n    ok: \">=14\"\n    !!str ok: \"not a range\"\n", 4, 5, "duplicate key 'ok' in osVersion.darwin")]
    public void A_key_repeated_with_a_tag_is_refused_and_its_value_is_not_read(string text, int line, int column, string message)
    {
        var result = PolicyParser.Parse(text);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal((line, column, message), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void A_key_that_is_a_list_is_an_error_at_the_key()
    {
        var result = PolicyParser.Parse("firewall: ALWAYS\n? [a, b]\n: ALWAYS\n");

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Equal("keys must be plain names, found a list", error.Message);
    }

    [Fact]
    public void A_key_that_is_a_map_inside_a_section_names_the_section()
    {
        var result = PolicyParser.Parse("osVersion:\n  {darwin: 1}: x\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Equal("keys in osVersion must be plain names, found a map", error.Message);
    }

    [Fact]
    public void An_empty_key_is_read_as_a_name()
    {
        // "": ALWAYS has an empty but present name, so it is an unknown key rather than a malformed one.
        var result = PolicyParser.Parse("\"\": ALWAYS\n", strict: true);

        Assert.StartsWith("unknown key ''", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
