using System.Text.Json;
using Fleet.Query.Evaluation;

namespace Fleet.Query.Tests.Evaluation;

public sealed class EntityJsonTests
{
    private static readonly Entity Device = new("d1", "device:d1", "Device", "fleet_device", "ann-mac", new Dictionary<string, PropertyValue>
    {
        ["hostname"] = "ann-mac",
        ["score"] = 4.5,
        ["encrypted"] = true,
        ["lastSeenOn"] = new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero),
        ["failing"] = PropertyValue.List("firewall"),
    });

    [Fact]
    public void Entity_is_written_in_the_design_shape() =>
        Assert.Equal(
            """{"id":"d1","entity":{"_id":"d1","_key":"device:d1","_class":"Device","_type":"fleet_device","displayName":"ann-mac"},"properties":{"hostname":"ann-mac","score":4.5,"encrypted":true,"lastSeenOn":"2026-01-31T10:00:00.0000000+00:00","failing":["firewall"]}}""",
            EntityJson.ToJson(Device));

    [Fact]
    public void Entity_json_reads_back_to_the_same_values()
    {
        var read = EntityJson.FromJson(EntityJson.ToJson(Device));
        Assert.Equal(Device with { Properties = read.Properties }, read);
        Assert.Equal(Device.Properties.OrderBy(p => p.Key), read.Properties.OrderBy(p => p.Key));
    }

    [Fact]
    public void Nested_property_objects_are_flattened_to_dotted_names_and_nulls_dropped()
    {
        var read = EntityJson.FromJson("""{"id":"x","entity":{"_class":"Device","_type":"fleet_device"},"properties":{"tag":{"Owner":"ann"},"gone":null}}""");
        Assert.Equal(new StringValue("ann"), read.Properties["tag.Owner"]);
        Assert.False(read.Properties.ContainsKey("gone"));
    }

    [Fact]
    public void Property_values_round_trip_through_System_Text_Json()
    {
        var json = JsonSerializer.Serialize(Device.Properties);
        var read = JsonSerializer.Deserialize<Dictionary<string, PropertyValue>>(json)!;
        Assert.Equal(Device.Properties.OrderBy(p => p.Key), read.OrderBy(p => p.Key));
    }

    [Fact]
    public void Entity_record_round_trips_through_System_Text_Json()
    {
        var read = JsonSerializer.Deserialize<Entity>(JsonSerializer.Serialize(Device))!;
        Assert.Equal((Device.Id, Device.Key, Device.Class, Device.Type, Device.DisplayName), (read.Id, read.Key, read.Class, read.Type, read.DisplayName));
        Assert.Equal(Device.Properties.OrderBy(p => p.Key), read.Properties.OrderBy(p => p.Key));
    }

    [Fact]
    public void Relationship_is_written_in_the_tree_edge_shape() =>
        Assert.Equal(
            """{"id":"r1","fromVertexId":"p1","toVertexId":"d1","relationship":{"_id":"r1","_class":"OWNS"},"properties":{}}""",
            RelationshipJson.ToJson(new Relationship("r1", "OWNS", "p1", "d1", new Dictionary<string, PropertyValue>())));
}
