using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Syntax;

public sealed class InvalidQueryTests
{
    // text, line, column, a fragment of the message
    public static TheoryData<string, int, int, string> InvalidQueries => new()
    {
        { "", 1, 1, "expected FIND at the start" },
        { "SELECT * FROM devices", 1, 1, "expected FIND" },
        { "FIND", 1, 5, "expected a class or type after FIND" },
        { "FIND WITH x = 1", 1, 6, "expected a class or type after FIND" },
        { "FIND Person THAT", 1, 17, "expected a verb after THAT, e.g. OWNS" },
        { "FIND Person THAT WITH", 1, 18, "expected a verb after THAT" },
        { "FIND Person THAT OWNS", 1, 22, "expected a class or type after the verb" },
        { "FIND Person THAT RELATES Device", 1, 26, "expected TO after RELATES" },
        { "FIND Person THAT (OWNS USES) Device", 1, 24, "expected '|' or ')' to close the verb list" },
        { "FIND (Device Person)", 1, 14, "expected '|' or ')' to close the target list" },
        { "FIND (Device|)", 1, 14, "expected a class or type after '|'" },
        { "FIND Device WITH", 1, 17, "expected a property name" },
        { "FIND Device WITH encrypted", 1, 27, "expected a comparison operator after encrypted" },
        { "FIND Device WITH encrypted ==", 1, 29, "expected a value" },
        { "FIND Device WITH encrypted =", 1, 29, "expected a value" },
        { "FIND Device WITH encrypted = yes", 1, 30, "expected a value" },
        { "FIND Device WITH a = 1 AND", 1, 27, "expected a property name" },
        { "FIND Device WITH (a = 1", 1, 24, "expected AND, OR or ')'" },
        { "FIND Device WITH a = ('x' AND 'y')", 1, 27, "expected OR or ')' to close the value list" },
        { "FIND Device WITH a = ('x' OR)", 1, 29, "expected a value in the list" },
        { "FIND Device WITH a = 'unterminated", 1, 22, "unterminated string" },
        { "FIND Device WITH a # 1", 1, 20, "unexpected character '#'" },
        { "FIND Device WITH a ~= undefined", 1, 20, "undefined can only be compared with = or !=" },
        { "FIND Device WITH t > date.now - days", 1, 33, "expected a whole number after date.now" },
        { "FIND Device WITH t > date.now - 7 fortnights", 1, 35, "expected a time unit" },
        { "FIND Device WITH t > date(31/01/2026)", 1, 22, "is not a date" },
        { "FIND Device WITH t > date(2026-01-31", 1, 22, "unterminated date" },
        { "FIND Device AS", 1, 15, "expected an alias after AS" },
        { "FIND Device AS d THAT HAS Person AS d", 1, 37, "alias 'd' is already used" },
        { "FIND Person !THAT OWNS Device AS d", 1, 31, "a negated step (!THAT) matches no entities" },
        { "FIND Person AS p WHERE x.name = 'a'", 1, 24, "unknown alias 'x'" },
        { "FIND Person AS p WHERE name = 'a'", 1, 24, "expected alias.property in WHERE" },
        { "FIND Person AS p WHERE p.name = q.name", 1, 33, "unknown alias 'q'" },
        { "FIND Person AS p RETURN", 1, 24, "expected TREE or a return item" },
        { "FIND Person AS p RETURN q.name", 1, 25, "unknown alias 'q'" },
        { "FIND Person AS p RETURN COUNT(p.name)", 1, 31, "expected an alias inside COUNT" },
        { "FIND Person AS p RETURN SUM(p)", 1, 29, "expected alias.property inside SUM" },
        { "FIND Person AS p RETURN p.name AS", 1, 34, "expected a label after AS" },
        { "FIND Person AS p ORDER p.name", 1, 24, "expected BY after ORDER" },
        { "FIND Person AS p THAT OWNS Device AS d ORDER BY d.hostname", 1, 49, "ORDER BY sorts the starting entities" },
        { "FIND Person LIMIT", 1, 18, "expected a whole number after LIMIT" },
        { "FIND Person LIMIT 0", 1, 19, "LIMIT must be between 1 and 10000" },
        { "FIND Person LIMIT 10001", 1, 19, "LIMIT must be between 1 and 10000" },
        { "FIND Person LIMIT 2.5", 1, 19, "expected a whole number after LIMIT" },
        { "FIND Person SKIP -1", 1, 18, "expected a whole number after SKIP" },
        { "FIND Person LIMIT 5 SKIP 2", 1, 21, "expected one of end of query" },
        { "FIND Person Device", 1, 13, "expected one of THAT, !THAT, WHERE, RETURN" },
        { "FIND Person RETURN TREE WHERE x = 1", 1, 25, "expected one of ORDER BY, SKIP, LIMIT" },
        { "FIND Person\nTHAT OWNS\n  Device WITH encrypted = maybe", 3, 27, "expected a value" },
        { "FIND Person\r\nTHAT\r\n", 3, 1, "expected a verb after THAT" },
        { "FIND Device WITH x = 1e999", 1, 22, "out of range" },
        { "FIND Device AS with", 1, 16, "expected an alias after AS" },
        { "FIND Device AS count", 1, 16, "reserved word" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public void Invalid_query_reports_position_and_what_was_expected(string text, int line, int column, string fragment)
    {
        var result = J1qlParser.Parse(text, QueryLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal((line, column), (result.Error.Line, result.Error.Column));
        Assert.Contains(fragment, result.Error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(result.Error.Expected);
    }

    [Fact]
    public void There_are_at_least_thirty_invalid_queries() => Assert.True(InvalidQueries.Count >= 30);

    [Fact]
    public void Missing_verb_lists_the_verb_forms_and_says_what_was_found()
    {
        var error = J1qlParser.Parse("FIND Person THAT", QueryLimits.Default).Error!;
        Assert.Equal(["a verb, e.g. OWNS", "RELATES TO", "(V1|V2)"], error.Expected);
        Assert.EndsWith("found end of query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_longer_than_the_limit_is_refused_at_the_first_extra_character()
    {
        var limits = QueryLimits.Default with { MaxQueryLength = 20 };
        var error = J1qlParser.Parse("FIND Device WITH hostname = 'x'", limits).Error!;
        Assert.Equal((1, 21), (error.Line, error.Column));
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_hops_than_the_limit_are_refused_at_the_extra_THAT()
    {
        var limits = QueryLimits.Default with { MaxHops = 2 };
        var error = J1qlParser.Parse("FIND A THAT HAS B THAT HAS C THAT HAS D", limits).Error!;
        Assert.Equal((1, 30), (error.Line, error.Column));
        Assert.Contains("too many steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_parentheses_are_a_syntax_error_not_a_stack_overflow()
    {
        var text = "FIND Device WITH " + new string('(', 100_000) + "a = 1" + new string(')', 100_000);
        var error = J1qlParser.Parse(text, QueryLimits.Default with { MaxQueryLength = 1_000_000 }).Error!;
        Assert.Equal((1, 18 + QueryLimits.Default.MaxNestingDepth), (error.Line, error.Column));
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        var depth = QueryLimits.Default.MaxNestingDepth;
        var text = "FIND Device WITH " + new string('(', depth) + "a = 1" + new string(')', depth);
        Assert.True(J1qlParser.Parse(text, QueryLimits.Default).IsSuccess);
    }
}
