using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Hosting.Limits;
using Fleet.Query.Evaluation;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// Applies bulk graph writes: resolves keys, checks the write against the stored graph (all or nothing), assigns ids,
/// then fans the changes out to entity, edge and key partitions in parallel. Stateless.
/// Order inside one write: entities, relationships, relationship deletions, entity deletions.
/// Reentrant: it holds no state, and every device projection of the silo passes through it — without interleaving,
/// the few local workers (one per core) would serialize all projections behind each other's partition calls.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed partial class GraphWriterGrain(
    ILogger<GraphWriterGrain> logger, TimeProvider timeProvider, IOptions<LimitsOptions> limits) : Grain, IGraphWriterGrain
{
    private GraphGrainReferences? references;

    private GraphGrainReferences Grains => references ??= new GraphGrainReferences(GrainFactory);

    public Task<GraphWriteOutcome> Apply(string accountId, GraphWriteRequest request) => WriteAsync(accountId, request, bySystem: false, durable: true);

    public Task Publish(string accountId, GraphWriteRequest request) => WriteAsync(accountId, request, bySystem: true, durable: false);

    public Task PublishDurably(string accountId, GraphWriteRequest request) => WriteAsync(accountId, request, bySystem: true, durable: true);

    private async Task<GraphWriteOutcome> WriteAsync(string accountId, GraphWriteRequest request, bool bySystem, bool durable)
    {
        var catalogGrain = Grains.Catalog(accountId);
        var catalog = await catalogGrain.Get();
        var mentioned = request.Entities.Select(e => e.Key)
            .Concat(request.Relationships.SelectMany(r => new[] { r.From, r.To }))
            .Concat(request.DeleteEntities)
            .Concat(request.DeleteRelationships.SelectMany(r => new[] { r.From, r.To }));
        // Ids for new keys are stored before anything refers to them; a claim of a known key answers with its entry.
        var claims = request.Entities.Select(e => new GraphKeyClaim(e.Key, e.Class, bySystem)).ToArray();
        var errors = new List<GraphWriteError>();
        Dictionary<string, GraphKeyEntry> known;
        if (bySystem)
        {
            // 1–3 in one round: nothing of a system write is checked against the stored graph, so its entities' keys
            // are claimed at once and only the other keys it mentions are looked up.
            var claimed = claims.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var lookup = LookupAsync(accountId, catalog, mentioned.Where(key => !claimed.Contains(key)));
            var assigned = AssignAsync(accountId, catalog, claims);
            await Task.WhenAll(lookup, assigned);
            known = Remember(lookup.Result, assigned.Result);
        }
        else
        {
            // 1. Where every mentioned key points today.
            known = await LookupAsync(accountId, catalog, mentioned);

            // 2. Refuse the whole write if any item conflicts with the stored graph.
            Check(request, known, errors);
            await CheckLimitsAsync(accountId, catalog, request, known, errors);
            if (errors.Count > 0)
            {
                return new GraphWriteOutcome(null, errors);
            }

            // 3. Ids for the new keys.
            known = Remember(known, await AssignAsync(accountId, catalog, claims));
        }
        for (var i = 0; i < request.Entities.Count; i++)
        {
            // Only a concurrent write of the same key with another class gets here.
            if (known[request.Entities[i].Key].Class != request.Entities[i].Class)
            {
                errors.Add(new GraphWriteError($"entities[{i}]._class", ClassConflict(request.Entities[i].Key, known[request.Entities[i].Key].Class)));
            }
        }
        if (errors.Count > 0)
        {
            return new GraphWriteOutcome(null, errors);
        }

        // 4. New classes and types become findable before their entities exist.
        var seen = request.Entities.Select(e => new GraphClassType(e.Class, e.Type)).Distinct()
            .Where(ct => catalog.Find(ct.Class) is not { } info || !info.Types.Contains(ct.Type)).ToArray();
        if (seen.Length > 0)
        {
            catalog = await catalogGrain.Register(seen);
        }

        var touchedEntities = new HashSet<string>(StringComparer.Ordinal);
        var touchedEdges = new HashSet<int>();
        var (created, updated) = await UpsertEntitiesAsync(accountId, catalog, request, known, bySystem, touchedEntities);
        var relationshipsCreated = await UpsertRelationshipsAsync(accountId, catalog, request, known, touchedEdges);
        var relationshipsDeleted = await DeleteRelationshipsAsync(accountId, catalog,
            request.DeleteRelationships.Where(r => known.ContainsKey(r.From) && known.ContainsKey(r.To))
                .Select(r => (known[r.From].Id, r.Class, known[r.To].Id)), touchedEdges);
        var (deleted, detached) = await DeleteEntitiesAsync(accountId, catalog,
            request.DeleteEntities.Distinct(StringComparer.Ordinal).Where(known.ContainsKey).Select(k => known[k]).ToList(), touchedEntities, touchedEdges);

        // 5. The API's answer means durable (and a durable projection's); the system's projections are left to coalesce.
        if (durable)
        {
            await Task.WhenAll(
                touchedEntities.Select(key => Grains.Entities(key).Flush())
                    .Concat(touchedEdges.Select(p => Grains.Edges(accountId, p).Flush())));
        }
        LogApplied(logger, request.ItemCount, bySystem);
        if (durable)
        {
            // Device grains announce their own changes; API writes and durable projections (IdP syncs) are announced here.
            GrainFactory.GetGrain<IAccountChangeFeedGrain>(accountId)
                .Publish(new GraphChangedEvent(accountId, Touched(request, known, catalog), timeProvider.GetUtcNow())).Ignore();
        }
        return new GraphWriteOutcome(new GraphWriteCounts(created, updated, deleted, relationshipsCreated, relationshipsDeleted + detached), []);
    }

    private static Dictionary<string, GraphKeyEntry> Remember(Dictionary<string, GraphKeyEntry> known, GraphKeyEntry[] assigned)
    {
        foreach (var entry in assigned)
        {
            known[entry.Key] = entry;
        }
        return known;
    }

    /// <summary>
    /// The account's fair share (docs/security.md, Fair sharing): an API write may not take the account past
    /// <see cref="LimitsOptions.GraphEntitiesPerAccount"/> entities or <see cref="LimitsOptions.GraphClassesPerAccount"/> classes.
    /// Device projections (system writes) are bounded by enrollment, not here.
    /// </summary>
    private async Task CheckLimitsAsync(string accountId, GraphCatalog catalog, GraphWriteRequest request, Dictionary<string, GraphKeyEntry> known, List<GraphWriteError> errors)
    {
        var newClasses = request.Entities.Select(e => e.Class).Distinct(StringComparer.Ordinal).Count(c => catalog.Find(c) is null);
        if (newClasses > 0 && catalog.Classes.Count + newClasses > limits.Value.GraphClassesPerAccount)
        {
            errors.Add(new GraphWriteError("entities", $"the account has {catalog.Classes.Count} entity classes and this write adds {newClasses}; "
                + $"at most {limits.Value.GraphClassesPerAccount} are allowed (limit: graphClassesPerAccount)."));
        }
        var newKeys = request.Entities.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count(k => !known.ContainsKey(k));
        if (newKeys == 0)
        {
            return;
        }
        var counts = await Task.WhenAll(Enumerable.Range(0, catalog.KeyPartitions)
            .Select(p => Grains.Keys(accountId, p).Count()));
        if (counts.Sum() + newKeys > limits.Value.GraphEntitiesPerAccount)
        {
            errors.Add(new GraphWriteError("entities", $"the account holds {counts.Sum()} entities and this write adds {newKeys}; "
                + $"at most {limits.Value.GraphEntitiesPerAccount} are allowed (limit: graphEntitiesPerAccount). Delete entities first."));
        }
    }

    /// <summary>The classes (with every type they hold) of the entities written, deleted or connected by the request.</summary>
    private static GraphClassType[] Touched(GraphWriteRequest request, Dictionary<string, GraphKeyEntry> known, GraphCatalog catalog)
    {
        var classes = request.Entities.Select(e => e.Class)
            .Concat(request.Relationships.SelectMany(r => new[] { r.From, r.To })
                .Concat(request.DeleteEntities)
                .Concat(request.DeleteRelationships.SelectMany(r => new[] { r.From, r.To }))
                .Where(known.ContainsKey).Select(key => known[key].Class))
            .Distinct(StringComparer.Ordinal);
        return [.. classes.SelectMany(c => (catalog.Find(c)?.Types ?? []).Select(t => new GraphClassType(c, t)))
            .Concat(request.Entities.Select(e => new GraphClassType(e.Class, e.Type))).Distinct()];
    }

    private static void Check(GraphWriteRequest request, Dictionary<string, GraphKeyEntry> known, List<GraphWriteError> errors)
    {
        var inRequest = new HashSet<string>(request.Entities.Select(e => e.Key), StringComparer.Ordinal);
        for (var i = 0; i < request.Entities.Count; i++)
        {
            var entity = request.Entities[i];
            if (!known.TryGetValue(entity.Key, out var entry))
            {
                continue;
            }
            if (entry.Class != entity.Class)
            {
                errors.Add(new GraphWriteError($"entities[{i}]._class", ClassConflict(entity.Key, entry.Class)));
            }
            if (entry.SystemOwned)
            {
                foreach (var name in entity.Properties.Keys.Where(GraphKeys.IsSystemOwnedProperty).Order(StringComparer.Ordinal))
                {
                    errors.Add(new GraphWriteError($"entities[{i}].properties.{name}",
                        $"'{name}' of '{entity.Key}' is owned by the system (its agent reports it) and cannot be set through the API; leave it out."));
                }
            }
        }
        for (var i = 0; i < request.Relationships.Count; i++)
        {
            var relationship = request.Relationships[i];
            foreach (var (field, key) in new[] { ("from", relationship.From), ("to", relationship.To) })
            {
                if (!known.ContainsKey(key) && !inRequest.Contains(key))
                {
                    errors.Add(new GraphWriteError($"relationships[{i}].{field}",
                        $"no entity has the key '{key}'; create it (in 'entities' of this or an earlier request) first."));
                }
            }
        }
        for (var i = 0; i < request.DeleteEntities.Count; i++)
        {
            if (known.TryGetValue(request.DeleteEntities[i], out var entry) && entry.SystemOwned)
            {
                errors.Add(new GraphWriteError($"deleteEntities[{i}]",
                    $"'{entry.Key}' is owned by the system (an enrolled device, its agent or an invited person) and cannot be deleted through the API."));
            }
        }
    }

    private static string ClassConflict(string key, string existingClass) =>
        $"the key '{key}' already belongs to a {existingClass}; an entity's class cannot change (delete it first, or use another key).";

    private async Task<Dictionary<string, GraphKeyEntry>> LookupAsync(string accountId, GraphCatalog catalog, IEnumerable<string> keys)
    {
        var groups = keys.Distinct(StringComparer.Ordinal).GroupBy(k => GraphPartitioning.PartitionOf(k, catalog.KeyPartitions));
        var answers = await Task.WhenAll(groups.Select(g =>
            Grains.Keys(accountId, g.Key).Lookup([.. g])));
        return answers.SelectMany(a => a).ToDictionary(e => e.Key, StringComparer.Ordinal);
    }

    private async Task<GraphKeyEntry[]> AssignAsync(string accountId, GraphCatalog catalog, IEnumerable<GraphKeyClaim> claims)
    {
        var groups = claims.GroupBy(c => GraphPartitioning.PartitionOf(c.Key, catalog.KeyPartitions));
        var answers = await Task.WhenAll(groups.Select(g =>
            Grains.Keys(accountId, g.Key).Assign([.. g])));
        return [.. answers.SelectMany(a => a)];
    }

    private async Task<(int Created, int Updated)> UpsertEntitiesAsync(string accountId, GraphCatalog catalog, GraphWriteRequest request,
        Dictionary<string, GraphKeyEntry> known, bool bySystem, HashSet<string> touched)
    {
        var groups = new Dictionary<string, List<GraphEntityUpsert>>(StringComparer.Ordinal);
        foreach (var input in request.Entities)
        {
            var id = known[input.Key].Id;
            var partition = PartitionKey(accountId, catalog, id, input.Class);
            if (!groups.TryGetValue(partition, out var list))
            {
                groups[partition] = list = [];
            }
            list.Add(new GraphEntityUpsert(new Entity(id, input.Key, input.Class, input.Type, input.DisplayName, input.Properties), bySystem));
        }
        touched.UnionWith(groups.Keys);
        var counts = await Task.WhenAll(groups.Select(g =>
            Grains.Entities(g.Key).Upsert(new Immutable<GraphEntityUpsert[]>([.. g.Value]))));
        return (counts.Sum(c => c.Created), counts.Sum(c => c.Updated));
    }

    private async Task<int> UpsertRelationshipsAsync(string accountId, GraphCatalog catalog, GraphWriteRequest request,
        Dictionary<string, GraphKeyEntry> known, HashSet<int> touched)
    {
        var groups = new Dictionary<int, Dictionary<string, Relationship>>();
        foreach (var input in request.Relationships)
        {
            // A system write may name an entity that is not published yet; it is linked when both ends exist.
            if (!known.TryGetValue(input.From, out var from) || !known.TryGetValue(input.To, out var to))
            {
                continue;
            }
            var relationship = new Relationship(GraphPartitioning.RelationshipId(from.Id, input.Class, to.Id), input.Class, from.Id, to.Id, input.Properties);
            foreach (var p in EdgePartitions(catalog, from.Id, to.Id))
            {
                if (!groups.TryGetValue(p, out var list))
                {
                    groups[p] = list = new Dictionary<string, Relationship>(StringComparer.Ordinal);
                }
                list[relationship.Id] = relationship;
            }
        }
        touched.UnionWith(groups.Keys);
        var answers = await Task.WhenAll(groups.Select(g =>
            Grains.Edges(accountId, g.Key).Upsert(new Immutable<Relationship[]>([.. g.Value.Values]))));
        return answers.SelectMany(a => a).Distinct(StringComparer.Ordinal).Count();
    }

    private async Task<int> DeleteRelationshipsAsync(string accountId, GraphCatalog catalog, IEnumerable<(string FromId, string Verb, string ToId)> triples,
        HashSet<int> touched)
    {
        var groups = new Dictionary<int, HashSet<string>>();
        foreach (var (fromId, verb, toId) in triples)
        {
            var id = GraphPartitioning.RelationshipId(fromId, verb, toId);
            foreach (var p in EdgePartitions(catalog, fromId, toId))
            {
                if (!groups.TryGetValue(p, out var set))
                {
                    groups[p] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.Add(id);
            }
        }
        touched.UnionWith(groups.Keys);
        var answers = await Task.WhenAll(groups.Select(g =>
            Grains.Edges(accountId, g.Key).Delete([.. g.Value])));
        return answers.SelectMany(a => a).Distinct(StringComparer.Ordinal).Count();
    }

    private async Task<(int Deleted, int Detached)> DeleteEntitiesAsync(string accountId, GraphCatalog catalog, List<GraphKeyEntry> entries,
        HashSet<string> touchedEntities, HashSet<int> touchedEdges)
    {
        if (entries.Count == 0)
        {
            return (0, 0);
        }
        // Relationships first: detach them where the entity lives, then remove them at their other end.
        var byEdgePartition = entries.GroupBy(e => GraphPartitioning.PartitionOf(e.Id, catalog.EdgePartitions)).ToList();
        touchedEdges.UnionWith(byEdgePartition.Select(g => g.Key));
        var detached = (await Task.WhenAll(byEdgePartition.Select(g =>
            Grains.Edges(accountId, g.Key).Detach([.. g.Select(e => e.Id)]))))
            .SelectMany(a => a.Value).DistinctBy(r => r.Id).ToList();
        var otherEnds = new Dictionary<int, HashSet<string>>();
        foreach (var relationship in detached)
        {
            foreach (var p in EdgePartitions(catalog, relationship.FromId, relationship.ToId))
            {
                if (!otherEnds.TryGetValue(p, out var set))
                {
                    otherEnds[p] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.Add(relationship.Id);
            }
        }
        touchedEdges.UnionWith(otherEnds.Keys);
        await Task.WhenAll(otherEnds.Select(g =>
            Grains.Edges(accountId, g.Key).Delete([.. g.Value])));

        var byPartition = entries.GroupBy(e => PartitionKey(accountId, catalog, e.Id, e.Class)).ToList();
        touchedEntities.UnionWith(byPartition.Select(g => g.Key));
        var deleted = await Task.WhenAll(byPartition.Select(g => Grains.Entities(g.Key).Delete([.. g.Select(e => e.Id)])));

        await Task.WhenAll(entries.GroupBy(e => GraphPartitioning.PartitionOf(e.Key, catalog.KeyPartitions)).Select(g =>
            Grains.Keys(accountId, g.Key).Remove([.. g.Select(e => e.Key)])));
        return (deleted.Sum(), detached.Count);
    }

    private static string PartitionKey(string accountId, GraphCatalog catalog, string id, string @class)
    {
        var partitions = catalog.Find(@class)?.Partitions
            ?? throw new InvalidOperationException($"class {@class} is not in the catalogue of {accountId}");
        return GraphPartitioning.EntityPartitionKey(accountId, @class, GraphPartitioning.PartitionOf(id, partitions));
    }

    private static IEnumerable<int> EdgePartitions(GraphCatalog catalog, string fromId, string toId)
    {
        var from = GraphPartitioning.PartitionOf(fromId, catalog.EdgePartitions);
        var to = GraphPartitioning.PartitionOf(toId, catalog.EdgePartitions);
        return from == to ? [from] : [from, to];
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Debug, Message = "Graph write of {Items} items applied (by system: {BySystem})")]
    private static partial void LogApplied(ILogger logger, int items, bool bySystem);
}
