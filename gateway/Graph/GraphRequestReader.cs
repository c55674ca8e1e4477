using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Contracts.Graph;
using Fleet.Gateway.Api;
using Fleet.Query.Evaluation;

namespace Fleet.Gateway.Graph;

/// <summary>
/// Reads and checks the body of <c>POST /graph</c> (docs/graph.md): every problem is listed with the item's index and
/// field, and any problem refuses the whole request. Pure: what can only be checked against stored data (classes of
/// existing keys, system-owned fields, unknown relationship ends) is checked by the writer grain.
/// </summary>
public static partial class GraphRequestReader
{
    public const int MaxItems = 10_000;
    public const int MaxKeyLength = 512;
    public const int MaxNameLength = 100;
    public const int MaxDisplayNameLength = 1_000;
    public const int MaxProperties = 500;
    public const int MaxPropertyNameLength = 200;
    public const int MaxStringLength = 10_000;
    public const int MaxListLength = 1_000;

    private static readonly HashSet<string> MetaFields = ["_id", "_key", "_class", "_type", "displayName"];

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex TitleCase();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex AllCaps();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex PropertyName();

    /// <summary>The request, or the problems keyed by path (e.g. <c>entities[3]._class</c>).</summary>
    public static (GraphWriteRequest? Request, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Errors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "the body must be a JSON object with 'entities', 'relationships', 'deleteEntities' and/or 'deleteRelationships'.");
            return (null, errors.ToDictionary());
        }
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("entities" or "relationships" or "deleteEntities" or "deleteRelationships"))
            {
                errors.Add(property.Name, "unknown field; expected 'entities', 'relationships', 'deleteEntities' or 'deleteRelationships'.");
            }
        }

        var entities = ReadArray(body, "entities", errors, ReadEntity);
        var relationships = ReadArray(body, "relationships", errors, ReadRelationship);
        var deleteEntities = ReadArray(body, "deleteEntities", errors, (element, path, e) => ReadKey(element, path, e));
        var deleteRelationships = ReadArray(body, "deleteRelationships", errors, ReadRelationshipRef);

        var total = entities.Count + relationships.Count + deleteEntities.Count + deleteRelationships.Count;
        if (total > MaxItems)
        {
            errors.Add("$", $"the request holds {total} items; at most {MaxItems} per request are accepted: split it into several requests.");
        }
        CheckConsistency(entities, relationships, deleteEntities, errors);

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }
        return (new GraphWriteRequest(
            [.. entities.Select(e => e!)], [.. relationships.Select(r => r!)], [.. deleteEntities.Select(k => k!)], [.. deleteRelationships.Select(r => r!)]), []);
    }

    private static void CheckConsistency(List<GraphEntityInput?> entities, List<GraphRelationshipInput?> relationships, List<string?> deleteEntities, Errors errors)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Count; i++)
        {
            if (entities[i] is { } entity && !firstIndex.TryAdd(entity.Key, i))
            {
                errors.Add($"entities[{i}]._key", $"the key '{entity.Key}' appears already at entities[{firstIndex[entity.Key]}]; each key once per request.");
            }
        }
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deleteEntities.Count; i++)
        {
            if (deleteEntities[i] is { } key)
            {
                deleted.Add(key);
                if (firstIndex.TryGetValue(key, out var index))
                {
                    errors.Add($"deleteEntities[{i}]", $"the key '{key}' is also upserted at entities[{index}]; a request may not both write and delete one entity.");
                }
            }
        }
        for (var i = 0; i < relationships.Count; i++)
        {
            if (relationships[i] is not { } relationship)
            {
                continue;
            }
            foreach (var (field, key) in new[] { ("from", relationship.From), ("to", relationship.To) })
            {
                if (deleted.Contains(key))
                {
                    errors.Add($"relationships[{i}].{field}", $"the key '{key}' is deleted by this request (deleteEntities).");
                }
            }
        }
    }

    private static List<T?> ReadArray<T>(JsonElement body, string name, Errors errors, Func<JsonElement, string, Errors, T?> read) where T : class
    {
        if (!body.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(name, "must be an array.");
            return [];
        }
        var result = new List<T?>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (index >= MaxItems)
            {
                errors.Add(name, $"holds more than {MaxItems} items; at most {MaxItems} per request are accepted.");
                break;
            }
            result.Add(read(item, $"{name}[{index}]", errors));
            index++;
        }
        return result;
    }

    private static GraphEntityInput? ReadEntity(JsonElement element, string path, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object with _key, _class, _type, displayName and properties.");
            return null;
        }
        var before = errors.Count;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == "_id")
            {
                errors.Add($"{path}._id", "is assigned by the server; address entities by _key.");
            }
            else if (property.Name is not ("_key" or "_class" or "_type" or "displayName" or "properties"))
            {
                errors.Add($"{path}.{property.Name}", "unknown field; put custom values under 'properties'.");
            }
        }
        var key = ReadKey(element.TryGetProperty("_key", out var k) ? k : default, $"{path}._key", errors);
        var @class = ReadName(element, "_class", path, TitleCase(), "TitleCase, e.g. 'User' or 'CodeRepo'", errors);
        var type = ReadName(element, "_type", path, SnakeCase(), "snake_case, e.g. 'okta_user'", errors);
        string? displayName = null;
        if (element.TryGetProperty("displayName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String || name.GetString()!.Length > MaxDisplayNameLength || ControlCharacters.In(name.GetString()!))
                errors.Add($"{path}.displayName", $"must be a string of at most {MaxDisplayNameLength} characters, without control characters.");
            else
                displayName = name.GetString();
        }
        var properties = ReadProperties(element, path, errors);
        return errors.Count > before ? null : new GraphEntityInput(key!, @class!, type!, displayName ?? key!, properties);
    }

    private static GraphRelationshipInput? ReadRelationship(JsonElement element, string path, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object with _class, from, to and properties.");
            return null;
        }
        var before = errors.Count;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("_class" or "from" or "to" or "properties"))
                errors.Add($"{path}.{property.Name}", "unknown field; a relationship has _class (the verb), from, to (entity keys) and properties.");
        }
        var verb = ReadName(element, "_class", path, AllCaps(), "an ALLCAPS verb, e.g. 'OWNS' or 'HAS_ACCESS'", errors);
        var from = ReadKey(element.TryGetProperty("from", out var f) ? f : default, $"{path}.from", errors);
        var to = ReadKey(element.TryGetProperty("to", out var t) ? t : default, $"{path}.to", errors);
        var properties = ReadProperties(element, path, errors);
        return errors.Count > before ? null : new GraphRelationshipInput(verb!, from!, to!, properties);
    }

    private static GraphRelationshipRef? ReadRelationshipRef(JsonElement element, string path, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object with _class, from and to.");
            return null;
        }
        var before = errors.Count;
        var verb = ReadName(element, "_class", path, AllCaps(), "an ALLCAPS verb, e.g. 'OWNS'", errors);
        var from = ReadKey(element.TryGetProperty("from", out var f) ? f : default, $"{path}.from", errors);
        var to = ReadKey(element.TryGetProperty("to", out var t) ? t : default, $"{path}.to", errors);
        return errors.Count > before ? null : new GraphRelationshipRef(verb!, from!, to!);
    }

    private static string? ReadKey(JsonElement element, string path, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } key || string.IsNullOrWhiteSpace(key))
        {
            errors.Add(path, "must be a non-empty string key, e.g. 'okta:u1' or 'person:ann@acme.test'.");
            return null;
        }
        if (key.Length > MaxKeyLength || ControlCharacters.In(key))
        {
            errors.Add(path, $"a key has at most {MaxKeyLength} characters and no control characters.");
            return null;
        }
        return key;
    }

    private static string? ReadName(JsonElement element, string field, string path, Regex pattern, string expected, Errors errors)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String
            || value.GetString() is not { } name || name.Length > MaxNameLength || !pattern.IsMatch(name))
        {
            errors.Add($"{path}.{field}", $"must be {expected} (at most {MaxNameLength} characters).");
            return null;
        }
        return name;
    }

    private static Dictionary<string, PropertyValue> ReadProperties(JsonElement element, string path, Errors errors)
    {
        var result = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        if (!element.TryGetProperty("properties", out var properties) || properties.ValueKind == JsonValueKind.Null)
        {
            return result;
        }
        if (properties.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.properties", "must be an object of name → value.");
            return result;
        }
        var count = 0;
        foreach (var property in properties.EnumerateObject())
        {
            var where = $"{path}.properties.{property.Name}";
            if (++count > MaxProperties)
            {
                errors.Add($"{path}.properties", $"at most {MaxProperties} properties per item.");
                break;
            }
            if (property.Name.Length > MaxPropertyNameLength || !PropertyName().IsMatch(property.Name))
            {
                errors.Add(where, $"a property name is letters, digits and '_' (dots join segments), at most {MaxPropertyNameLength} characters.");
                continue;
            }
            if (MetaFields.Contains(property.Name))
            {
                errors.Add(where, "is a meta field; set it beside 'properties', not inside.");
                continue;
            }
            if (ReadValue(property.Value, where, errors) is { } value)
            {
                result[property.Name] = value;
            }
        }
        return result;
    }

    /// <summary>A JSON scalar or an array of strings; null means "absent" (the property is not stored).</summary>
    private static PropertyValue? ReadValue(JsonElement value, string path, Errors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return value.GetBoolean();
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonValueKind.String when ControlCharacters.In(value.GetString()!, allowLineBreaks: true):
                errors.Add(path, "a string may hold tabs and line breaks but no other control characters (NUL included).");
                return null;
            case JsonValueKind.String when value.GetString()!.Length <= MaxStringLength:
                return PropertyValueJsonConverter.FromString(value.GetString()!);
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                if (items.Count <= MaxListLength && items.All(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length <= MaxStringLength
                                                                   && !ControlCharacters.In(i.GetString()!, allowLineBreaks: true)))
                {
                    return PropertyValue.List([.. items.Select(i => i.GetString()!)]);
                }
                errors.Add(path, $"an array value must hold only strings (at most {MaxListLength}, each without control characters).");
                return null;
            default:
                errors.Add(path, $"must be a string (at most {MaxStringLength} characters), number, boolean, null or an array of strings; nested objects are not accepted.");
                return null;
        }
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byPath = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public void Add(string path, string message)
        {
            if (!byPath.TryGetValue(path, out var list))
            {
                byPath[path] = list = [];
            }
            list.Add(message);
            Count++;
        }

        public Dictionary<string, string[]> ToDictionary() => byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
