using System.Runtime.InteropServices;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Query.Execution;

// "Query" alone would name the Fleet.Query namespace from here.
using Query = Fleet.Query.Syntax.Query;

/// <summary>
/// Runs a parsed query over an <see cref="IGraphSource"/>: starts at the planned anchor, takes each hop with
/// one batched <see cref="IGraphSource.EdgesAsync"/> and one <see cref="IGraphSource.GetAsync"/> call,
/// applies negations, WHERE, RETURN, ORDER BY, SKIP and LIMIT, and assembles the result once, at the end.
/// Running out of time or over the size limit is a <see cref="QueryFailure"/> value, not an exception.
/// </summary>
public sealed class QueryExecutor
{
    private readonly Query query;
    private readonly QueryPlan plan;
    private readonly IGraphSource source;
    private readonly DateTimeOffset now;
    private readonly QueryLimits limits;
    private readonly CancellationToken ct;
    private readonly Dictionary<string, Entity> entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> stepOfAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<Filter, CompiledFilter> compiledFilters = new(ReferenceEqualityComparer.Instance);

    // The next hop's edges and their far-side entities, asked for ahead of time (see ReadsAhead); consumed by the next AdjacentAsync.
    private (VerbSelector Verbs, EdgeDirection Direction, ReadAhead Answer)? prefetched;

    // Set by MatchPathsAsync: the run starts at these FIND-step ids (looked up) instead of finding its anchor step's matches.
    private readonly IReadOnlyCollection<string>? startIds;

    private QueryExecutor(Query query, IGraphSource source, DateTimeOffset now, QueryLimits limits, CancellationToken ct, IReadOnlyCollection<string>? startIds = null)
    {
        this.query = query;
        this.source = source;
        this.now = now;
        this.limits = limits;
        this.ct = ct;
        this.startIds = startIds;
        plan = startIds is null ? QueryPlanner.Plan(query) : QueryPlanner.PlanFrom(query, 0);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            if (plan.Steps[i].Step.Alias is { } alias)
            {
                stepOfAlias[alias] = i;
            }
        }
    }

    public static Task<QueryResult> ExecuteAsync(Query query, IGraphSource source, DateTimeOffset now, QueryLimits limits, CancellationToken ct) =>
        ExecuteAsync(query, source, now, limits, TimeProvider.System, ct);

    /// <summary>As above, with the clock that measures the time budget injected (tests).</summary>
    public static async Task<QueryResult> ExecuteAsync(Query query, IGraphSource source, DateTimeOffset now, QueryLimits limits, TimeProvider timeProvider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        return await WithinBudgetAsync<QueryResult>(limits, timeProvider,
            token => new QueryExecutor(query, source, now, limits, token).RunAsync(),
            new QueryFailure(QueryFailureKind.Timeout,
                $"the query did not finish within its time budget of {limits.Timeout.TotalSeconds:0.###} s and was stopped"),
            new QueryFailure(QueryFailureKind.TooManyIntermediateResults,
                $"the query touches more than {limits.MaxIntermediateResults} entities or paths; add a WITH filter to narrow it"), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The ids of the starts (FIND-step entities) of a query without <c>!THAT</c> that reach one of <paramref name="changed"/>
    /// along the chain's edges, walking back from every step whose target the entity fits; a changed entity that fits the
    /// FIND step is one itself. Step filters are not applied: a change may have taken an entity out of its step, and the
    /// starts it used to serve must be looked at again. These are the starts whose place in the answer the change can
    /// move (the answer of a list is decided start by start). Null when there are more than the size budget or the time
    /// budget ran out.
    /// </summary>
    public static async Task<IReadOnlySet<string>?> StartsReachingAsync(Query query, IGraphSource source, IReadOnlyCollection<Entity> changed, QueryLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(limits);
        if (query.Traversals.Any(t => t.Negated))
        {
            throw new ArgumentException("a query with !THAT can be changed by entities off its chain", nameof(query));
        }
        return await WithinBudgetAsync<IReadOnlySet<string>?>(limits, TimeProvider.System, async token =>
        {
            var steps = (EntityStep[])[query.Start, .. query.Traversals.Select(t => t.Target)];
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var step = steps.Length - 1; step >= 0; step--)
            {
                if (step < steps.Length - 1 && ids.Count > 0)
                {
                    // Back from the next step's ids across the link that leaves this step.
                    var link = query.Traversals[step];
                    var direction = link.Direction.Reverse();
                    ids = FarEnds(await source.EdgesAsync(ids, link.Verbs, direction, token).ConfigureAwait(false), ids, link.Verbs, direction);
                }
                foreach (var entity in changed.Where(e => steps[step].Target.Matches(e.Class, e.Type)))
                {
                    ids.Add(entity.Id);
                }
                if (ids.Count > limits.MaxIntermediateResults)
                {
                    return null;
                }
            }
            return ids;
        }, null, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Which of <paramref name="startIds"/> have a complete path now, in match order, each with the entities its paths hold
    /// at the step a full run anchors at (<see cref="QueryPlanner.Plan"/>), whose order decides where a start comes in a
    /// truncated list. Null when the time or size budget ran out.
    /// </summary>
    public static async Task<IReadOnlyList<StartMatch>?> MatchStartsAsync(
        Query query, IGraphSource source, IReadOnlyCollection<string> startIds, DateTimeOffset now, QueryLimits limits, CancellationToken ct) =>
        await MatchPathsAsync(query, source, startIds, now, limits, ct).ConfigureAwait(false) is { } paths
            ? StartMatch.Of(paths, QueryPlanner.Plan(query).AnchorStep)
            : null;

    /// <summary>
    /// The complete paths (the entity at each chain step) from <paramref name="startIds"/>, looked up by id, along the
    /// chain, in match order. Null when the time or size budget ran out.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Entity>>?> MatchPathsAsync(
        Query query, IGraphSource source, IReadOnlyCollection<string> startIds, DateTimeOffset now, QueryLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(startIds);
        ArgumentNullException.ThrowIfNull(limits);
        if (startIds.Count == 0)
        {
            return [];
        }
        return await WithinBudgetAsync<IReadOnlyList<IReadOnlyList<Entity>>?>(limits, TimeProvider.System, async token =>
        {
            var executor = new QueryExecutor(query, source, now, limits, token, startIds);
            var paths = executor.Where(await executor.TakeHopsAsync(await executor.AnchorPathsAsync().ConfigureAwait(false)).ConfigureAwait(false));
            return [.. paths.Select(p => (IReadOnlyList<Entity>)[.. p.Entities.Select(e => e!)])];
        }, null, null, ct).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="run"/> within the query's time budget; what it answers when time or size runs out.</summary>
    private static async Task<T> WithinBudgetAsync<T>(
        QueryLimits limits, TimeProvider timeProvider, Func<CancellationToken, Task<T>> run, T timedOut, T tooLarge, CancellationToken ct)
    {
        using var budget = new CancellationTokenSource(limits.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            return await run(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return timedOut;
        }
        catch (IntermediateLimitReached)
        {
            return tooLarge;
        }
    }

    // Unwinds to ExecuteAsync, which turns it into a QueryFailure value.
    private sealed class IntermediateLimitReached : Exception;

    /// <summary>A partial match: the entity bound at each chain step and the edge taken at each hop (null until reached).</summary>
    private sealed class MatchedPath(Entity?[] entities, Relationship?[] edges)
    {
        public Entity?[] Entities { get; } = entities;

        public Relationship?[] Edges { get; } = edges;

        public MatchedPath Extend(PlannedHop hop, Relationship edge, Entity entity)
        {
            var entities = (Entity?[])Entities.Clone();
            var edges = (Relationship?[])Edges.Clone();
            entities[hop.ToStep] = entity;
            edges[Math.Min(hop.FromStep, hop.ToStep)] = edge;
            return new MatchedPath(entities, edges);
        }
    }

    private async Task<QueryResult> RunAsync()
    {
        var paths = await MatchAsync().ConfigureAwait(false);
        return query.Return switch
        {
            null => new ListResult(SelectStarts(paths).ToEquatableArray()),
            ReturnTree => BuildTree(paths),
            ReturnItems items => new TableResult(BuildTable(paths, items.Items)),
            _ => throw new InvalidOperationException("unknown RETURN clause"),
        };
    }

    // ---- matching --------------------------------------------------------------------------

    /// <summary>The smallest number of anchors a chunk of <see cref="MatchAsync"/> takes (see <see cref="StartsNeeded"/>).</summary>
    private const int MinAnchorsPerChunk = 1_000;

    /// <summary>The complete paths that pass WHERE, in match order (anchor order, then each hop's edge order).</summary>
    private async Task<List<MatchedPath>> MatchAsync()
    {
        var anchors = await AnchorPathsAsync().ConfigureAwait(false);
        if (StartsNeeded() is not { } needed)
        {
            return Where(await TakeHopsAsync(anchors).ConfigureAwait(false));
        }
        // The answer holds the paths of the first `needed` starts only: take the anchors a chunk at a time, in order, until
        // that many starts have a path. Those are the first starts of the full match order (later anchors can only add
        // starts after them).
        var paths = new List<MatchedPath>();
        var starts = new HashSet<string>(StringComparer.Ordinal);
        var taken = 0;
        for (var size = Math.Max(MinAnchorsPerChunk, needed * 4); taken < anchors.Count && starts.Count < needed; size *= 2)
        {
            var chunk = anchors.GetRange(taken, Math.Min(size, anchors.Count - taken));
            taken += chunk.Count;
            foreach (var path in Where(await TakeHopsAsync(chunk).ConfigureAwait(false)))
            {
                starts.Add(path.Entities[0]!.Id);
                paths.Add(path);
            }
        }
        if (query.Return is ReturnTree && plan.AnchorStep > 0 && taken < anchors.Count)
        {
            // A start reached by hops may also be reached from anchors not taken: a tree holds its paths from those too,
            // after the ones found, in anchor order (a list needs only the starts, all found). Which anchors can reach
            // the first starts is read backwards from them (a superset: the steps' filters are left to the forward hops,
            // which then keep the paths to those starts only).
            var first = paths.Select(p => p.Entities[0]!.Id).Distinct(StringComparer.Ordinal).Take(needed).ToHashSet(StringComparer.Ordinal);
            var reaching = await AnchorsReachingAsync(first).ConfigureAwait(false);
            var later = anchors.GetRange(taken, anchors.Count - taken).Where(p => reaching.Contains(p.Entities[plan.AnchorStep]!.Id)).ToList();
            if (later.Count > 0)
            {
                paths.AddRange(Where(await TakeHopsAsync(later).ConfigureAwait(false)).Where(p => first.Contains(p.Entities[0]!.Id)));
            }
        }
        return paths;
    }

    /// <summary>
    /// How many starting entities the answer keeps (SKIP + LIMIT) when it is a list or tree of starts in match order; null
    /// when every path counts (tables, aggregates, ORDER BY).
    /// </summary>
    private int? StartsNeeded() =>
        plan.Hops.Count > 0 && query.OrderBy is null && query.Return is null or ReturnTree
            ? (int)Math.Min((long)(query.Skip ?? 0) + EffectiveLimit, int.MaxValue)
            : null;

    /// <summary>The ids at the anchor step's distance from these starts along the chain's edges (only edges: no entity is read).</summary>
    private async Task<HashSet<string>> AnchorsReachingAsync(HashSet<string> starts)
    {
        var ids = starts;
        for (var step = 0; step < plan.AnchorStep && ids.Count > 0; step++)
        {
            // The planned hop walks from step + 1 to step; this walks it the other way.
            var hop = plan.Hops.Single(h => h.FromStep == step + 1 && h.ToStep == step);
            var direction = hop.Direction.Reverse();
            var edges = await source.EdgesAsync(ids, hop.Verbs, direction, ct).ConfigureAwait(false);
            ids = FarEnds(edges, ids, hop.Verbs, direction);
            EnsureWithinLimit(ids.Count);
        }
        return ids;
    }

    /// <summary>The other ends of the edges that fit the verbs and leave <paramref name="ids"/> in <paramref name="direction"/>.</summary>
    private static HashSet<string> FarEnds(IReadOnlyList<Relationship> edges, HashSet<string> ids, VerbSelector verbs, EdgeDirection direction)
    {
        var far = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            if (!verbs.Matches(edge.Class))
            {
                continue;
            }
            if (direction != EdgeDirection.Incoming && ids.Contains(edge.FromId))
            {
                far.Add(edge.ToId);
            }
            if (direction != EdgeDirection.Outgoing && ids.Contains(edge.ToId))
            {
                far.Add(edge.FromId);
            }
        }
        return far;
    }

    private List<MatchedPath> Where(List<MatchedPath> paths) =>
        query.Where is { } where ? [.. paths.Where(p => FilterEvaluator.Matches(where, alias => EntityAt(p, alias), now))] : paths;

    /// <summary>The anchor step's matches (found, re-checked, negations applied), one path each.</summary>
    private async Task<List<MatchedPath>> AnchorPathsAsync()
    {
        var stepCount = plan.Steps.Count;
        var anchor = plan.Steps[plan.AnchorStep];
        var anchorFilter = Bind(anchor.Step.Filter);
        var found = startIds is null
            ? await source.FindAsync(anchor.Step.Target, anchorFilter, AnchorLimit(), ct).ConfigureAwait(false)
            : await source.GetAsync(startIds, ct).ConfigureAwait(false);
        EnsureWithinLimit(found.Count);

        var matcher = MatcherFor(anchor.Step, anchorFilter);
        var candidates = new List<Entity>(found.Count);
        entities.EnsureCapacity(found.Count);
        foreach (var entity in found)
        {
            // Re-checked here so that a source filtering loosely cannot widen the answer.
            if (matcher(entity) && entities.TryAdd(entity.Id, entity))
            {
                candidates.Add(entity);
            }
        }
        var allowed = await ApplyNegationsAsync(anchor, candidates.Select(e => e.Id)).ConfigureAwait(false);
        var paths = new List<MatchedPath>(candidates.Count);
        foreach (var entity in candidates)
        {
            if (allowed is null || allowed.Contains(entity.Id))
            {
                var bound = new Entity?[stepCount];
                bound[plan.AnchorStep] = entity;
                paths.Add(new MatchedPath(bound, new Relationship?[stepCount - 1]));
            }
        }
        return paths;
    }

    /// <summary>Every hop of the plan from these anchor paths.</summary>
    private async Task<List<MatchedPath>> TakeHopsAsync(List<MatchedPath> paths)
    {
        // A read ahead left by an earlier chunk that ran out of paths belongs to other ids.
        prefetched = null;
        for (var h = 0; h < plan.Hops.Count; h++)
        {
            if (paths.Count == 0)
            {
                break;
            }
            paths = await TakeHopAsync(paths, plan.Hops[h], h + 1 < plan.Hops.Count ? plan.Hops[h + 1] : null).ConfigureAwait(false);
        }
        return paths;
    }

    // Pushing LIMIT into the source is only sound when nothing after the first step can drop or reorder entities.
    private int AnchorLimit()
    {
        var simple = plan.Steps.Count == 1 && plan.Steps[0].Negations.Count == 0 && query.Where is null
            && query.OrderBy is null && query.Return is not ReturnItems;
        return simple
            ? (int)Math.Min((long)(query.Skip ?? 0) + EffectiveLimit, limits.MaxIntermediateResults + 1L)
            : limits.MaxIntermediateResults + 1;
    }

    private int EffectiveLimit => limits.LimitOf(query);

    private async Task<List<MatchedPath>> TakeHopAsync(List<MatchedPath> paths, PlannedHop hop, PlannedHop? next)
    {
        var frontier = new HashSet<string>(paths.Count, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            frontier.Add(path.Entities[hop.FromStep]!.Id);
        }
        var adjacency = await AdjacentAsync(frontier, hop.Verbs, hop.Direction, ReadsAhead(hop, next) ? next : null).ConfigureAwait(false);

        // The far ends that exist and fit the step, then its negations.
        var step = plan.Steps[hop.ToStep];
        var matcher = MatcherFor(step.Step, Bind(step.Step.Filter));
        var reachable = new Dictionary<string, Entity>(adjacency.OtherIds.Count, StringComparer.Ordinal);
        foreach (var id in adjacency.OtherIds)
        {
            if (entities.TryGetValue(id, out var entity) && matcher(entity))
            {
                reachable.Add(id, entity);
            }
        }
        if (await ApplyNegationsAsync(step, reachable.Keys).ConfigureAwait(false) is { } allowed)
        {
            foreach (var id in reachable.Keys.Where(id => !allowed.Contains(id)).ToList())
            {
                reachable.Remove(id);
            }
        }

        var extended = new List<MatchedPath>(paths.Count);
        foreach (var path in paths)
        {
            for (var i = adjacency.First(path.Entities[hop.FromStep]!.Id); i >= 0; i = adjacency.Next(i))
            {
                var (edge, otherId) = adjacency[i];
                if (reachable.TryGetValue(otherId, out var other))
                {
                    extended.Add(path.Extend(hop, edge, other));
                    EnsureWithinLimit(extended.Count);
                }
            }
        }
        return extended;
    }

    /// <summary>
    /// A hop landing on a step without WITH filter and without negations keeps (nearly) every far end, so the next hop's
    /// edges can be asked for all of them while their entities are fetched, and the entities at those edges' far ends as
    /// soon as the edges come: the next hop then waits for no round trip of its own. It keeps only the edges of the ends
    /// that really made it (see <see cref="AdjacentAsync"/>). Two source calls are then in flight at once.
    /// </summary>
    private bool ReadsAhead(PlannedHop hop, PlannedHop? next) =>
        next is not null && next.FromStep == hop.ToStep && plan.Steps[hop.ToStep].Step.Filter is null && plan.Steps[hop.ToStep].Negations.Count == 0;

    /// <summary>
    /// One EdgesAsync call and one GetAsync call for all known ids: for each known id, the edges that fit the
    /// verbs and direction and the entity at their other end (fetched into the cache). With <paramref name="readAhead"/>,
    /// the edges of that next hop are asked for every far end at the same time as their entities.
    /// </summary>
    private async Task<Adjacency> AdjacentAsync(HashSet<string> known, VerbSelector verbs, EdgeDirection direction, PlannedHop? readAhead = null)
    {
        if (known.Count == 0)
        {
            return new Adjacency(0);
        }
        // Edges read ahead were asked for a superset of the known ids; only those touching a known id are kept below.
        IReadOnlyList<Relationship> edges;
        Task<IReadOnlyList<Entity>>? prefetchedFar = null;
        if (prefetched is { } ahead && ahead.Verbs == verbs && ahead.Direction == direction)
        {
            edges = await ahead.Answer.Edges.ConfigureAwait(false);
            prefetchedFar = ahead.Answer.FarEntities;
        }
        else
        {
            edges = await source.EdgesAsync(known, verbs, direction, ct).ConfigureAwait(false);
        }
        prefetched = null;
        var adjacency = new Adjacency(edges.Count);
        var touching = 0;
        foreach (var edge in edges)
        {
            if (!verbs.Matches(edge.Class))
            {
                continue;
            }
            var count = adjacency.Count;
            if (direction != EdgeDirection.Incoming && known.Contains(edge.FromId))
            {
                adjacency.Add(edge.FromId, edge, edge.ToId);
            }
            // A self-loop already counted as outgoing is the same match; do not count it twice.
            if (direction != EdgeDirection.Outgoing && known.Contains(edge.ToId) && !(direction == EdgeDirection.Either && edge.FromId == edge.ToId))
            {
                adjacency.Add(edge.ToId, edge, edge.FromId);
            }
            if (adjacency.Count > count)
            {
                touching++;
            }
        }
        EnsureWithinLimit(touching);
        if (readAhead is not null && adjacency.OtherIds.Count > 0)
        {
            var nextEdges = source.EdgesAsync(adjacency.OtherIds, readAhead.Verbs, readAhead.Direction, ct);
            var next = new ReadAhead(nextEdges, FarEntitiesAsync(nextEdges, adjacency.OtherIds, readAhead));
            Observe(next.Edges);
            Observe(next.FarEntities);
            prefetched = (readAhead.Verbs, readAhead.Direction, next);
        }
        if (prefetchedFar is { } far)
        {
            // This hop's far ends, fetched by the read ahead as soon as its edges came (some may already be known).
            var fetched = await far.ConfigureAwait(false);
            entities.EnsureCapacity(entities.Count + fetched.Count);
            foreach (var entity in fetched)
            {
                entities.TryAdd(entity.Id, entity);
            }
            EnsureWithinLimit(entities.Count);
        }

        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in adjacency.OtherIds)
        {
            if (!entities.ContainsKey(id))
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            entities.EnsureCapacity(entities.Count + missing.Count);
            foreach (var entity in await source.GetAsync(missing, ct).ConfigureAwait(false))
            {
                entities.TryAdd(entity.Id, entity);
            }
            EnsureWithinLimit(entities.Count);
        }
        return adjacency;
    }

    /// <summary>A read ahead in flight: the next hop's edges of a superset of its frontier, and the entities at their far ends.</summary>
    private sealed record ReadAhead(Task<IReadOnlyList<Relationship>> Edges, Task<IReadOnlyList<Entity>> FarEntities);

    // A read ahead that is not used (no path left, or the query stopped) must not leave an unobserved failure behind.
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// The entities at the far ends of read-ahead edges, asked for as soon as the edges come. Runs while the executor
    /// goes on, so it touches none of the executor's state: entities already known may be fetched again; the next
    /// <see cref="AdjacentAsync"/> merges them.
    /// </summary>
    private async Task<IReadOnlyList<Entity>> FarEntitiesAsync(Task<IReadOnlyList<Relationship>> edgesTask, HashSet<string> ids, PlannedHop next)
    {
        var far = FarEnds(await edgesTask.ConfigureAwait(false), ids, next.Verbs, next.Direction);
        EnsureWithinLimit(far.Count);
        return far.Count == 0 ? [] : await source.GetAsync(far, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The ids that have no edge (per <c>!THAT</c>) to an entity matching the negated step, or null when the step has
    /// no negation (everything is allowed; no copy is made).
    /// </summary>
    private async Task<HashSet<string>?> ApplyNegationsAsync(PlannedStep step, IEnumerable<string> ids)
    {
        if (step.Negations.Count == 0)
        {
            return null;
        }
        var allowed = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var negation in step.Negations)
        {
            if (allowed.Count == 0)
            {
                break;
            }
            var matcher = MatcherFor(negation.Target, Bind(negation.Target.Filter));
            var adjacency = await AdjacentAsync(allowed, negation.Verbs, negation.Direction).ConfigureAwait(false);
            foreach (var id in adjacency.KnownIds)
            {
                for (var i = adjacency.First(id); i >= 0; i = adjacency.Next(i))
                {
                    if (entities.TryGetValue(adjacency[i].OtherId, out var other) && matcher(other))
                    {
                        allowed.Remove(id);
                        break;
                    }
                }
            }
        }
        return allowed;
    }

    /// <summary>
    /// The edges found for a set of known ids, per known id in the order the source gave them, as linked lists over
    /// one list (a hop over 10,000 paths allocates no list per entity).
    /// </summary>
    private sealed class Adjacency(int capacity)
    {
        private readonly Dictionary<string, (int First, int Last)> ends = new(capacity, StringComparer.Ordinal);
        private readonly List<(Relationship Edge, string OtherId)> items = new(capacity);
        private readonly List<int> next = new(capacity);

        /// <summary>The distinct far ends.</summary>
        public HashSet<string> OtherIds { get; } = new(capacity, StringComparer.Ordinal);

        public IReadOnlyCollection<string> KnownIds => ends.Keys;

        public int Count => items.Count;

        public (Relationship Edge, string OtherId) this[int index] => items[index];

        /// <summary>The first neighbour of <paramref name="knownId"/>, or -1.</summary>
        public int First(string knownId) => ends.TryGetValue(knownId, out var range) ? range.First : -1;

        /// <summary>The neighbour after <paramref name="index"/> of the same known id, or -1.</summary>
        public int Next(int index) => next[index];

        public void Add(string knownId, Relationship edge, string otherId)
        {
            var index = items.Count;
            items.Add((edge, otherId));
            next.Add(-1);
            OtherIds.Add(otherId);
            ref var range = ref CollectionsMarshal.GetValueRefOrAddDefault(ends, knownId, out var existed);
            if (existed)
            {
                next[range.Last] = index;
                range.Last = index;
            }
            else
            {
                range = (index, index);
            }
        }
    }

    private Filter? Bind(Filter? filter) => filter is null ? null : RelativeDateBinder.Bind(filter, now);

    // A step's filter meets thousands of entities: compile it once per query; test the target first.
    private Func<Entity, bool> MatcherFor(EntityStep step, Filter? boundFilter)
    {
        var target = step.Target;
        if (boundFilter is null)
        {
            return entity => target.Matches(entity.Class, entity.Type);
        }
        var compiled = Compiled(boundFilter);
        return entity => target.Matches(entity.Class, entity.Type) && compiled.Matches(entity);
    }

    private CompiledFilter Compiled(Filter filter)
    {
        if (!compiledFilters.TryGetValue(filter, out var compiled))
            compiledFilters[filter] = compiled = CompiledFilter.Compile(filter, now);
        return compiled;
    }

    private void EnsureWithinLimit(int count)
    {
        if (count > limits.MaxIntermediateResults)
        {
            throw new IntermediateLimitReached();
        }
    }

    private Entity? EntityAt(MatchedPath path, string? alias)
    {
        var step = alias is null ? 0 : stepOfAlias.GetValueOrDefault(alias, -1);
        return step >= 0 ? path.Entities[step] : null;
    }

    private PropertyValue? ValueAt(MatchedPath path, PropertyRef property) =>
        EntityAt(path, property.Alias) is { } entity && entity.TryGetProperty(property.Name, out var value) ? value : null;

    // ---- result shapes ---------------------------------------------------------------------

    /// <summary>The starting entities in match order, then ORDER BY, SKIP and LIMIT.</summary>
    private List<Entity> SelectStarts(List<MatchedPath> paths)
    {
        IEnumerable<Entity> starts = paths.Select(p => p.Entities[0]!).DistinctBy(e => e.Id, StringComparer.Ordinal);
        if (query.OrderBy is { } order)
        {
            starts = starts.OrderBy(e => e.TryGetProperty(order.Property.Name, out var v) ? v : null, new PropertyValueOrder(order.Descending));
        }
        return [.. starts.Skip(query.Skip ?? 0).Take(EffectiveLimit)];
    }

    private TreeResult BuildTree(List<MatchedPath> paths)
    {
        var starts = SelectStarts(paths);
        // The paths of each selected start, in match order (one pass; the other paths are skipped).
        var slotOfStart = new Dictionary<string, int>(starts.Count, StringComparer.Ordinal);
        var pathsByStart = new List<MatchedPath>[starts.Count];
        for (var i = 0; i < starts.Count; i++)
        {
            slotOfStart[starts[i].Id] = i;
            pathsByStart[i] = [];
        }
        foreach (var path in paths)
        {
            if (slotOfStart.TryGetValue(path.Entities[0]!.Id, out var slot))
            {
                pathsByStart[slot].Add(path);
            }
        }
        var vertices = new List<Entity>();
        var edges = new List<Relationship>();
        var seenVertices = new HashSet<string>(StringComparer.Ordinal);
        var seenEdges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var startPaths in pathsByStart)
        {
            foreach (var path in startPaths)
            {
                for (var i = 0; i < path.Entities.Length; i++)
                {
                    var vertex = path.Entities[i]!;
                    if (seenVertices.Add(vertex.Id))
                    {
                        vertices.Add(vertex);
                    }
                    if (i < path.Edges.Length && seenEdges.Add(path.Edges[i]!.Id))
                    {
                        edges.Add(path.Edges[i]!);
                    }
                }
            }
        }
        return new TreeResult(vertices.ToEquatableArray(), edges.ToEquatableArray());
    }

    private EquatableArray<TableRow> BuildTable(List<MatchedPath> paths, EquatableArray<ReturnItem> items)
    {
        var aggregating = items.Any(i => i is AggregateItem);
        var rows = new List<(TableRow Row, MatchedPath? Representative)>();
        if (!aggregating)
        {
            rows.AddRange(paths.Select(p => (Project(p, items, group: null), (MatchedPath?)p)));
        }
        else
        {
            var groups = paths.GroupBy(p => Project(p, items.Where(i => i is not AggregateItem).ToEquatableArray(), group: null)).ToList();
            if (groups.Count == 0 && items.All(i => i is AggregateItem))
            {
                // COUNT over nothing is one row saying 0, as in SQL.
                rows.Add((Project(null, items, group: []), null));
            }
            rows.AddRange(groups.Select(g => (Project(g.First(), items, group: [.. g]), (MatchedPath?)g.First())));
        }

        IEnumerable<(TableRow Row, MatchedPath? Representative)> ordered = rows;
        if (query.Unique)
        {
            ordered = ordered.DistinctBy(r => r.Row);
        }
        if (query.OrderBy is { } order)
        {
            ordered = ordered.OrderBy(r => r.Representative is null ? null : ValueAt(r.Representative, order.Property), new PropertyValueOrder(order.Descending));
        }
        return ordered.Skip(query.Skip ?? 0).Take(EffectiveLimit).Select(r => r.Row).ToEquatableArray();
    }

    /// <summary>One row: plain items from <paramref name="path"/>, aggregates over <paramref name="group"/>.</summary>
    private TableRow Project(MatchedPath? path, EquatableArray<ReturnItem> items, IReadOnlyList<MatchedPath>? group)
    {
        var columns = new List<TableColumn>();
        foreach (var item in items)
        {
            switch (item)
            {
                case PropertyItem p:
                    Add(p.Label ?? $"{p.Alias}.{p.Property}", new ValueCell(path is null ? null : ValueAt(path, new PropertyRef(p.Alias, p.Property))));
                    break;
                case EntityItem e when path is not null && EntityAt(path, e.Alias) is { } entity:
                    Add(e.Alias, new EntityCell(entity));
                    break;
                case AllPropertiesItem all when path is not null && EntityAt(path, all.Alias) is { } entity:
                    foreach (var meta in (string[])["_id", "_key", "_class", "_type", "displayName"])
                    {
                        entity.TryGetProperty(meta, out var value);
                        Add($"{all.Alias}.{meta}", new ValueCell(value));
                    }
                    foreach (var (name, value) in entity.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        Add($"{all.Alias}.{name}", new ValueCell(value));
                    }
                    break;
                case AggregateItem a when group is not null:
                    Add(a.Label ?? AggregateColumn(a), new ValueCell(Aggregate(a, group)));
                    break;
            }
        }
        return new TableRow(columns.ToEquatableArray());

        void Add(string name, TableCell cell)
        {
            // The first column of a name wins; JSON objects cannot hold the same key twice.
            if (columns.All(c => c.Name != name))
            {
                columns.Add(new TableColumn(name, cell));
            }
        }
    }

    private static string AggregateColumn(AggregateItem a) =>
        $"{a.Function.ToString().ToUpperInvariant()}({a.Alias}{(a.Property is null ? "" : "." + a.Property)})";

    /// <summary>Aggregates count each distinct entity of the alias once, however many paths reach it.</summary>
    private PropertyValue? Aggregate(AggregateItem item, IReadOnlyList<MatchedPath> group)
    {
        var members = group.Select(p => EntityAt(p, item.Alias)).OfType<Entity>().DistinctBy(e => e.Id).ToList();
        if (item.Function == AggregateFunction.Count)
        {
            return new NumberValue(members.Count);
        }
        var values = members.Select(e => e.TryGetProperty(item.Property!, out var v) ? v : null).OfType<PropertyValue>().ToList();
        var numbers = values.OfType<NumberValue>().Select(n => n.Value).ToList();
        return item.Function switch
        {
            AggregateFunction.Min => values.Count == 0 ? null : values.Min(PropertyValueOrder.Ascending),
            AggregateFunction.Max => values.Count == 0 ? null : values.Max(PropertyValueOrder.Ascending),
            AggregateFunction.Sum => new NumberValue(numbers.Sum()),
            AggregateFunction.Avg => numbers.Count == 0 ? null : new NumberValue(numbers.Average()),
            _ => null,
        };
    }
}
