namespace Fleet.Compliance.Tests.Policy;

using System.Text.Json;
using Fleet.Compliance.Policy;

/// <summary>The canonical JSON form writes any name safely: valid JSON, the same text back, nothing unprintable raw.</summary>
public sealed class PolicyJsonEscapingTests
{
    private static string Serialize(params string[] names) => PolicyJson.Serialize(new Policy
    {
        Applications = ValueList<ApplicationRequirement>.From(names.Select(n => new ApplicationRequirement(n, Requirement.Always))),
    });

    private static string[] NamesIn(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("name").GetString()!)];

    // Proves names with quotes, backslashes, line breaks, tabs, spaces and emoji come back unchanged from valid JSON.
    [Fact]
    public void Names_round_trip_through_valid_json()
    {
        string[] names = ["Say \"hi\"", "C:\\Tools", "two\r\nlines\tand tab", "a b", "Party 😀"];

        var json = Serialize(names);

        Assert.Equal(names, NamesIn(json));
        Assert.Contains("a b", json);
        Assert.Contains("Party 😀", json);
    }

    // Proves control and invisible characters are written as \u escapes, never raw.
    [Theory]
    [InlineData("\u0001", "\\u0001")]
    [InlineData("\u007F", "\\u007F")]
    [InlineData("\u009F", "\\u009F")]
    [InlineData("\u2028", "\\u2028")]
    public void Unprintable_characters_are_escaped(string character, string escape)
    {
        var json = Serialize("x" + character + "y");

        Assert.Contains("x" + escape + "y", json);
        Assert.Equal(["x" + character + "y"], NamesIn(json));
    }

    // Proves the characters just outside the escaped ranges are written as they are.
    [Theory]
    [InlineData("~")]
    [InlineData("\u00A0")]
    public void Printable_neighbours_of_the_escaped_ranges_are_written_raw(string character) =>
        Assert.Contains("x" + character + "y", Serialize("x" + character + "y"));

    // Proves a lone surrogate, which UTF-8 cannot carry, becomes the replacement character, also at the very end.
    // (A Fact, not InlineData: theory data is serialized as UTF-8, which would replace the lone surrogate itself.)
    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        foreach (var name in new[] { "x\uD83D", "x\uD83Dy", "x\uDE00y" })
            Assert.Contains("x\\uFFFD", Serialize(name));
    }

    // Proves a missing policy is refused.
    [Fact]
    public void A_missing_policy_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => PolicyJson.Serialize(null!));
}
