using System.Text.Json;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using static Fleet.Query.Tests.Execution.QueryRunner;

namespace Fleet.Query.Tests.Execution;

/// <summary>Tables, aggregates, UNIQUE, ORDER/SKIP/LIMIT and the JSON of the three shapes.</summary>
public sealed class ResultShapeTests
{
    [Fact]
    public async Task Table_has_one_row_per_matched_path()
    {
        var table = await TableAsync("FIND Person AS p THAT OWNS Device AS d RETURN p.name, d.hostname");
        Assert.Equal(
            [("Ann", "ann-mac"), ("Ann", "ann-linux"), ("Bob", "bob-win"), ("Dan", "dan-mac")],
            table.Rows.Select(r => (((StringValue)r.ValueOf("p.name")!).Value, ((StringValue)r.ValueOf("d.hostname")!).Value)));
    }

    [Fact]
    public async Task UNIQUE_removes_duplicate_rows()
    {
        var table = await TableAsync("FIND UNIQUE Person AS p THAT OWNS Device RETURN p.name");
        Assert.Equal(["Ann", "Bob", "Dan"], table.Rows.Select(r => ((StringValue)r.ValueOf("p.name")!).Value));
    }

    [Fact]
    public async Task Without_UNIQUE_duplicate_rows_stay() =>
        Assert.Equal(4, (await TableAsync("FIND Person AS p THAT OWNS Device RETURN p.name")).Rows.Count);

    [Fact]
    public async Task Label_renames_the_column() =>
        Assert.Equal(new StringValue("Bob"), (await TableAsync("FIND Person WITH name = 'Bob' AS p RETURN p.name AS \"Owner\"")).Rows.Single().ValueOf("Owner"));

    [Fact]
    public async Task Absent_property_is_a_null_cell() =>
        Assert.Equal(new ValueCell(null), (await TableAsync("FIND Device WITH hostname = 'orphan' AS d RETURN d.platform")).Rows.Single()["d.platform"]);

    [Fact]
    public async Task Returning_an_alias_gives_the_whole_entity() =>
        Assert.Equal("d-bob-win", Assert.IsType<EntityCell>((await TableAsync("FIND Device WITH hostname = 'bob-win' AS d RETURN d")).Rows.Single()["d"]).Entity.Id);

    [Fact]
    public async Task Star_returns_meta_fields_and_every_property()
    {
        var row = (await TableAsync("FIND Device WITH hostname = 'bob-win' AS d RETURN d.*")).Rows.Single();
        Assert.Equal(
            ["d._id", "d._key", "d._class", "d._type", "d.displayName", "d.encrypted", "d.hostname", "d.lastSeenOn", "d.platform", "d.score"],
            row.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task COUNT_groups_by_the_other_items()
    {
        var table = await TableAsync("FIND Person AS p THAT OWNS Device AS d RETURN p.name, COUNT(d)");
        Assert.Equal([("Ann", 2.0), ("Bob", 1.0), ("Dan", 1.0)],
            table.Rows.Select(r => (((StringValue)r.ValueOf("p.name")!).Value, ((NumberValue)r.ValueOf("COUNT(d)")!).Value)));
    }

    [Fact]
    public async Task Aggregates_over_all_rows_give_one_row()
    {
        var row = (await TableAsync("FIND Device AS d RETURN COUNT(d), MIN(d.score), MAX(d.score), AVG(d.score), SUM(d.score) AS total")).Rows.Single();
        Assert.Equal(new NumberValue(5), row.ValueOf("COUNT(d)"));
        Assert.Equal(new NumberValue(1), row.ValueOf("MIN(d.score)"));
        Assert.Equal(new NumberValue(8), row.ValueOf("MAX(d.score)"));
        Assert.Equal(new NumberValue(17.0 / 4), row.ValueOf("AVG(d.score)"));
        Assert.Equal(new NumberValue(17), row.ValueOf("total"));
    }

    [Fact]
    public async Task COUNT_counts_each_entity_once_however_many_paths_reach_it() =>
        // Ann is reached through two devices.
        Assert.Equal(new NumberValue(3), (await TableAsync("FIND Person AS p THAT OWNS Device RETURN COUNT(p)")).Rows.Single().ValueOf("COUNT(p)"));

    [Fact]
    public async Task COUNT_of_nothing_is_zero() =>
        Assert.Equal(new NumberValue(0), (await TableAsync("FIND Device WITH hostname = 'none' AS d RETURN COUNT(d)")).Rows.Single().ValueOf("COUNT(d)"));

    [Fact]
    public async Task ORDER_BY_sorts_with_absent_values_last() =>
        Assert.Equal(["d-bob-win", "d-ann-mac", "d-ann-linux", "d-dan-mac", "d-orphan"], await ListIdsAsync("FIND Device AS d ORDER BY d.score DESC"));

    [Fact]
    public async Task ORDER_BY_ascending_by_default() =>
        Assert.Equal(["d-dan-mac", "d-ann-linux", "d-ann-mac", "d-bob-win", "d-orphan"], await ListIdsAsync("FIND Device ORDER BY score"));

    [Fact]
    public async Task SKIP_and_LIMIT_page_the_ordered_entities() =>
        Assert.Equal(["d-ann-mac", "d-ann-linux"], await ListIdsAsync("FIND Device AS d ORDER BY d.score DESC SKIP 1 LIMIT 2"));

    [Fact]
    public async Task ORDER_BY_in_a_table_sorts_rows_by_any_alias()
    {
        var table = await TableAsync("FIND Person AS p THAT OWNS Device AS d RETURN d.hostname ORDER BY d.hostname DESC LIMIT 2");
        Assert.Equal(["dan-mac", "bob-win"], table.Rows.Select(r => ((StringValue)r.ValueOf("d.hostname")!).Value));
    }

    [Fact]
    public async Task Default_LIMIT_applies_when_none_is_written() =>
        Assert.Equal(2, (await ListIdsAsync("FIND Device", limits: QueryLimits.Default with { DefaultLimit = 2 })).Length);

    [Fact]
    public async Task Explicit_LIMIT_above_the_default_is_honoured() =>
        Assert.Equal(5, (await ListIdsAsync("FIND Device LIMIT 5", limits: QueryLimits.Default with { DefaultLimit = 2 })).Length);

    [Fact]
    public async Task List_json_has_the_design_shape()
    {
        using var json = JsonDocument.Parse(QueryResultJson.ToJson(await RunAsync("FIND Device WITH hostname = 'bob-win'")));
        var root = json.RootElement;
        Assert.Equal("list", root.GetProperty("type").GetString());
        var item = root.GetProperty("data")[0];
        Assert.Equal("d-bob-win", item.GetProperty("id").GetString());
        Assert.Equal("Device", item.GetProperty("entity").GetProperty("_class").GetString());
        Assert.Equal("fleet_device", item.GetProperty("entity").GetProperty("_type").GetString());
        Assert.Equal("win32", item.GetProperty("properties").GetProperty("platform").GetString());
        Assert.True(item.GetProperty("properties").GetProperty("encrypted").GetBoolean());
    }

    [Fact]
    public async Task Table_json_has_one_object_per_row_keyed_by_column()
    {
        var text = QueryResultJson.ToJson(await RunAsync("FIND Device WITH hostname = 'orphan' AS d RETURN d.hostname, d.platform, COUNT(d) AS n"));
        Assert.Equal("""{"type":"table","data":[{"d.hostname":"orphan","d.platform":null,"n":1}]}""", text);
    }

    [Fact]
    public async Task Tree_json_has_vertices_and_edges()
    {
        using var json = JsonDocument.Parse(QueryResultJson.ToJson(await RunAsync("FIND Person WITH name = 'Bob' THAT OWNS Device RETURN TREE")));
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("tree", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(["p-bob", "d-bob-win"], data.GetProperty("vertices").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        var edge = data.GetProperty("edges")[0];
        Assert.Equal("p-bob", edge.GetProperty("fromVertexId").GetString());
        Assert.Equal("d-bob-win", edge.GetProperty("toVertexId").GetString());
        Assert.Equal("OWNS", edge.GetProperty("relationship").GetProperty("_class").GetString());
        Assert.Equal(JsonValueKind.Object, edge.GetProperty("properties").ValueKind);
    }

    [Fact]
    public void Failure_json_names_the_kind() =>
        Assert.Equal("""{"type":"error","error":{"kind":"timeout","message":"slow"}}""",
            QueryResultJson.ToJson(new QueryFailure(QueryFailureKind.Timeout, "slow")));
}
