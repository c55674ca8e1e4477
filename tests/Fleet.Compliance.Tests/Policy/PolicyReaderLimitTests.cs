namespace Fleet.Compliance.Tests.Policy;

using System.Text;
using Fleet.Compliance.Policy;

/// <summary>The limits that keep hostile or garbage input cheap: size, nesting, number of problems listed.</summary>
public sealed class PolicyReaderLimitTests
{
    [Fact]
    public void A_policy_of_exactly_the_maximum_length_is_read()
    {
        var text = Padded("firewall: ALWAYS\n", PolicyParser.MaxLength);

        var result = PolicyParser.Parse(text);

        Assert.Empty(result.Errors);
        Assert.Equal(Requirement.Always, result.Policy!.Firewall);
    }

    [Fact]
    public void A_policy_one_character_over_the_maximum_is_refused_at_the_start()
    {
        var text = Padded("firewall: ALWAYS\n", PolicyParser.MaxLength + 1);

        var result = PolicyParser.Parse(text);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal($"the policy is {PolicyParser.MaxLength + 1} characters long; the limit is {PolicyParser.MaxLength}", error.Message);
    }

    [Fact]
    public void No_text_at_all_is_refused_at_the_start()
    {
        var result = PolicyParser.Parse(null!);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 1, "no policy text was given"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Nesting_at_the_maximum_depth_is_read_as_a_value()
    {
        // The policy's own map is the first level.
        var text = "firewall: " + new string('[', PolicyParser.MaxDepth - 1) + new string(']', PolicyParser.MaxDepth - 1);

        var error = Assert.Single(PolicyParser.Parse(text).Errors);

        Assert.Equal("firewall: expected one of ALWAYS, SUGGESTED, NEVER, IF_SUPPORTED, found a list", error.Message);
    }

    [Fact]
    public void Nesting_one_level_deeper_is_refused_where_it_goes_too_deep()
    {
        var text = "firewall: " + new string('[', PolicyParser.MaxDepth) + new string(']', PolicyParser.MaxDepth);

        var error = Assert.Single(PolicyParser.Parse(text).Errors);

        Assert.Equal((1, 11 + PolicyParser.MaxDepth - 1), (error.Line, error.Column));
        Assert.Equal($"nested more than {PolicyParser.MaxDepth} levels deep", error.Message);
    }

    [Fact]
    public void Depth_counts_nesting_not_the_number_of_maps()
    {
        // Many sibling maps, each shallow: closing a map returns to the level above.
        var text = new StringBuilder("osVersion:\n");
        foreach (var distro in PlatformKeys.KnownDistros) text.Append($"  {distro}:\n    ok: \">=1\"\n");

        var result = PolicyParser.Parse(text.ToString());

        Assert.Empty(result.Errors);
        Assert.Equal(PlatformKeys.KnownDistros.Count, result.Policy!.OsVersion.Count);
    }

    [Fact]
    public void Depth_counts_nesting_not_the_number_of_lists_and_maps()
    {
        var text = new StringBuilder("applications:\n");
        for (var i = 0; i < PolicyParser.MaxDepth + 8; i++) text.Append($"  - name: App{i}\n    assertion: ALWAYS\n");

        var result = PolicyParser.Parse(text.ToString());

        Assert.Empty(result.Errors);
        Assert.Equal(PolicyParser.MaxDepth + 8, result.Policy!.Applications.Count);
    }

    [Fact]
    public void A_second_document_is_the_only_problem_reported_even_when_it_is_malformed()
    {
        var error = Assert.Single(PolicyParser.Parse("firewall: ALWAYS\n---\nscreenLock: [ALWAYS\n").Errors);

        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.Equal("a policy is a single YAML document; found a second one here", error.Message);
    }

    [Fact]
    public void After_the_maximum_number_of_problems_the_list_stops_with_a_note()
    {
        var text = new StringBuilder();
        for (var i = 0; i < PolicyParser.MaxErrors + 50; i++) text.Append($"unknown{i}: 1\n");

        var result = PolicyParser.Parse(text.ToString(), strict: true);

        Assert.Equal(PolicyParser.MaxErrors + 1, result.Errors.Count);
        var last = result.Errors[^1];
        Assert.Equal((PolicyParser.MaxErrors + 1, 1), (last.Line, last.Column));
        Assert.Equal($"more than {PolicyParser.MaxErrors} problems; stopped listing", last.Message);
        Assert.StartsWith("unknown key 'unknown199'", result.Errors[^2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_maximum_number_of_problems_are_all_listed()
    {
        var text = new StringBuilder();
        for (var i = 0; i < PolicyParser.MaxErrors; i++) text.Append($"unknown{i}: 1\n");

        var result = PolicyParser.Parse(text.ToString(), strict: true);

        Assert.Equal(PolicyParser.MaxErrors, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("unknown key", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void At_most_the_maximum_number_of_warnings_are_listed()
    {
        var text = new StringBuilder("firewall: ALWAYS\n");
        for (var i = 0; i < PolicyParser.MaxErrors + 50; i++) text.Append($"unknown{i}: 1\n");

        var result = PolicyParser.Parse(text.ToString());

        Assert.Equal(Requirement.Always, result.Policy!.Firewall);
        Assert.Equal(PolicyParser.MaxErrors, result.Warnings.Count);
    }

    /// <summary>The policy followed by a YAML comment that brings it to exactly <paramref name="length"/> characters.</summary>
    private static string Padded(string policy, int length) => policy + "#" + new string('x', length - policy.Length - 1);
}
