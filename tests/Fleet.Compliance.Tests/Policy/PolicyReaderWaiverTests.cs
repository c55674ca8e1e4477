namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>Waivers: what each needs, who it is for, and which checks it may name.</summary>
public sealed class PolicyReaderWaiverTests
{
    [Fact]
    public void A_complete_waiver_is_read_with_its_fields_trimmed()
    {
        var result = PolicyParser.Parse(
            "firewall: ALWAYS\nwaivers:\n  - check: ' firewall '\n    person: ann@acme.test\n    justification: ' On parental leave '\n    expires: ' 2026-03-31 '\n");

        Assert.Empty(result.Errors);
        Assert.Equal(new Waiver("firewall", null, "ann@acme.test", "On parental leave", new DateOnly(2026, 3, 31)), Assert.Single(result.Policy!.Waivers));
    }

    [Theory]
    [InlineData("ann@acme.test")]
    [InlineData("a@b")]
    public void A_waiver_for_a_person_takes_an_email_address(string person)
    {
        var result = PolicyParser.Parse(Waiver($"person: '{person}'"));

        Assert.Empty(result.Errors);
        Assert.Equal(person, Assert.Single(result.Policy!.Waivers).Person);
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("@acme.test")]
    [InlineData("ann@")]
    [InlineData("ann@acme@test")]
    [InlineData("ann smith@acme.test")]
    public void A_waiver_for_a_person_refuses_what_is_not_an_email_address(string person)
    {
        var result = PolicyParser.Parse(Waiver($"person: '{person}'"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 13), (error.Line, error.Column));
        Assert.Equal($"waivers[0].person: '{person}' is not an e-mail address", error.Message);
    }

    [Fact]
    public void A_waiver_for_neither_a_device_nor_a_person_is_refused()
    {
        var error = Assert.Single(PolicyParser.Parse("waivers:\n  - check: firewall\n    justification: x\n    expires: 2026-03-31\n").Errors);

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Equal("waivers[0]: give exactly one of 'device' (a device id) or 'person' (an e-mail address)", error.Message);
    }

    [Fact]
    public void A_waiver_for_both_a_device_and_a_person_is_refused()
    {
        var error = Assert.Single(PolicyParser.Parse(Waiver("device: d1\n    person: ann@acme.test")).Errors);

        Assert.EndsWith("(an e-mail address), not both", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", 3, 5)]
    [InlineData("justification", 3, 5)]
    [InlineData("expires", 3, 5)]
    public void A_waiver_without_a_required_field_is_refused(string missing, int line, int column)
    {
        var fields = new[] { "check: firewall", "device: d1", "justification: x", "expires: 2026-03-31" }.Where(f => !f.StartsWith(missing, StringComparison.Ordinal));
        var text = "firewall: ALWAYS\nwaivers:\n  - " + string.Join("\n    ", fields) + "\n";

        var error = Assert.Single(PolicyParser.Parse(text).Errors);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal($"waivers[0]: missing required field '{missing}'", error.Message);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("device")]
    [InlineData("person")]
    public void A_waiver_with_an_empty_check_device_or_person_is_refused(string field)
    {
        var text = field == "check" ? Waiver("device: d1", check: "''") : Waiver($"{field}: ''");

        var error = Assert.Single(PolicyParser.Parse(text).Errors);

        Assert.Equal($"waivers[0].{field}: must not be empty", error.Message);
    }

    [Fact]
    public void A_waiver_with_an_empty_justification_is_refused()
    {
        var error = Assert.Single(PolicyParser.Parse(Waiver("device: d1", justification: "\"  \"")).Errors);

        Assert.Equal("waivers[0].justification: must not be empty", error.Message);
    }

    [Fact]
    public void A_waiver_may_name_an_application_defined_after_it_ignoring_case()
    {
        var result = PolicyParser.Parse(
            "waivers:\n  - check: app:slack\n    device: d1\n    justification: x\n    expires: 2026-03-31\napplications:\n  - name: Slack\n    assertion: ALWAYS\n");

        Assert.Empty(result.Errors);
        Assert.Equal("app:slack", Assert.Single(result.Policy!.Waivers).Check);
    }

    [Fact]
    public void A_waiver_for_a_missing_application_suggests_the_nearest_check()
    {
        var result = PolicyParser.Parse(
            "applications:\n  - name: Slack\n    assertion: ALWAYS\nwaivers:\n  - check: app:Slak\n    device: d1\n    justification: x\n    expires: 2026-03-31\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 12), (error.Line, error.Column));
        Assert.Equal("waivers[0].check: there is no application named 'Slak' in this policy — did you mean 'app:Slack'?", error.Message);
    }

    [Fact]
    public void A_waiver_for_an_unknown_check_suggests_the_nearest_and_lists_the_checks()
    {
        var error = Assert.Single(PolicyParser.Parse(Waiver("device: d1", check: "firewal")).Errors);

        Assert.Equal((3, 12), (error.Line, error.Column));
        Assert.Equal(
            "waivers[0].check: unknown check 'firewal' — did you mean 'firewall'?; checks are " + string.Join(", ", CheckIds.Settings) + " and app:<name>",
            error.Message);
    }

    [Fact]
    public void Waivers_must_be_a_list_of_maps()
    {
        Assert.Equal(
            "waivers: expected a list of waivers, found a map",
            Assert.Single(PolicyParser.Parse("waivers:\n  check: firewall\n").Errors).Message);
        Assert.StartsWith(
            "waivers[0]: expected a map with 'check', 'device' or 'person'",
            Assert.Single(PolicyParser.Parse("waivers:\n  - firewall\n").Errors).Message,
            StringComparison.Ordinal);
    }

    private static string Waiver(string who, string check = "firewall", string justification = "Lab machine") =>
        $"firewall: ALWAYS\nwaivers:\n  - check: {check}\n    {who}\n    justification: {justification}\n    expires: 2026-03-31\n";
}
