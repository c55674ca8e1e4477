using System.Globalization;

namespace Fleet.Query.Syntax;

/// <summary>
/// Recursive-descent parser for the J1QL subset of docs/query-language.md. Keywords are case-insensitive; names and
/// string values are not. Every refusal is a <see cref="QuerySyntaxError"/> value; no input makes it throw.
/// </summary>
public sealed class J1qlParser
{
    // Words that end or structure a clause, so they can never be a target, verb or alias.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "FIND", "UNIQUE", "WITH", "AS", "THAT", "WHERE", "RETURN", "ORDER", "BY", "SKIP", "LIMIT", "AND", "OR",
        "TREE", "TRUE", "FALSE", "UNDEFINED", "RELATES",
    };

    private static readonly Dictionary<string, ComparisonOperator> Operators = new()
    {
        ["="] = ComparisonOperator.Equal, ["!="] = ComparisonOperator.NotEqual,
        [">"] = ComparisonOperator.Greater, ["<"] = ComparisonOperator.Less,
        [">="] = ComparisonOperator.GreaterOrEqual, ["<="] = ComparisonOperator.LessOrEqual,
        ["~="] = ComparisonOperator.Contains, ["^="] = ComparisonOperator.StartsWith, ["$="] = ComparisonOperator.EndsWith,
        ["!~="] = ComparisonOperator.NotContains, ["!^="] = ComparisonOperator.NotStartsWith, ["!$="] = ComparisonOperator.NotEndsWith,
    };

    private static readonly Dictionary<string, DateUnit> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["second"] = DateUnit.Seconds, ["seconds"] = DateUnit.Seconds,
        ["minute"] = DateUnit.Minutes, ["minutes"] = DateUnit.Minutes,
        ["hour"] = DateUnit.Hours, ["hours"] = DateUnit.Hours,
        ["day"] = DateUnit.Days, ["days"] = DateUnit.Days,
        ["week"] = DateUnit.Weeks, ["weeks"] = DateUnit.Weeks,
        ["month"] = DateUnit.Months, ["months"] = DateUnit.Months,
        ["year"] = DateUnit.Years, ["years"] = DateUnit.Years,
    };

    private static readonly Dictionary<string, AggregateFunction> Aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["COUNT"] = AggregateFunction.Count, ["MIN"] = AggregateFunction.Min, ["MAX"] = AggregateFunction.Max,
        ["AVG"] = AggregateFunction.Avg, ["SUM"] = AggregateFunction.Sum,
    };

    private const string ValueExample = "a value, e.g. 'text', 42, true, undefined, ('a' OR 'b'), date.now - 7 days or date(2026-01-31)";

    private readonly List<Token> tokens;
    private readonly QueryLimits limits;
    private readonly List<string> aliases = [];
    private int index;
    private string? firstAlias;

    private J1qlParser(List<Token> tokens, QueryLimits limits)
    {
        this.tokens = tokens;
        this.limits = limits;
    }

    public static ParseResult Parse(string text, QueryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        text ??= "";
        if (text.Length > limits.MaxQueryLength)
        {
            var (line, column) = PositionOf(text, limits.MaxQueryLength);
            return ParseResult.Failure(new QuerySyntaxError(line, column,
                $"query is too long: {text.Length} characters, the maximum is {limits.MaxQueryLength}",
                [$"at most {limits.MaxQueryLength} characters"]));
        }

        try
        {
            var parser = new J1qlParser(J1qlLexer.Tokenize(text), limits);
            return ParseResult.Success(parser.ParseQuery());
        }
        catch (SyntaxErrorSignal signal)
        {
            return ParseResult.Failure(signal.Error);
        }
    }

    private static (int Line, int Column) PositionOf(string text, int offset)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return (line, column);
    }

    // ---- query structure -------------------------------------------------------------------

    private Query ParseQuery()
    {
        if (!AcceptKeyword("FIND"))
        {
            throw Expected("expected FIND at the start of a query", "FIND");
        }
        var unique = AcceptKeyword("UNIQUE");
        var start = ParseStep(negated: false, afterWhat: unique ? "FIND UNIQUE" : "FIND");
        firstAlias = start.Alias;

        var traversals = new List<Traversal>();
        while (IsKeyword(Current, "THAT") || (Current.Kind == TokenKind.Bang && IsKeyword(Next, "THAT")))
        {
            if (traversals.Count == limits.MaxHops)
            {
                throw Error(Current, $"too many steps: at most {limits.MaxHops} THAT steps are allowed", [$"at most {limits.MaxHops} THAT steps"]);
            }
            traversals.Add(ParseTraversal());
        }

        var where = AcceptKeyword("WHERE") ? ParseFilter(whereClause: true) : null;
        var returns = AcceptKeyword("RETURN") ? ParseReturn() : null;
        var orderBy = IsKeyword(Current, "ORDER") ? ParseOrderBy(returns) : null;
        int? skip = AcceptKeyword("SKIP") ? ExpectCount("SKIP", 0, int.MaxValue) : null;
        int? limit = AcceptKeyword("LIMIT") ? ExpectCount("LIMIT", 1, limits.MaxLimit) : null;

        if (Current.Kind != TokenKind.End)
        {
            var followers = Followers(where, returns, orderBy, skip, limit);
            throw Expected($"expected one of {string.Join(", ", followers)}", followers);
        }

        return new Query(unique, start, traversals.ToEquatableArray(), where, returns, orderBy, skip, limit);
    }

    private static string[] Followers(Filter? where, ReturnClause? returns, OrderBy? orderBy, int? skip, int? limit)
    {
        var list = new List<string>();
        if (where is null && returns is null && orderBy is null && skip is null && limit is null)
        {
            list.AddRange(["THAT", "!THAT", "WHERE"]);
        }
        if (returns is null && orderBy is null && skip is null && limit is null)
        {
            list.Add("RETURN");
        }
        if (orderBy is null && skip is null && limit is null)
        {
            list.Add("ORDER BY");
        }
        if (skip is null && limit is null)
        {
            list.Add("SKIP");
        }
        if (limit is null)
        {
            list.Add("LIMIT");
        }
        list.Add("end of query");
        return [.. list];
    }

    private EntityStep ParseStep(bool negated, string afterWhat)
    {
        var target = ParseTarget(afterWhat);
        var filter = AcceptKeyword("WITH") ? ParseFilter(whereClause: false) : null;
        string? alias = null;
        if (IsKeyword(Current, "AS"))
        {
            if (negated)
            {
                throw Error(Current, "a negated step (!THAT) matches no entities, so it cannot have an alias", ["THAT", "WHERE", "RETURN", "end of query"]);
            }
            Advance();
            alias = ExpectNewAlias();
        }
        return new EntityStep(target, filter, alias);
    }

    private Traversal ParseTraversal()
    {
        var negated = Accept(TokenKind.Bang);
        Advance(); // THAT
        // J1QL also writes the negation on the verb: THAT !OWNS.
        if (!negated && Accept(TokenKind.Bang))
        {
            negated = true;
        }
        var verbs = ParseVerbs();
        var direction = Accept(TokenKind.Outgoing) ? EdgeDirection.Outgoing
            : Accept(TokenKind.Incoming) ? EdgeDirection.Incoming
            : EdgeDirection.Either;
        var target = ParseStep(negated, afterWhat: "the verb");
        return new Traversal(negated, verbs, direction, target);
    }

    private TargetSelector ParseTarget(string afterWhat)
    {
        string[] expected = ["a class, e.g. Device", "a type, e.g. fleet_device", "*", "(A|B)"];
        if (Accept(TokenKind.Star))
        {
            return TargetSelector.Any;
        }
        if (Accept(TokenKind.LeftParen))
        {
            var names = new List<TargetName> { new(ExpectName("a class or type inside ( )", ["a class, e.g. Device", "a type, e.g. fleet_device"])) };
            while (Accept(TokenKind.Pipe))
            {
                names.Add(new TargetName(ExpectName("a class or type after '|'", ["a class, e.g. Device", "a type, e.g. fleet_device"])));
            }
            ExpectKind(TokenKind.RightParen, "expected '|' or ')' to close the target list", "|", ")");
            return new TargetSelector(names.ToEquatableArray());
        }
        return new TargetSelector([new TargetName(ExpectName($"a class or type after {afterWhat}, e.g. Device", expected))]);
    }

    private VerbSelector ParseVerbs()
    {
        string[] expected = ["a verb, e.g. OWNS", "RELATES TO", "(V1|V2)"];
        if (IsKeyword(Current, "RELATES"))
        {
            Advance();
            if (!AcceptKeyword("TO"))
            {
                throw Expected("expected TO after RELATES", "TO");
            }
            return VerbSelector.Any;
        }
        if (Accept(TokenKind.LeftParen))
        {
            var verbs = new List<string> { ExpectName("a verb inside ( ), e.g. OWNS", ["a verb, e.g. OWNS"]).ToUpperInvariant() };
            while (Accept(TokenKind.Pipe))
            {
                verbs.Add(ExpectName("a verb after '|', e.g. OWNS", ["a verb, e.g. OWNS"]).ToUpperInvariant());
            }
            ExpectKind(TokenKind.RightParen, "expected '|' or ')' to close the verb list", "|", ")");
            return new VerbSelector(verbs.ToEquatableArray());
        }
        return new VerbSelector([ExpectName("a verb after THAT, e.g. OWNS", expected).ToUpperInvariant()]);
    }

    // ---- filters -----------------------------------------------------------------------------

    private Filter ParseFilter(bool whereClause) => ParseOr(whereClause, depth: 0);

    private Filter ParseOr(bool whereClause, int depth)
    {
        var first = ParseAnd(whereClause, depth);
        if (!IsKeyword(Current, "OR"))
        {
            return first;
        }
        var operands = new List<Filter> { first };
        while (AcceptKeyword("OR"))
        {
            operands.Add(ParseAnd(whereClause, depth));
        }
        return new OrFilter(operands.ToEquatableArray());
    }

    private Filter ParseAnd(bool whereClause, int depth)
    {
        var first = ParsePrimary(whereClause, depth);
        if (!IsKeyword(Current, "AND"))
        {
            return first;
        }
        var operands = new List<Filter> { first };
        while (AcceptKeyword("AND"))
        {
            operands.Add(ParsePrimary(whereClause, depth));
        }
        return new AndFilter(operands.ToEquatableArray());
    }

    private Filter ParsePrimary(bool whereClause, int depth)
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            if (depth + 1 > limits.MaxNestingDepth)
            {
                throw Error(Current, $"filter is nested too deeply: at most {limits.MaxNestingDepth} levels of parentheses", ["a comparison, e.g. compliant = false"]);
            }
            Advance();
            var inner = ParseOr(whereClause, depth + 1);
            ExpectKind(TokenKind.RightParen, "expected AND, OR or ')' to close the parenthesis", "AND", "OR", ")");
            return inner;
        }
        var property = whereClause ? ExpectAliasProperty("in WHERE") : ExpectProperty();
        if (Current.Kind != TokenKind.Operator)
        {
            throw Expected($"expected a comparison operator after {property}", "=", "!=", ">", "<", ">=", "<=", "~=", "^=", "$=", "!~=", "!^=", "!$=");
        }
        var operatorToken = Advance();
        var op = Operators[operatorToken.Text];
        var value = ParseValue(whereClause, operatorToken);
        if (value is UndefinedLiteral && op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            throw Error(operatorToken, $"undefined can only be compared with = or !=, not {operatorToken.Text}", ["=", "!="]);
        }
        return new Comparison(property, op, value);
    }

    private PropertyRef ExpectProperty()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Expected("expected a property name, e.g. compliant, or '('", "a property name", "(");
        }
        return new PropertyRef(null, Advance().Text);
    }

    private PropertyRef ExpectAliasProperty(string where)
    {
        if (Current.Kind != TokenKind.Identifier || !Current.Text.Contains('.'))
        {
            throw Expected($"expected alias.property {where}, e.g. d.hostname", "alias.property", "(");
        }
        return SplitAliasProperty(Advance());
    }

    private PropertyRef SplitAliasProperty(Token token)
    {
        var dot = token.Text.IndexOf('.');
        var alias = token.Text[..dot];
        if (!aliases.Contains(alias))
        {
            throw Error(token, $"unknown alias '{alias}'", aliases.Count == 0 ? ["an alias declared with AS"] : [.. aliases]);
        }
        return new PropertyRef(alias, token.Text[(dot + 1)..]);
    }

    private FilterValue ParseValue(bool whereClause, Token operatorToken)
    {
        var token = Current;
        if (token.Kind == TokenKind.LeftParen)
        {
            Advance();
            var values = new List<FilterValue> { ParseScalar(whereClause: false, operatorToken, inList: true) };
            while (AcceptKeyword("OR"))
            {
                values.Add(ParseScalar(whereClause: false, operatorToken, inList: true));
            }
            ExpectKind(TokenKind.RightParen, "expected OR or ')' to close the value list", "OR", ")");
            return new ValueList(values.ToEquatableArray());
        }
        return ParseScalar(whereClause, operatorToken, inList: false);
    }

    private FilterValue ParseScalar(bool whereClause, Token operatorToken, bool inList)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Text);
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(ParseNumber(token, negative: false));
            case TokenKind.Minus when Next.Kind == TokenKind.Number:
                Advance();
                return new NumberLiteral(ParseNumber(Advance(), negative: true));
            case TokenKind.DateLiteral:
                Advance();
                return new AbsoluteDate(ParseDate(token));
            case TokenKind.Identifier when IsKeyword(token, "true"):
                Advance();
                return new BooleanLiteral(true);
            case TokenKind.Identifier when IsKeyword(token, "false"):
                Advance();
                return new BooleanLiteral(false);
            case TokenKind.Identifier when IsKeyword(token, "undefined") && !inList:
                Advance();
                return UndefinedLiteral.Instance;
            case TokenKind.Identifier when IsKeyword(token, "date.now"):
                Advance();
                return ParseRelativeDate();
            case TokenKind.Identifier when whereClause && token.Text.Contains('.'):
                return new PropertyOperand(SplitAliasProperty(Advance()));
        }
        var what = inList ? "a value in the list, e.g. 'a'" : $"{ValueExample} after {operatorToken.Text}";
        throw Expected($"expected {what}", "'string'", "number", "true", "false", "undefined", "(", "date.now", "date(...)");
    }

    private FilterValue ParseRelativeDate()
    {
        if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus))
        {
            return new RelativeDate(0, DateUnit.Days);
        }
        var sign = Advance().Kind == TokenKind.Minus ? -1 : 1;
        if (Current.Kind != TokenKind.Number || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000)
        {
            throw Expected("expected a whole number after date.now, e.g. date.now - 7 days", "a whole number up to 1000000");
        }
        Advance();
        if (Current.Kind != TokenKind.Identifier || !Units.TryGetValue(Current.Text, out var unit))
        {
            throw Expected("expected a time unit, e.g. days", "seconds", "minutes", "hours", "days", "weeks", "months", "years");
        }
        Advance();
        // "date.now - 0 days" is date.now; one spelling keeps round-trips exact.
        return amount == 0 ? new RelativeDate(0, DateUnit.Days) : new RelativeDate(sign * amount, unit);
    }

    private static double ParseNumber(Token token, bool negative)
    {
        if (!double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(token, $"number {token.Text} is out of range", ["a number"]);
        }
        return negative ? -value : value;
    }

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmzzz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-ddTHH:mmZ", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
    ];

    private static DateTimeOffset ParseDate(Token token)
    {
        if (DateTimeOffset.TryParseExact(token.Text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }
        throw Error(token, $"'{token.Text}' is not a date: expected date(2026-01-31) or date(2026-01-31T10:00:00Z)", ["date(yyyy-MM-dd)", "date(yyyy-MM-ddTHH:mm:ssZ)"]);
    }

    // ---- RETURN, ORDER BY, SKIP, LIMIT ------------------------------------------------------

    private ReturnClause ParseReturn()
    {
        if (AcceptKeyword("TREE"))
        {
            return ReturnTree.Instance;
        }
        var items = new List<ReturnItem> { ParseReturnItem() };
        while (Accept(TokenKind.Comma))
        {
            items.Add(ParseReturnItem());
        }
        return new ReturnItems(items.ToEquatableArray());
    }

    private ReturnItem ParseReturnItem()
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier)
        {
            throw Expected("expected TREE or a return item, e.g. d.hostname, d, d.* or COUNT(d)", "TREE", "alias.property", "alias", "alias.*", "COUNT(alias)");
        }
        if (Aggregates.TryGetValue(token.Text, out var function) && Next.Kind == TokenKind.LeftParen)
        {
            Advance();
            Advance();
            string alias;
            string? property = null;
            if (function == AggregateFunction.Count)
            {
                alias = ExpectKnownAlias($"expected an alias inside COUNT( ), e.g. COUNT(d)");
            }
            else
            {
                var reference = ExpectAliasProperty($"inside {function.ToString().ToUpperInvariant()}( )");
                (alias, property) = (reference.Alias!, reference.Name);
            }
            ExpectKind(TokenKind.RightParen, "expected ')' to close the aggregate", ")");
            return new AggregateItem(function, alias, property, ParseLabel());
        }
        if (token.Text.Contains('.'))
        {
            var reference = SplitAliasProperty(Advance());
            return new PropertyItem(reference.Alias!, reference.Name, ParseLabel());
        }
        var name = ExpectKnownAlias("expected TREE or a return item, e.g. d.hostname, d, d.* or COUNT(d)");
        return Accept(TokenKind.DotStar) ? new AllPropertiesItem(name) : new EntityItem(name);
    }

    private string? ParseLabel()
    {
        if (!AcceptKeyword("AS"))
        {
            return null;
        }
        if (Current.Kind is TokenKind.String or TokenKind.Identifier)
        {
            return Advance().Text;
        }
        throw Expected("expected a label after AS, e.g. \"Hostname\"", "\"label\"");
    }

    private OrderBy ParseOrderBy(ReturnClause? returns)
    {
        Advance(); // ORDER
        if (!AcceptKeyword("BY"))
        {
            throw Expected("expected BY after ORDER", "BY");
        }
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Expected("expected a property to order by, e.g. d.hostname", "alias.property", "property");
        }
        var token = Advance();
        var dot = token.Text.IndexOf('.');
        var property = dot > 0 && aliases.Contains(token.Text[..dot])
            ? new PropertyRef(token.Text[..dot], token.Text[(dot + 1)..])
            : new PropertyRef(null, token.Text);
        // Lists and trees are ordered by their starting entities, so only the starting alias means anything there.
        if (returns is not ReturnItems && property.Alias is not null && property.Alias != firstAlias)
        {
            throw Error(token, $"ORDER BY sorts the starting entities here; use the starting alias '{firstAlias ?? "(none)"}' or a plain property",
                firstAlias is null ? ["property"] : [$"{firstAlias}.property", "property"]);
        }
        var descending = AcceptKeyword("DESC");
        if (!descending)
        {
            AcceptKeyword("ASC");
        }
        return new OrderBy(property, descending);
    }

    private int ExpectCount(string keyword, int minimum, int maximum)
    {
        var token = Current;
        if (token.Kind != TokenKind.Number || !token.Text.All(char.IsAsciiDigit))
        {
            throw Expected($"expected a whole number after {keyword}", "a whole number");
        }
        if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw Error(token, $"{keyword} must be between {minimum} and {maximum}", [$"{minimum}..{maximum}"]);
        }
        Advance();
        return value;
    }

    // ---- names ------------------------------------------------------------------------------

    private string ExpectName(string what, string[] expected)
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier || token.Text.Contains('.') || Reserved.Contains(token.Text))
        {
            throw Expected($"expected {what}", expected);
        }
        Advance();
        return token.Text;
    }

    private string ExpectNewAlias()
    {
        var token = Current;
        var name = ExpectName("an alias after AS, e.g. d", ["an alias, e.g. d"]);
        if (name.Equals("date", StringComparison.OrdinalIgnoreCase) || Aggregates.ContainsKey(name))
        {
            throw Error(token, $"'{name}' is a reserved word and cannot be an alias", ["an alias, e.g. d"]);
        }
        if (aliases.Contains(name))
        {
            throw Error(token, $"alias '{name}' is already used", ["a new alias"]);
        }
        aliases.Add(name);
        return name;
    }

    private string ExpectKnownAlias(string message)
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier || token.Text.Contains('.'))
        {
            throw Expected(message, aliases.Count == 0 ? ["an alias declared with AS"] : [.. aliases]);
        }
        if (!aliases.Contains(token.Text))
        {
            throw Error(token, $"unknown alias '{token.Text}'", aliases.Count == 0 ? ["an alias declared with AS"] : [.. aliases]);
        }
        Advance();
        return token.Text;
    }

    // ---- token plumbing ---------------------------------------------------------------------

    private Token Current => tokens[index];

    private Token Next => tokens[Math.Min(index + 1, tokens.Count - 1)];

    private Token Advance()
    {
        var token = tokens[index];
        if (index < tokens.Count - 1)
        {
            index++;
        }
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }
        Advance();
        return true;
    }

    private static bool IsKeyword(Token token, string keyword) =>
        token.Kind == TokenKind.Identifier && token.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private bool AcceptKeyword(string keyword)
    {
        if (!IsKeyword(Current, keyword))
        {
            return false;
        }
        Advance();
        return true;
    }

    private void ExpectKind(TokenKind kind, string message, params string[] expected)
    {
        if (!Accept(kind))
        {
            throw Expected(message, expected);
        }
    }

    private SyntaxErrorSignal Expected(string message, params string[] expected) =>
        Error(Current, $"{message}; found {Current.Describe()}", expected);

    private static SyntaxErrorSignal Error(Token token, string message, IReadOnlyList<string> expected) =>
        new(new QuerySyntaxError(token.Line, token.Column, message, expected));
}
