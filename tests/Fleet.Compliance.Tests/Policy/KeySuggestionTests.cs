namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>"Did you mean": the edit distance, and when a nearest key is plausible enough to suggest.</summary>
public sealed class KeySuggestionTests
{
    // Proves the edit distance counts insertions, deletions and substitutions, including against an empty key.
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("firewall", "firewall", 0)]
    public void The_edit_distance_counts_every_change(string a, string b, int distance) =>
        Assert.Equal(distance, KeySuggestion.Distance(a, b));

    // Proves keys of up to 64 characters are compared exactly; longer ones are simply as far as the longer key is long.
    [Fact]
    public void Keys_longer_than_64_characters_are_not_compared()
    {
        Assert.Equal(0, KeySuggestion.Distance(new string('a', 64), new string('a', 64)));
        Assert.Equal(65, KeySuggestion.Distance(new string('a', 65), "a"));
        Assert.Equal(65, KeySuggestion.Distance("a", new string('a', 65)));
    }

    // Proves of equally near candidates the first is suggested.
    [Fact]
    public void Of_equally_near_candidates_the_first_is_suggested() =>
        Assert.Equal("fy", KeySuggestion.Nearest("fx", ["ab", "fy", "fz"]));

    // Proves a suggestion is made up to half the shorter word changed (at least 2), and not beyond.
    [Fact]
    public void A_suggestion_is_made_only_when_at_most_half_the_word_differs()
    {
        Assert.Equal("abcdefgh", KeySuggestion.Nearest("abcdwxyz", ["abcdefgh"]));   // 4 of 8 changed
        Assert.Null(KeySuggestion.Nearest("abcvwxyz", ["abcdefgh"]));                // 5 of 8
        Assert.Null(KeySuggestion.Nearest("abcd", ["abcdefgh"]));                    // 4 missing from the shorter word of 4
        Assert.Equal("firewall", KeySuggestion.Nearest("Firewal", ["diskEncryption", "firewall"]));
        Assert.Null(KeySuggestion.Nearest("xyz", ["firewall"]));
        Assert.Null(KeySuggestion.Nearest("xyz", []));
    }
}
