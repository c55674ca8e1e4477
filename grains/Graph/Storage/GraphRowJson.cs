using System.Text.Json;
using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph.Storage;

/// <summary>How property bags and catalogues are written into a text column.</summary>
internal static class GraphRowJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Properties(IReadOnlyDictionary<string, PropertyValue> properties) => JsonSerializer.Serialize(properties, Options);

    public static IReadOnlyDictionary<string, PropertyValue> Properties(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, PropertyValue>>(json, Options) ?? [];

    public static string Names(IReadOnlyList<string> names) => JsonSerializer.Serialize(names, Options);

    public static IReadOnlyList<string> Names(string json) => JsonSerializer.Deserialize<string[]>(json, Options) ?? [];

    public static string Catalog(GraphCatalog catalog) => JsonSerializer.Serialize(catalog, Options);

    public static GraphCatalog? Catalog(string json) => JsonSerializer.Deserialize<GraphCatalog>(json, Options);
}
