using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph;

/// <summary>
/// The ownership rules of an upsert (docs/graph.md): the system merges its properties and owns the entity from then on;
/// the API replaces the properties, but on a system-owned entity the system-owned fields are kept as they are.
/// </summary>
internal static class GraphEntityMerge
{
    public static StoredEntity Apply(StoredEntity? existing, GraphEntityUpsert upsert)
    {
        var incoming = upsert.Entity;
        if (upsert.BySystem)
        {
            // The system replaces its own part (a fact that became unknown disappears) and keeps what the API added.
            var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
            if (existing is not null)
            {
                foreach (var (name, value) in existing.Entity.Properties)
                {
                    if (!existing.SystemProperties.Contains(name) && !GraphKeys.IsSystemOwnedProperty(name))
                    {
                        properties[name] = value;
                    }
                }
            }
            foreach (var (name, value) in incoming.Properties)
            {
                properties[name] = value;
            }
            return new StoredEntity(incoming with { Properties = properties }, SystemOwned: true, [.. incoming.Properties.Keys.Order(StringComparer.Ordinal)]);
        }
        if (existing is null || !existing.SystemOwned)
        {
            return new StoredEntity(incoming, SystemOwned: false, []);
        }
        // The API replaces its own part of a system-owned entity; the system's values win.
        var merged = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        foreach (var (name, value) in incoming.Properties)
        {
            if (!GraphKeys.IsSystemOwnedProperty(name))
            {
                merged[name] = value;
            }
        }
        foreach (var (name, value) in existing.Entity.Properties)
        {
            if (existing.SystemProperties.Contains(name) || GraphKeys.IsSystemOwnedProperty(name))
            {
                merged[name] = value;
            }
        }
        return new StoredEntity(incoming with { Properties = merged }, SystemOwned: true, existing.SystemProperties);
    }

    public static bool SameContent(StoredEntity a, StoredEntity b) =>
        a.SystemOwned == b.SystemOwned && a.SystemProperties.SequenceEqual(b.SystemProperties)
        && a.Entity.Id == b.Entity.Id && a.Entity.Key == b.Entity.Key && a.Entity.Class == b.Entity.Class
        && a.Entity.Type == b.Entity.Type && a.Entity.DisplayName == b.Entity.DisplayName
        && SameProperties(a.Entity.Properties, b.Entity.Properties);

    public static bool SameProperties(IReadOnlyDictionary<string, PropertyValue> a, IReadOnlyDictionary<string, PropertyValue> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && Equals(p.Value, other));
}
