using System.Text.Json;

namespace Fleet.Query.Evaluation;

/// <summary>
/// The JSON shape (docs/query-language.md) of an edge in a tree:
/// <c>{"id","fromVertexId","toVertexId","relationship":{"_id","_class"},"properties":{...}}</c>.
/// </summary>
public static class RelationshipJson
{
    public static void Write(Utf8JsonWriter writer, Relationship relationship)
    {
        writer.WriteStartObject();
        writer.WriteString("id", relationship.Id);
        writer.WriteString("fromVertexId", relationship.FromId);
        writer.WriteString("toVertexId", relationship.ToId);
        writer.WriteStartObject("relationship");
        writer.WriteString("_id", relationship.Id);
        writer.WriteString("_class", relationship.Class);
        writer.WriteEndObject();
        EntityJson.WriteProperties(writer, relationship.Properties);
        writer.WriteEndObject();
    }

    public static string ToJson(Relationship relationship) => JsonText.Of(writer => Write(writer, relationship));

    public static Relationship Read(JsonElement element)
    {
        var meta = element.GetProperty("relationship");
        return new Relationship(
            element.GetProperty("id").GetString() ?? throw new JsonException("a relationship needs an id"),
            meta.GetProperty("_class").GetString() ?? throw new JsonException("a relationship needs a _class"),
            element.GetProperty("fromVertexId").GetString() ?? throw new JsonException("a relationship needs fromVertexId"),
            element.GetProperty("toVertexId").GetString() ?? throw new JsonException("a relationship needs toVertexId"),
            element.TryGetProperty("properties", out var properties) ? EntityJson.ReadProperties(properties) : new Dictionary<string, PropertyValue>());
    }

    public static Relationship FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }
}
