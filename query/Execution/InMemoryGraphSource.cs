using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Query.Execution;

/// <summary>
/// A graph held in memory: the reference semantics for <see cref="IGraphSource"/> and the tests' backend.
/// Results come back in insertion order, so executions are deterministic.
/// </summary>
public sealed class InMemoryGraphSource : IGraphSource
{
    private readonly List<Entity> entities;
    private readonly Dictionary<string, Entity> entitiesById;
    private readonly List<Relationship> relationships;
    private readonly Dictionary<string, List<int>> edgeIndexesByEntity = new(StringComparer.Ordinal);
    private readonly TimeProvider timeProvider;

    public InMemoryGraphSource(IEnumerable<Entity> entities, IEnumerable<Relationship> relationships, TimeProvider? timeProvider = null)
    {
        this.entities = [.. entities];
        entitiesById = this.entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        this.relationships = [.. relationships];
        this.timeProvider = timeProvider ?? TimeProvider.System;
        for (var i = 0; i < this.relationships.Count; i++)
        {
            Index(this.relationships[i].FromId, i);
            if (this.relationships[i].ToId != this.relationships[i].FromId)
            {
                Index(this.relationships[i].ToId, i);
            }
        }
    }

    private void Index(string entityId, int edgeIndex)
    {
        if (!edgeIndexesByEntity.TryGetValue(entityId, out var list))
        {
            edgeIndexesByEntity[entityId] = list = [];
        }
        list.Add(edgeIndex);
    }

    public Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var compiled = filter is null ? null : CompiledFilter.Compile(filter, timeProvider.GetUtcNow());
        var matches = entities.Where(e => target.Matches(e.Class, e.Type) && (compiled is null || compiled.Matches(e)));
        IReadOnlyList<Entity> result = [.. limit is null ? matches : matches.Take(limit.Value)];
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        IReadOnlyList<Entity> result = [.. ids.Distinct().Select(id => entitiesById.GetValueOrDefault(id)).OfType<Entity>()];
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var known = ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal);
        var edgeIndexes = new SortedSet<int>();
        foreach (var id in known)
        {
            foreach (var i in edgeIndexesByEntity.GetValueOrDefault(id) ?? [])
            {
                var edge = relationships[i];
                var touches = direction switch
                {
                    EdgeDirection.Outgoing => known.Contains(edge.FromId),
                    EdgeDirection.Incoming => known.Contains(edge.ToId),
                    _ => true,
                };
                if (touches && verbs.Matches(edge.Class))
                {
                    edgeIndexes.Add(i);
                }
            }
        }
        IReadOnlyList<Relationship> result = [.. edgeIndexes.Select(i => relationships[i])];
        return Task.FromResult(result);
    }
}
