using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// The executor's view of one account's graph: every call fans out in parallel to the partitions it needs and no
/// others — Find to the partitions of the target's classes (from the catalogue), Get to the partitions named by the
/// ids (the class is part of an entity id), Edges to the adjacency partitions of the ids. Never storage, never an
/// entity grain per entity.
/// </summary>
public sealed class GrainGraphSource(IGrainFactory grains, string accountId, GraphCatalog catalog) : IGraphSource
{
    public async Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct)
    {
        var filterText = filter is null ? null : QueryFormatter.Format(filter);
        var calls = new List<Task<Immutable<Entity[]>>>();
        foreach (var info in catalog.Classes)
        {
            if (!TypesWithin(target, info, out var types))
            {
                continue;
            }
            for (var p = 0; p < info.Partitions; p++)
            {
                calls.Add(grains.GetGrain<IEntityPartitionGrain>(GraphPartitioning.EntityPartitionKey(accountId, info.Class, p)).Find(filterText, types, limit));
            }
        }
        var answers = await Task.WhenAll(calls).WaitAsync(ct);
        var result = new List<Entity>(answers.Sum(a => a.Value.Length));
        foreach (var answer in answers)
        {
            result.AddRange(answer.Value);
        }
        return limit is { } max && result.Count > max ? result.GetRange(0, max) : result;
    }

    public async Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        // Thousands of ids per hop: the class is read from the id without copying it, and each partition key is built once.
        var classes = catalog.Classes.ToDictionary(c => c.Class, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var groups = new Dictionary<(string Class, int Partition), List<string>>();
        foreach (var id in ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal))
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !classes.TryGetValue(id.AsSpan(0, dash), out var info))
            {
                continue;
            }
            var key = (info.Class, GraphPartitioning.PartitionOf(id, info.Partitions));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }
            list.Add(id);
        }
        var answers = await Task.WhenAll(groups.Select(g =>
            grains.GetGrain<IEntityPartitionGrain>(GraphPartitioning.EntityPartitionKey(accountId, g.Key.Class, g.Key.Partition)).Get([.. g.Value]))).WaitAsync(ct);
        var result = new List<Entity>(answers.Sum(a => a.Value.Length));
        foreach (var answer in answers)
        {
            result.AddRange(answer.Value);
        }
        return result;
    }

    public async Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct)
    {
        var groups = new Dictionary<int, List<string>>();
        foreach (var id in ids)
        {
            var p = GraphPartitioning.PartitionOf(id, catalog.EdgePartitions);
            if (!groups.TryGetValue(p, out var list))
            {
                groups[p] = list = [];
            }
            list.Add(id);
        }
        string[]? verbNames = verbs.IsAny ? null : [.. verbs.Verbs];
        var answers = await Task.WhenAll(groups.Select(g =>
            grains.GetGrain<IEdgePartitionGrain>(GraphPartitioning.EdgePartitionKey(accountId, g.Key)).Edges([.. g.Value], verbNames, direction))).WaitAsync(ct);
        // An edge whose two ends are both asked for comes back from both their partitions.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Relationship>();
        foreach (var answer in answers)
        {
            foreach (var edge in answer.Value)
            {
                if (seen.Add(edge.Id))
                {
                    result.Add(edge);
                }
            }
        }
        return result;
    }

    /// <summary>Whether a class can hold matches of the target, and which of its types (null = all).</summary>
    private static bool TypesWithin(TargetSelector target, GraphClassInfo info, out string[]? types)
    {
        types = null;
        if (target.IsAny || target.Names.Any(n => n.Field == TargetField.Class && n.Name == info.Class))
        {
            return true;
        }
        var named = target.Names.Where(n => n.Field == TargetField.Type && info.Types.Contains(n.Name)).Select(n => n.Name).ToArray();
        types = named;
        return named.Length > 0;
    }
}
