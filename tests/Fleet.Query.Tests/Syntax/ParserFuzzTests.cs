using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Syntax;

public sealed class ParserFuzzTests
{
    private static readonly string[] Fragments =
    [
        "FIND", "THAT", "!THAT", "!", "WITH", "AS", "WHERE", "RETURN", "TREE", "ORDER", "BY", "SKIP", "LIMIT", "UNIQUE",
        "AND", "OR", "RELATES", "TO", "COUNT(", "SUM(", "(", ")", "|", ",", "*", ".*", ">>", "<<", "=", "!=", ">", "<",
        ">=", "<=", "~=", "^=", "$=", "!~=", "!^=", "!$=", "'x'", "\"y\"", "'", "\"", "42", "-1", "1e5", "3.", "true",
        "false", "undefined", "date.now", "- 7 days", "date(2026-01-31)", "date(", "Person", "Device", "fleet_device",
        "p", "p.name", "d.*", "OWNS", "\n", " ", "\\", "#", "é", "\0", "ASC", "DESC", "0", "99999999999999999999",
    ];

    private static readonly string[] Seeds =
    [
        "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE",
        "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN TREE",
        "FIND UNIQUE Person AS p THAT OWNS >> Device WITH (a = 1 OR b != ('x' OR 'y')) AS d WHERE p.x = d.y RETURN p.name AS \"N\", COUNT(d) ORDER BY p.name DESC SKIP 1 LIMIT 5",
        "FIND Device WITH lastSeenOn > date.now - 7 days AND seen < date(2026-01-31T10:00:00Z) AND osVersion = undefined",
        "FIND (Person|User) !THAT RELATES TO << (fleet_device|Device) WITH tag.Owner ^= 'a'",
    ];

    // Proves the parser's contract: whatever the input, a query or a syntax error comes out, never an exception,
    // and every successful parse formats to text that parses back to the same AST.
    [Fact]
    public void Garbage_and_mutated_queries_only_ever_parse_or_fail_with_a_syntax_error()
    {
        var random = new Random(20260131);
        var limits = QueryLimits.Default;
        var (parsed, refused) = (0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var text = (i % 4) switch
            {
                0 => RandomCharacters(random),
                1 => RandomFragments(random),
                _ => Mutate(random, Seeds[random.Next(Seeds.Length)]),
            };

            var result = J1qlParser.Parse(text, limits);

            if (result.IsSuccess)
            {
                parsed++;
                var again = J1qlParser.Parse(QueryFormatter.Format(result.Query), limits);
                Assert.True(again.IsSuccess && again.Query == result.Query, $"round trip failed for: {text}");
            }
            else
            {
                refused++;
                Assert.True(result.Error.Line >= 1 && result.Error.Column >= 1, text);
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Message), text);
            }
        }
        Assert.True(parsed > 0 && refused > 0);
    }

    private static string RandomCharacters(Random random)
    {
        var length = random.Next(0, 60);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(10) == 0 ? (char)random.Next(0, 0xD7FF) : (char)random.Next(9, 127);
        }
        return new string(chars);
    }

    private static string RandomFragments(Random random) =>
        string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, random.Next(1, 16)).Select(_ => Fragments[random.Next(Fragments.Length)]));

    private static string Mutate(Random random, string seed)
    {
        var tokens = seed.Split(' ').ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            switch (random.Next(6))
            {
                case 0 when tokens.Count > 1:
                    tokens.RemoveAt(random.Next(tokens.Count));
                    break;
                case 1:
                    tokens.Insert(random.Next(tokens.Count + 1), Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2 when tokens.Count > 1:
                    var (a, b) = (random.Next(tokens.Count), random.Next(tokens.Count));
                    (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
                    break;
                case 3:
                    var text = string.Join(' ', tokens);
                    var at = random.Next(text.Length);
                    tokens = text.Remove(at, 1).Split(' ').ToList();
                    break;
                case 4:
                    var text2 = string.Join(' ', tokens);
                    tokens = text2.Insert(random.Next(text2.Length + 1), ((char)random.Next(32, 127)).ToString()).Split(' ').ToList();
                    break;
                default:
                    var text3 = string.Join(' ', tokens).ToCharArray();
                    var (x, y) = (random.Next(text3.Length), random.Next(text3.Length));
                    (text3[x], text3[y]) = (text3[y], text3[x]);
                    tokens = new string(text3).Split(' ').ToList();
                    break;
            }
        }
        return string.Join(' ', tokens);
    }
}
