using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph;

/// <summary>
/// An entity's properties as a partition holds them: the names (one array shared by every entity of the same shape,
/// see <see cref="PropertyInterner"/>) and the values in the same order. Two references and one array per entity instead
/// of a <c>Dictionary</c> (buckets, entries, ~450 bytes for ten properties). A look-up compares names one by one, which
/// for the few properties an entity has is no slower than hashing the name. Enumerates in the order it was given.
/// </summary>
internal sealed class CompactProperties(string[] names, PropertyValue[] values) : IReadOnlyDictionary<string, PropertyValue>
{
    /// <summary>Above this many properties a look-up by scan costs more than a hash: such entities keep their dictionary.</summary>
    public const int MaxProperties = 24;

    public int Count => names.Length;

    public IEnumerable<string> Keys => names;

    public IEnumerable<PropertyValue> Values => values;

    public PropertyValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out PropertyValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, PropertyValue>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return new KeyValuePair<string, PropertyValue>(names[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
