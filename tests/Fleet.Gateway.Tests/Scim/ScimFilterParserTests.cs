using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>The SCIM filter subset (RFC 7644 §3.4.2.2): what parses, what it means, and every refusal.</summary>
public sealed class ScimFilterParserTests
{
    private static ScimFilter Parse(string text, ScimResourceKind kind = ScimResourceKind.User) =>
        ScimFilterParser.Parse(text, kind) is { Filter: { } filter } ? filter : throw new Xunit.Sdk.XunitException($"'{text}' did not parse");

    private static string Refusal(string text, ScimResourceKind kind = ScimResourceKind.User) =>
        ScimFilterParser.Parse(text, kind) is { Filter: null, Error: { } error } ? error : throw new Xunit.Sdk.XunitException($"'{text}' parsed");

    private static readonly ScimUser Barbara = new("2819c223-7f76-453a-919d-413861904646",
        new ScimUserInput("bjensen@example.com", "bjensen", new ScimName("Ms. Barbara J Jensen III", "Barbara", "Jensen"), "Babs Jensen",
            [new ScimEmail("bjensen@example.com", "work", true), new ScimEmail("babs@jensen.org", "home", false)], Active: true),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    private static bool Matches(string filter) => Parse(filter).Matches(Barbara.Values);

    // The filters Okta and Entra ID send to look a user up before creating it.
    [Theory]
    [InlineData("userName eq \"bjensen@example.com\"")]
    [InlineData("userName eq \"BJensen@Example.com\"")]
    [InlineData("externalId eq \"bjensen\"")]
    [InlineData("emails.value eq \"babs@jensen.org\"")]
    [InlineData("emails eq \"babs@jensen.org\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bjensen@example.com\"")]
    [InlineData("USERNAME EQ \"bjensen@example.com\"")]
    [InlineData("emails[type eq \"work\"].value eq \"bjensen@example.com\"")]
    public void Equality_on_each_supported_attribute_matches(string filter) => Assert.True(Matches(filter));

    // userName and e-mails compare without case (caseExact=false); externalId and id compare exactly (caseExact=true).
    [Fact]
    public void ExternalId_compares_case_exactly() => Assert.False(Matches("externalId eq \"BJENSEN\""));

    // Entra ID's look-up by work e-mail only matches e-mails of that type.
    [Fact]
    public void An_email_type_narrows_the_emails_compared() => Assert.False(Matches("emails[type eq \"work\"].value eq \"babs@jensen.org\""));

    [Theory]
    [InlineData("userName co \"jensen@\"", true)]
    [InlineData("userName sw \"bjen\"", true)]
    [InlineData("userName sw \"jensen\"", false)]
    [InlineData("emails.value co \"jensen.org\"", true)]
    [InlineData("userName co \"nobody\"", false)]
    public void Contains_and_starts_with_match_substrings_and_prefixes(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    // and binds tighter than or, as RFC 7644 orders them; parentheses regroup.
    [Theory]
    [InlineData("userName eq \"x\" or userName sw \"b\" and externalId eq \"bjensen\"", true)]
    [InlineData("(userName eq \"x\" or userName sw \"b\") and externalId eq \"nope\"", false)]
    [InlineData("userName eq \"x\" or (userName sw \"b\" and externalId eq \"bjensen\")", true)]
    [InlineData("userName eq \"x\" and userName sw \"b\" or externalId eq \"bjensen\"", true)]
    [InlineData("userName eq \"x\" and (userName sw \"b\" or externalId eq \"bjensen\")", false)]
    public void And_binds_tighter_than_or_and_parentheses_regroup(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Fact]
    public void And_before_or_is_the_tree_it_says()
    {
        var filter = Parse("userName eq \"a\" or userName eq \"b\" and externalId eq \"c\"");

        var or = Assert.IsType<ScimLogical>(filter);
        Assert.False(or.IsAnd);
        Assert.Equal(new ScimComparison(ScimAttribute.UserName, ScimOperator.Equal, "a"), or.Left);
        Assert.True(Assert.IsType<ScimLogical>(or.Right).IsAnd);
    }

    // Values are JSON strings: escapes are read as JSON reads them.
    [Fact]
    public void Values_are_json_strings_with_escapes()
    {
        var filter = Assert.IsType<ScimComparison>(Parse("userName eq \"a\\\"b\\\\c\\u0041\""));

        Assert.Equal("a\"b\\cA", filter.Value);
    }

    // Groups filter on displayName (Entra ID) and members; users cannot.
    [Fact]
    public void Groups_filter_on_display_name_and_members()
    {
        var filter = Parse("displayName eq \"Engineering\" and members eq \"u1\"", ScimResourceKind.Group);
        var group = new ScimGroup("g1", "engineering", null, ["u1", "u2"], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

        Assert.True(filter.Matches(group.Values));
        Assert.Contains("cannot be filtered on", Refusal("displayName eq \"x\""));
    }

    // Every refusal says where and what was expected; none throws.
    [Theory]
    [InlineData("", "attribute name")]
    [InlineData("userName", "operator")]
    [InlineData("userName eq", "double quotes")]
    [InlineData("userName eq bjensen", "double quotes")]
    [InlineData("userName eq \"open", "ends inside a quoted value")]
    [InlineData("userName gt \"a\"", "'gt' is not supported")]
    [InlineData("userName pr", "'pr' is not supported")]
    [InlineData("title eq \"boss\"", "'title' cannot be filtered on")]
    [InlineData("(userName eq \"a\"", "expected ')'")]
    [InlineData("userName eq \"a\")", "'and', 'or' or the end")]
    [InlineData("userName eq \"a\" and", "attribute name")]
    [InlineData("userName eq \"a\" xor userName eq \"b\"", "'and', 'or' or the end")]
    [InlineData("userName eq \"a\\q\"", "not a JSON escape")]
    [InlineData("emails[type eq \"work\"] eq \"a\"", "'.value'")]
    [InlineData("emails[primary eq true].value eq \"a\"", "'type'")]
    public void Bad_filters_are_refused_with_a_reason(string filter, string reason) => Assert.Contains(reason, Refusal(filter));

    // Bounded: a filter longer than the limit or nested deeper than the limit is refused, never a stack overflow.
    [Fact]
    public void Long_and_deeply_nested_filters_are_refused()
    {
        Assert.Contains("at most 1000", Refusal("userName eq \"" + new string('a', ScimFilterParser.MaxLength) + "\""));
        Assert.Contains("nest deeper", Refusal(new string('(', 40) + "userName eq \"a\"" + new string(')', 40)));
        Assert.NotNull(ScimFilterParser.Parse(new string('(', 16) + "userName eq \"a\"" + new string(')', 16), ScimResourceKind.User).Filter);
    }

    // A keyword must stand alone: an attribute that starts with "or" is not the operator.
    [Fact]
    public void Keywords_need_a_boundary() => Assert.Contains("'and', 'or' or the end", Refusal("userName eq \"a\" orx"));
}
