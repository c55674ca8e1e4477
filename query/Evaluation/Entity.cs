using System.Diagnostics.CodeAnalysis;

namespace Fleet.Query.Evaluation;

/// <summary>A graph vertex (docs/graph.md): the meta fields plus a bag of properties.</summary>
public sealed record Entity(
    string Id,
    string Key,
    string Class,
    string Type,
    string DisplayName,
    IReadOnlyDictionary<string, PropertyValue> Properties) : IEntityView
{
    public bool TryGetProperty(string name, [NotNullWhen(true)] out PropertyValue? value)
    {
        value = name switch
        {
            "_id" => new StringValue(Id),
            "_key" => new StringValue(Key),
            "_class" => new StringValue(Class),
            "_type" => new StringValue(Type),
            "displayName" => new StringValue(DisplayName),
            _ => Properties.GetValueOrDefault(name),
        };
        return value is not null;
    }
}
