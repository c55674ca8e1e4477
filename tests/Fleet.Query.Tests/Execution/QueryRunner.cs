using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Execution;

/// <summary>Parses and runs a query against the fixture graph (or another source) at <see cref="FleetGraph.Now"/>.</summary>
public static class QueryRunner
{
    public static async Task<QueryResult> RunAsync(string text, IGraphSource? source = null, QueryLimits? limits = null)
    {
        limits ??= QueryLimits.Default;
        var parsed = J1qlParser.Parse(text, limits);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return await QueryExecutor.ExecuteAsync(parsed.Query, source ?? FleetGraph.Source(), FleetGraph.Now, limits, CancellationToken.None);
    }

    public static async Task<string[]> ListIdsAsync(string text, IGraphSource? source = null, QueryLimits? limits = null) =>
        [.. Assert.IsType<ListResult>(await RunAsync(text, source, limits)).Entities.Select(e => e.Id)];

    public static async Task<TableResult> TableAsync(string text) => Assert.IsType<TableResult>(await RunAsync(text));

    public static async Task<TreeResult> TreeAsync(string text) => Assert.IsType<TreeResult>(await RunAsync(text));
}
