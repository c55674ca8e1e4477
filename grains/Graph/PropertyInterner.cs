using Fleet.Grains.Graph.Storage;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph;

/// <summary>
/// Makes the entities of one partition share what they have in common (docs/graph.md, memory): the list of property
/// names of entities of the same shape (every Device published by the system has the same names), and the values of
/// low-cardinality properties (<c>platform</c>, <c>compliant</c>, <c>agentVersion</c>…: a partition of 6,000 devices
/// holds each such value once, not 6,000 times). A property stops being pooled once it has shown more than
/// <see cref="MaxValuesPerProperty"/> distinct values (host names, serials): pooling those would only cost memory.
/// Bounded by <see cref="MaxShapes"/> shapes; entities of further shapes keep their own name lists.
/// </summary>
internal sealed class PropertyInterner
{
    public const int MaxShapes = 1_024;
    public const int MaxValuesPerProperty = 64;

    private readonly HashSet<string[]> shapes = new(NamesComparer.Instance);
    private readonly Dictionary<string, Dictionary<PropertyValue, PropertyValue>?> valuesByName = new(StringComparer.Ordinal);

    /// <summary>The same entity with compact, shared properties (and system-property list).</summary>
    public StoredEntity Intern(StoredEntity stored)
    {
        var properties = stored.Entity.Properties;
        if (properties.Count > CompactProperties.MaxProperties)
        {
            return stored;
        }
        var names = new string[properties.Count];
        var values = new PropertyValue[properties.Count];
        var i = 0;
        foreach (var (name, value) in properties)
        {
            names[i] = name;
            values[i] = Value(name, value);
            i++;
        }
        var entity = stored.Entity with { Properties = new CompactProperties(Shape(names), values) };
        return new StoredEntity(entity, stored.SystemOwned, stored.SystemProperties.Count == 0 ? [] : Shape([.. stored.SystemProperties]));
    }

    private string[] Shape(string[] names)
    {
        if (shapes.TryGetValue(names, out var shared))
        {
            return shared;
        }
        if (shapes.Count < MaxShapes)
        {
            shapes.Add(names);
        }
        return names;
    }

    private PropertyValue Value(string name, PropertyValue value)
    {
        if (!valuesByName.TryGetValue(name, out var pool))
        {
            if (valuesByName.Count >= MaxShapes)
            {
                return value;
            }
            valuesByName[name] = pool = [];
        }
        if (pool is null)
        {
            return value;
        }
        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }
        if (pool.Count >= MaxValuesPerProperty)
        {
            // High cardinality: stop pooling this property and let its pool go.
            valuesByName[name] = null;
            return value;
        }
        pool[value] = value;
        return value;
    }

    private sealed class NamesComparer : IEqualityComparer<string[]>
    {
        public static readonly NamesComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] names)
        {
            var hash = new HashCode();
            foreach (var name in names)
            {
                hash.Add(name, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }
    }
}
