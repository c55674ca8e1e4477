using System.Runtime.InteropServices;
using Fleet.Query.Syntax;

namespace Fleet.Query.Evaluation;

/// <summary>
/// An equality index over a changing set of entities, for the properties that WITH filters compare with <c>=</c>
/// (e.g. <c>compliant=false</c>): a filter scan then visits only the entities that can match instead of all of them.
/// An index on a property is built the first time a filter asks about it (one pass over the entities) and kept up to
/// date by <see cref="Update"/> and <see cref="Remove"/> from then on; at most <c>maxProperties</c> (8) are indexed.
/// <para>
/// It answers <b>candidates</b>, a superset of the matches: the caller still applies the whole filter to each. The
/// superset follows <see cref="PropertyComparison"/>: a boolean literal equals only that boolean; a string literal
/// equals the same string, a list holding it, and possibly a number or date (which are compared by parsing, so they are
/// kept apart and always returned as candidates of a string). Number and date literals, negative operators, and ORs
/// with an unindexable branch are not answered (null: scan).
/// </para>
/// </summary>
public sealed class EqualityIndex(int maxProperties = 8)
{
    private static readonly object True = true;
    private static readonly object False = false;
    private readonly Dictionary<string, PropertyBuckets> properties = new(StringComparer.Ordinal);

    /// <summary>How many properties are indexed.</summary>
    public int IndexedProperties => properties.Count;

    /// <summary>
    /// Ids of the entities that may match <paramref name="filter"/>, in no particular order and without duplicates, or
    /// null when no part of the filter can use an index. <paramref name="all"/> is read when an index is first built.
    /// </summary>
    public IReadOnlyCollection<string>? Candidates(Filter filter, IEnumerable<Entity> all) => filter switch
    {
        Comparison { Operator: ComparisonOperator.Equal } c when !IsMeta(c.Property.Name) => Lookup(c.Property.Name, c.Value, all),
        AndFilter and => Smallest(and.Operands, all),
        OrFilter or => Union(or.Operands, all),
        _ => null,
    };

    /// <summary>Keeps the indexes up to date after an entity was added (<paramref name="previous"/> null) or replaced.</summary>
    public void Update(Entity? previous, Entity next)
    {
        foreach (var (name, buckets) in properties)
        {
            PropertyValue? before = null;
            var had = previous is not null && previous.Properties.TryGetValue(name, out before);
            var has = next.Properties.TryGetValue(name, out var after);
            if (had && has && Equals(before, after) && previous!.Id == next.Id)
            {
                continue;
            }
            if (had)
            {
                buckets.Remove(previous!.Id, before!);
            }
            if (has)
            {
                buckets.Add(next.Id, after!);
            }
        }
    }

    /// <summary>Keeps the indexes up to date after an entity was removed.</summary>
    public void Remove(Entity entity)
    {
        foreach (var (name, buckets) in properties)
        {
            if (entity.Properties.TryGetValue(name, out var value))
            {
                buckets.Remove(entity.Id, value);
            }
        }
    }

    private IReadOnlyCollection<string>? Smallest(EquatableArray<Filter> operands, IEnumerable<Entity> all)
    {
        IReadOnlyCollection<string>? best = null;
        foreach (var operand in operands)
        {
            if (Candidates(operand, all) is { } candidates && (best is null || candidates.Count < best.Count))
            {
                best = candidates;
            }
        }
        return best;
    }

    private IReadOnlyCollection<string>? Union(EquatableArray<Filter> operands, IEnumerable<Entity> all)
    {
        var parts = new List<IReadOnlyCollection<string>>(operands.Count);
        foreach (var operand in operands)
        {
            if (Candidates(operand, all) is not { } candidates)
            {
                return null;
            }
            parts.Add(candidates);
        }
        return UnionOf(parts);
    }

    private IReadOnlyCollection<string>? Lookup(string property, FilterValue value, IEnumerable<Entity> all)
    {
        var keys = new List<object>();
        var withUnkeyed = false;
        if (!KeysOf(value, keys, ref withUnkeyed) || BucketsFor(property, all) is not { } buckets)
        {
            return null;
        }
        var parts = new List<IReadOnlyCollection<string>>(keys.Count + 1);
        foreach (var key in keys)
        {
            if (buckets.TryGet(key, out var ids))
            {
                parts.Add(ids);
            }
        }
        if (withUnkeyed && buckets.Unkeyed.Count > 0)
        {
            parts.Add(buckets.Unkeyed);
        }
        return UnionOf(parts);
    }

    /// <summary>The bucket keys a literal can equal; false when the literal is not indexable (numbers, dates, operands).</summary>
    private static bool KeysOf(FilterValue value, List<object> keys, ref bool withUnkeyed)
    {
        switch (value)
        {
            case BooleanLiteral b:
                keys.Add(b.Value ? True : False);
                return true;
            case StringLiteral s:
                keys.Add(s.Value);
                withUnkeyed = true;
                return true;
            case ValueList list:
                foreach (var item in list.Values)
                {
                    if (!KeysOf(item, keys, ref withUnkeyed))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    private PropertyBuckets? BucketsFor(string property, IEnumerable<Entity> all)
    {
        if (properties.TryGetValue(property, out var buckets))
        {
            return buckets;
        }
        if (properties.Count >= maxProperties)
        {
            return null;
        }
        buckets = new PropertyBuckets();
        foreach (var entity in all)
        {
            if (entity.Properties.TryGetValue(property, out var value))
            {
                buckets.Add(entity.Id, value);
            }
        }
        return properties[property] = buckets;
    }

    private static IReadOnlyCollection<string> UnionOf(List<IReadOnlyCollection<string>> parts)
    {
        switch (parts.Count)
        {
            case 0:
                return [];
            case 1:
                return parts[0];
        }
        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            union.UnionWith(part);
        }
        return union;
    }

    // Meta fields are not in the property bag; a filter on them scans.
    private static bool IsMeta(string name) => name is "_id" or "_key" or "_class" or "_type" or "displayName";

    /// <summary>
    /// One property: ids by boolean or string value (each element of a list), and the numbers and dates apart. A value
    /// held by one entity (most values of a property like <c>hostname</c>) keeps its id as a plain string, not a set,
    /// so an index costs about one dictionary entry per entity.
    /// </summary>
    private sealed class PropertyBuckets
    {
        private readonly Dictionary<object, object> byValue = [];

        public HashSet<string> Unkeyed { get; } = new(StringComparer.Ordinal);

        public void Add(string id, PropertyValue value)
        {
            if (KeysOf(value) is not { } keys)
            {
                Unkeyed.Add(id);
                return;
            }
            foreach (var key in keys)
            {
                Bucket(key, id);
            }
        }

        public void Remove(string id, PropertyValue value)
        {
            if (KeysOf(value) is not { } keys)
            {
                Unkeyed.Remove(id);
                return;
            }
            foreach (var key in keys)
            {
                Unbucket(key, id);
            }
        }

        /// <summary>The bucket keys of a value (a list: one per item), or null for values that compare by parsing (always candidates).</summary>
        private static IEnumerable<object>? KeysOf(PropertyValue value) => value switch
        {
            BooleanValue b => [b.Value ? True : False],
            StringValue s => [s.Value],
            StringListValue list => list.Values,
            _ => null,
        };

        public bool TryGet(object key, out IReadOnlyCollection<string> ids)
        {
            if (byValue.TryGetValue(key, out var found))
            {
                ids = found as HashSet<string> ?? (IReadOnlyCollection<string>)[(string)found];
                return true;
            }
            ids = [];
            return false;
        }

        private void Bucket(object key, string id)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(byValue, key, out var existed);
            if (!existed)
            {
                slot = id;
            }
            else if (slot is string single)
            {
                if (!string.Equals(single, id, StringComparison.Ordinal))
                {
                    slot = new HashSet<string>(StringComparer.Ordinal) { single, id };
                }
            }
            else
            {
                ((HashSet<string>)slot!).Add(id);
            }
        }

        private void Unbucket(object key, string id)
        {
            if (!byValue.TryGetValue(key, out var found))
            {
                return;
            }
            if (found is string single)
            {
                if (string.Equals(single, id, StringComparison.Ordinal))
                {
                    byValue.Remove(key);
                }
            }
            else if (found is HashSet<string> ids && ids.Remove(id))
            {
                if (ids.Count == 0)
                {
                    byValue.Remove(key);
                }
                else if (ids.Count == 1)
                {
                    byValue[key] = ids.First();
                }
            }
        }
    }
}
