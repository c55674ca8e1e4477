using System.Text.Json;

namespace Fleet.Query.Evaluation;

/// <summary>
/// The JSON shape (docs/query-language.md) of an entity:
/// <c>{"id","entity":{"_id","_key","_class","_type","displayName"},"properties":{...}}</c>.
/// </summary>
public static class EntityJson
{
    public static void Write(Utf8JsonWriter writer, Entity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("id", entity.Id);
        writer.WriteStartObject("entity");
        writer.WriteString("_id", entity.Id);
        writer.WriteString("_key", entity.Key);
        writer.WriteString("_class", entity.Class);
        writer.WriteString("_type", entity.Type);
        writer.WriteString("displayName", entity.DisplayName);
        writer.WriteEndObject();
        WriteProperties(writer, entity.Properties);
        writer.WriteEndObject();
    }

    public static string ToJson(Entity entity) => JsonText.Of(writer => Write(writer, entity));

    /// <summary>Reads the shape back. Nested objects in properties are flattened to dotted names (<c>tag.Owner</c>); nulls are absent.</summary>
    public static Entity Read(JsonElement element)
    {
        var meta = element.GetProperty("entity");
        var id = element.TryGetProperty("id", out var idElement) ? idElement.GetString() : meta.GetProperty("_id").GetString();
        return new Entity(
            id ?? throw new JsonException("an entity needs an id"),
            GetString(meta, "_key"),
            GetString(meta, "_class"),
            GetString(meta, "_type"),
            GetString(meta, "displayName"),
            element.TryGetProperty("properties", out var properties) ? ReadProperties(properties) : new Dictionary<string, PropertyValue>());
    }

    public static Entity FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    internal static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, PropertyValue> properties)
    {
        writer.WriteStartObject("properties");
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            PropertyValueJsonConverter.WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    internal static Dictionary<string, PropertyValue> ReadProperties(JsonElement properties)
    {
        var result = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        if (properties.ValueKind == JsonValueKind.Object)
        {
            Flatten(properties, prefix: "", result);
        }
        return result;
    }

    private static void Flatten(JsonElement obj, string prefix, Dictionary<string, PropertyValue> result)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var name = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, name + ".", result);
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                result[name] = property.Value.Deserialize<PropertyValue>()!;
            }
        }
    }

    private static string GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
