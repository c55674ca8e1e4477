namespace Fleet.Architecture.Tests;

/// <summary>Which namespace uses which, among the namespaces under one root, built from the types' references.</summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal); // from → to → one example

    public static NamespaceGraph Of(IEnumerable<Type> types, string root)
    {
        var graph = new NamespaceGraph();
        foreach (var type in types)
        {
            foreach (var used in TypeReferences.Of(type))
            {
                if (type.Namespace is not { } from || used.Namespace is not { } to || from == to || !Under(to, root) || !Under(from, root))
                    continue;
                if (!graph._edges.TryGetValue(from, out var targets))
                    graph._edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
                targets.TryAdd(to, $"{type.Name} uses {used.Name}");
            }
        }
        return graph;
    }

    /// <summary>A cycle as its namespaces in order (the first repeated at the end), or null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = false;
            path.Add(node);
            foreach (var next in _edges.GetValueOrDefault(node)?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            {
                if (state.TryGetValue(next, out var done))
                {
                    if (!done)
                        return [.. path.Skip(path.IndexOf(next)), next];
                    continue;
                }
                if (Visit(next) is { } cycle)
                    return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!state.ContainsKey(node) && Visit(node) is { } cycle)
                return cycle;
        }
        return null;
    }

    /// <summary>One type reference behind each edge of <paramref name="cycle"/>, to find what to move.</summary>
    public string Explain(IReadOnlyList<string> cycle) =>
        string.Join("\n", cycle.Zip(cycle.Skip(1), (from, to) => $"  {from} -> {to}: {_edges[from][to]}"));

    private static bool Under(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
}
