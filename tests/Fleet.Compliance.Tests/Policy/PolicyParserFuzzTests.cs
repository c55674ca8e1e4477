namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>Garbage and mutated policies: Parse answers with a result, never an exception.</summary>
public sealed class PolicyParserFuzzTests
{
    private const string Alphabet = "{}[]:,-'\"#&*!|>%@`?\n\t \\abcALWAYSNEVER0123456789.<=^~";

    [Fact]
    public void Parse_MutatedPolicies_NeverThrow()
    {
        var random = new Random(20240607);
        var seeds = new[] { PolicyParserTests.FullYaml, PolicyJson.Serialize(PolicyParser.Parse(PolicyParserTests.FullYaml).Policy!) };
        for (var i = 0; i < 1500; i++)
        {
            var text = Mutate(seeds[i % seeds.Length], random);

            var result = PolicyParser.Parse(text);

            Assert.True(result.Policy is not null ^ result.Errors.Count > 0, $"inconsistent result for:\n{text}");
            AssertNoInternalFailure(result, text);
        }
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 1500; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(10) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)];
            }

            var result = PolicyParser.Parse(new string(chars));

            Assert.True(result.Policy is not null ^ result.Errors.Count > 0);
            AssertNoInternalFailure(result, new string(chars));
        }
    }

    [Fact]
    public void Parse_HostileShapes_NeverThrow()
    {
        string[] inputs =
        [
            "", "~", "null", "[]", "\"\"", "a: &x [*x]", "*undefined", "!!binary AAAA", "? [a]\n: b",
            "firewall: &a ALWAYS\nscreenLock: *a", "applications: [[[]]]", "waivers: [{}]", "osVersion: {darwin: {ok: [1]}}",
            "\uFEFF{}", "%YAML 1.1\n---\n{}", "applications:\n" + string.Concat(Enumerable.Repeat("  - {name: a, assertion: X}\n", 500)),
            new string('a', PolicyParser.MaxLength + 1),
        ];

        foreach (var input in inputs)
        {
            var result = PolicyParser.Parse(input);

            Assert.True(result.Policy is not null ^ result.Errors.Count > 0, input.Length > 80 ? input[..80] : input);
        }
    }

    /// <summary>The parser's last-resort catch must not be what handled the input: problems are reported as positioned errors.</summary>
    private static void AssertNoInternalFailure(PolicyParseResult result, string text) =>
        Assert.DoesNotContain(result.Errors, e => e.Message.StartsWith("the policy could not be read", StringComparison.Ordinal)
            );

    private static string Mutate(string text, Random random)
    {
        var chars = new List<char>(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && chars.Count > 0; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                default:
                    // Duplicate a slice, which produces repeated keys and entries.
                    var length = Math.Min(random.Next(1, 40), chars.Count - at);
                    chars.InsertRange(at, chars.GetRange(at, length));
                    break;
            }
        }
        return new string([.. chars]);
    }
}
