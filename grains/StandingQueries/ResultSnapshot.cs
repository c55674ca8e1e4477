using System.Security.Cryptography;
using System.Text;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.StandingQueries;

/// <summary>
/// The items of a query result by id, each with its JSON (as docs/query-language.md shows it): entities of a list,
/// vertices of a tree, rows of a table (a row's id is a hash of its content). Diffing two snapshots gives what
/// entered and what left the result.
/// </summary>
public sealed class ResultSnapshot
{
    public static ResultSnapshot Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), 0);

    private ResultSnapshot(IReadOnlyDictionary<string, string> items, int count)
    {
        Items = items;
        Count = count;
    }

    /// <summary>Item id → item JSON, in result order.</summary>
    public IReadOnlyDictionary<string, string> Items { get; }

    /// <summary>
    /// What an alert condition counts: entities of a list, rows of a table, and for a tree the vertices of the
    /// starting class (e.g. the persons of <c>FIND Person THAT OWNS … RETURN TREE</c>).
    /// </summary>
    public int Count { get; }

    public IEnumerable<string> Ids => Items.Keys;

    /// <summary>The snapshot of a result; null for a failure (a failed run tells nothing about what changed).</summary>
    public static ResultSnapshot? Of(QueryResult result, TargetSelector? start = null)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (result)
        {
            case ListResult list:
                foreach (var entity in list.Entities)
                    items.TryAdd(entity.Id, EntityJson.ToJson(entity));
                return new ResultSnapshot(items, items.Count);
            case TreeResult tree:
                var count = 0;
                foreach (var vertex in tree.Vertices)
                {
                    if (items.TryAdd(vertex.Id, EntityJson.ToJson(vertex)) && (start is null || start.Matches(vertex.Class, vertex.Type)))
                        count++;
                }
                return new ResultSnapshot(items, count);
            case TableResult table:
                foreach (var row in table.Rows)
                {
                    var json = QueryResultJson.ToJson(new TableResult(new[] { row }.ToEquatableArray()));
                    items.TryAdd("row-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)).AsSpan(0, 12)), RowJson(json));
                }
                return new ResultSnapshot(items, table.Rows.Count);
            default:
                return null;
        }
    }

    /// <summary>A snapshot holding only ids (what an alert rule keeps in storage).</summary>
    public static ResultSnapshot OfIds(IEnumerable<string> ids)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
            items.TryAdd(id, "");
        return new ResultSnapshot(items, items.Count);
    }

    /// <summary>
    /// This snapshot of entities with <paramref name="added"/> entering and <paramref name="removedIds"/> leaving (an
    /// incremental step of a one-step query), and that difference as <see cref="DiffTo"/> would name it.
    /// </summary>
    public (ResultSnapshot Next, ResultDiff Diff) Apply(IReadOnlyCollection<Entity> added, IReadOnlyCollection<string> removedIds)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(removedIds);
        var items = new Dictionary<string, string>(Items, StringComparer.Ordinal);
        var removed = new List<string>(removedIds.Count);
        foreach (var id in removedIds)
        {
            if (items.Remove(id))
                removed.Add(id);
        }
        var addedJson = new List<string>(added.Count);
        foreach (var entity in added)
        {
            var json = EntityJson.ToJson(entity);
            if (items.TryAdd(entity.Id, json))
                addedJson.Add(json);
        }
        // An id that left and came back within one step did not change the result's ids.
        var back = removed.Intersect(added.Select(e => e.Id), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        if (back.Count > 0)
        {
            removed.RemoveAll(back.Contains);
            addedJson = [.. added.Where(e => !back.Contains(e.Id)).Select(e => items[e.Id])];
        }
        return (new ResultSnapshot(items, items.Count), new ResultDiff(addedJson, removed));
    }

    /// <summary>Items in <paramref name="next"/> but not here (their JSON), and ids here but not in <paramref name="next"/>.</summary>
    public ResultDiff DiffTo(ResultSnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var added = next.Items.Where(i => !Items.ContainsKey(i.Key)).Select(i => i.Value).ToList();
        var removed = Items.Keys.Where(id => !next.Items.ContainsKey(id)).ToList();
        return new ResultDiff(added, removed);
    }

    // {"type":"table","data":[ROW]} → ROW
    private static string RowJson(string tableJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(tableJson);
        return document.RootElement.GetProperty("data")[0].GetRawText();
    }
}

/// <summary>What entered a result (item JSON) and what left it (ids).</summary>
public sealed record ResultDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0;
}
