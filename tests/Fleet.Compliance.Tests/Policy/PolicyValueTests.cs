namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>The small values a policy is made of: ranges, lists compared by value, waiver coverage, check ids.</summary>
public sealed class PolicyValueTests
{
    // Proves a range of exactly the length limit is read and one character more is refused before parsing.
    [Fact]
    public void A_range_is_read_up_to_1024_characters()
    {
        var longest = ">=1" + new string(' ', 1021);

        Assert.True(VersionRange.TryParse(longest, out _));
        Assert.False(VersionRange.TryParse(longest + " ", out _));
        Assert.False(VersionRange.TryParse(null, out _));
    }

    // Proves whole numbers are compared as N.0.0, zero included, and numbers outside 0..int.MaxValue are never inside.
    [Fact]
    public void Whole_numbers_are_compared_within_their_bounds()
    {
        var any = VersionRange.Parse(">=0");

        Assert.True(any.Contains(0L));
        Assert.True(any.Contains((long)int.MaxValue));
        Assert.False(any.Contains(-1L));
        Assert.False(any.Contains((long)int.MaxValue + 1));
        Assert.True(VersionRange.Parse("<=600").Contains(600L));
        Assert.False(VersionRange.Parse("<=600").Contains(601L));
    }

    // Proves a reported version that cannot be read is never inside a range, even one that allows everything.
    [Fact]
    public void An_unreadable_version_is_never_inside_a_range()
    {
        Assert.False(VersionRange.Parse("*").Contains("not a version"));
        Assert.True(VersionRange.Parse(">=14").Contains("14.6.1"));
        Assert.False(VersionRange.Parse(">=14").Contains("13.7"));
    }

    // Proves ranges compare by their text, and never equal null.
    [Fact]
    public void Ranges_compare_by_their_text()
    {
        Assert.True(VersionRange.Parse(">=14").Equals(VersionRange.Parse(">=14")));
        Assert.False(VersionRange.Parse(">=14").Equals(VersionRange.Parse(">=15")));
        Assert.False(VersionRange.Parse(">=14").Equals((VersionRange?)null));
    }

    // Proves a version text of 257 characters is refused before parsing, and one of 256 is read.
    [Fact]
    public void A_version_is_read_up_to_256_characters()
    {
        Assert.True(VersionText.TryParseVersion("1.2.3-" + new string('x', 250), out _));
        Assert.False(VersionText.TryParseVersion("1.2.3-" + new string('x', 251), out _));
    }

    // Proves lists compare item by item: same items equal, another item, order or length not.
    [Fact]
    public void Lists_compare_item_by_item()
    {
        var list = ValueList<string>.From(["a", "b"]);

        Assert.True(list.Equals(ValueList<string>.From(["a", "b"])));
        Assert.True(list.Equals(list));
        Assert.False(list.Equals(ValueList<string>.From(["a", "c"])));
        Assert.False(list.Equals(ValueList<string>.From(["b", "a"])));
        Assert.False(list.Equals(ValueList<string>.From(["a"])));
        Assert.False(list.Equals(ValueList<string>.From(["a", "b", "c"])));
        Assert.False(list.Equals((ValueList<string>?)null));
        Assert.Equal(list.GetHashCode(), ValueList<string>.From(["a", "b"]).GetHashCode());
    }

    // Proves an empty list is the shared empty list, and a non-empty one holds its items.
    [Fact]
    public void An_empty_list_is_the_shared_empty_list()
    {
        Assert.Same(ValueList<string>.Empty, ValueList<string>.From([]));
        Assert.Equal(["x"], ValueList<string>.From(["x"]));
    }

    // Proves a person waiver covers only a known person (ignoring case), and a device waiver only that device.
    [Fact]
    public void A_waiver_covers_only_its_device_or_its_person()
    {
        var person = new Waiver("firewall", null, "Ann@Acme.test", "testing", new DateOnly(2026, 3, 31));
        var device = new Waiver("firewall", "dev-42", null, "locked room", new DateOnly(2026, 3, 31));

        Assert.True(person.Covers("any", "ann@acme.test"));
        Assert.False(person.Covers("any", null));
        Assert.False(person.Covers("any", "bob@acme.test"));
        Assert.True(device.Covers("dev-42", null));
        Assert.False(device.Covers("dev-43", "ann@acme.test"));
        Assert.False(new Waiver("firewall", null, null, "nobody", new DateOnly(2026, 3, 31)).Covers("dev-42", "ann@acme.test"));
    }

    // Proves only app: ids have an application name.
    [Fact]
    public void Only_application_ids_have_an_application_name()
    {
        Assert.Equal("Zoom", CheckIds.ApplicationName("app:Zoom"));
        Assert.Null(CheckIds.ApplicationName("firewall"));
    }
}
