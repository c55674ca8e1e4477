using Fleet.Grains.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Tests.Graph;

/// <summary>How a partition holds an entity's properties: compact, with what entities have in common shared.</summary>
public sealed class PropertyInternerTests
{
    private static StoredEntity Device(int n, string platform) => new(new Entity($"Device-{n}", $"device:{n}", "Device", "fleet_device", $"host-{n}",
        new Dictionary<string, PropertyValue>
        {
            // new string instances, as a deserialized request gives them
            ["hostname"] = $"host-{n}",
            ["platform"] = new string(platform.AsSpan()),
            ["encrypted"] = n % 2 == 0,
            ["screenLockTimeout"] = 300.0,
        }), systemOwned: false);

    [Fact]
    public void Interned_entity_answers_the_same_properties_in_the_same_order()
    {
        var original = Device(1, "darwin");

        var interned = new PropertyInterner().Intern(original);

        Assert.Equal(original.Entity.Properties.ToList(), interned.Entity.Properties.ToList());
        Assert.Equal(4, interned.Entity.Properties.Count);
        Assert.Equal(new StringValue("darwin"), interned.Entity.Properties["platform"]);
        Assert.True(interned.Entity.TryGetProperty("encrypted", out var encrypted) && encrypted == new BooleanValue(false));
        Assert.False(interned.Entity.Properties.ContainsKey("serial"));
        Assert.Equal(original.Entity with { Properties = interned.Entity.Properties }, interned.Entity);
    }

    [Fact]
    public void Interned_entity_is_stored_as_the_same_json()
    {
        var original = Device(1, "darwin");

        var interned = new PropertyInterner().Intern(original);

        Assert.Equal(GraphRowJson.Properties(original.Entity.Properties), GraphRowJson.Properties(interned.Entity.Properties));
    }

    [Fact]
    public void Entities_of_the_same_shape_share_their_list_of_names_and_their_repeated_values()
    {
        var interner = new PropertyInterner();

        var first = interner.Intern(Device(1, "darwin")).Entity.Properties;
        var second = interner.Intern(Device(3, "darwin")).Entity.Properties;

        Assert.Same(first.Keys, second.Keys);
        Assert.Same(first["platform"], second["platform"]);
        Assert.Same(first["encrypted"], second["encrypted"]);
        Assert.NotSame(first["hostname"], second["hostname"]);
    }

    [Fact]
    public void A_property_with_many_distinct_values_stops_being_pooled()
    {
        var interner = new PropertyInterner();
        for (var n = 0; n <= PropertyInterner.MaxValuesPerProperty; n++)
        {
            interner.Intern(Device(n, $"platform-{n}"));
        }

        var first = interner.Intern(Device(1_000, "platform-1")).Entity.Properties;
        var second = interner.Intern(Device(1_001, "platform-1")).Entity.Properties;

        Assert.Equal(first["platform"], second["platform"]);
        Assert.NotSame(first["platform"], second["platform"]);
    }
}
