using Fleet.Contracts;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Fleet.Grains.Tests.Serialization;

/// <summary>
/// Filters cross to the graph partitions as AST records (docs/graph.md): what a partition reads back is the filter the
/// executor sent, and it selects the same entities.
/// </summary>
public sealed class FilterSerializationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddFleetLibraries())
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly Entity[] Entities =
    [
        Entity("a", ("compliant", false), ("platform", "darwin"), ("cpuCount", 8.0), ("lastSeen", Now.AddDays(-2)), ("failing", PropertyValue.List("diskEncryption"))),
        Entity("b", ("compliant", true), ("platform", "windows"), ("cpuCount", 2.0), ("lastSeen", Now.AddDays(-30)), ("owner", "it")),
        Entity("ann-mac", ("compliant", true), ("platform", "darwin"), ("hostname", "ann-mac"), ("failing", PropertyValue.List("firewall", "screenLock"))),
        Entity("test box", ("hostname", "test box"), ("memoryGb", 16.0)),
    ];

    public static TheoryData<string> Queries() => new()
    {
        "FIND * WITH compliant = false",
        "FIND * WITH compliant = true AND (platform = 'darwin' OR platform = 'windows')",
        "FIND * WITH hostname ^= 'ann-' OR hostname !~= 'test' AND owner != undefined",
        "FIND * WITH failing = ('diskEncryption' OR 'firewall')",
        "FIND * WITH cpuCount >= 4 OR memoryGb < 16.5",
        "FIND * WITH lastSeen > date(2026-03-01T10:00:00Z) AND platform $= 'win'",
        "FIND * WITH lastSeen > date.now - 7 days",
        "FIND * WITH owner = undefined AND displayName != 'b'",
        "FIND * AS x THAT RELATES TO * AS y WHERE x.hostname = y.displayName",
    };

    // A filter read back from the wire equals the one sent and matches the same entities, relative dates and all.
    [Theory]
    [MemberData(nameof(Queries))]
    public void A_filter_reads_back_equal_and_selects_the_same_entities(string text)
    {
        var query = J1qlParser.Parse(text, QueryLimits.Default).Query!;
        var filter = query.Where ?? query.Start.Filter!;

        var copy = Serializer.Deserialize<Filter>(Serializer.SerializeToArray(filter))!;

        Assert.Equal(filter, copy);
        var sent = CompiledFilter.Compile(filter, Now);
        var received = CompiledFilter.Compile(copy, Now);
        Assert.Equal(Entities.Select(sent.Matches), Entities.Select(received.Matches));
    }

    // The sample entities tell filters apart (a vacuous sample would make the test above prove nothing).
    [Fact]
    public void The_sample_entities_are_matched_by_some_filters_and_not_others()
    {
        var filter = J1qlParser.Parse("FIND * WITH compliant = true AND (platform = 'darwin' OR platform = 'windows')", QueryLimits.Default).Query!.Start.Filter!;
        Assert.Equal([false, true, true, false], Entities.Select(CompiledFilter.Compile(filter, Now).Matches));
    }

    private static Entity Entity(string name, params (string Name, PropertyValue Value)[] properties) =>
        new("id-" + name, "key:" + name, "Device", "fleet_device", name, properties.ToDictionary(p => p.Name, p => p.Value));
}
