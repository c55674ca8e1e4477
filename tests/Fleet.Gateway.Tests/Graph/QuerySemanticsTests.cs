using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Fleet.Gateway.Tests.Graph.GraphApi;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>J1QL semantics end to end: POST /graph into the embedded gateway's silo, POST /query back out.</summary>
public sealed class QuerySemanticsTests(GraphQueryFixture fixture) : IClassFixture<GraphQueryFixture>
{
    private Task<JsonElement> QueryAsync(string query) => fixture.A.QueryAsync(query);

    // The first seed question: owners of non-compliant laptops, with the path that makes them so.
    [Fact]
    public async Task Seed_question_one_finds_the_owners_of_non_compliant_devices_as_a_tree()
    {
        var tree = await QueryAsync("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE");

        Assert.Equal("tree", tree.GetProperty("type").GetString());
        Assert.Equal(["Ann", "Bob", "agent d2", "agent d3", "ann-linux", "bob-win"], Names(tree));
        Assert.Equal(["Ann OWNS ann-linux", "Bob OWNS bob-win", "agent d2 MONITORS ann-linux", "agent d3 MONITORS bob-win"], Edges(tree));
    }

    // The second seed question: non-compliant agents whose owner can reach AWS (Bob reaches only GitHub).
    [Fact]
    public async Task Seed_question_two_finds_non_compliant_agents_of_people_assigned_aws_as_a_tree()
    {
        var tree = await QueryAsync(
            "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN TREE");

        Assert.Equal(["Amazon Web Services", "Ann", "agent d2", "ann (okta)", "ann-linux"], Names(tree));
        Assert.Equal(["Ann IS ann (okta)", "Ann OWNS ann-linux", "agent d2 MONITORS ann-linux", "ann (okta) ASSIGNED Amazon Web Services"], Edges(tree));
    }

    [Theory]
    [InlineData("screenLockTimeout = 600", "bob-win")]
    [InlineData("screenLockTimeout != 600", "ann-linux,ann-mac,cat-mac,spare")]
    [InlineData("screenLockTimeout > 600", "ann-linux,cat-mac")]
    [InlineData("screenLockTimeout >= 600", "ann-linux,bob-win,cat-mac")]
    [InlineData("screenLockTimeout < 600", "ann-mac")]
    [InlineData("screenLockTimeout <= 600", "ann-mac,bob-win")]
    [InlineData("displayName ~= 'mac'", "ann-mac,cat-mac")]
    [InlineData("displayName ^= 'ann'", "ann-linux,ann-mac")]
    [InlineData("displayName $= 'linux'", "ann-linux")]
    [InlineData("displayName !~= 'mac'", "ann-linux,bob-win,spare")]
    [InlineData("displayName !^= 'ann'", "bob-win,cat-mac,spare")]
    [InlineData("displayName !$= 'linux'", "ann-mac,bob-win,cat-mac,spare")]
    [InlineData("platform = ('darwin' OR 'win32')", "ann-mac,bob-win,cat-mac")]
    [InlineData("platform != ('darwin' OR 'linux')", "bob-win")]
    [InlineData("encrypted = true AND screenLockTimeout > 300", "bob-win")]
    [InlineData("encrypted = false OR (platform = 'darwin' AND screenLockTimeout > 600)", "ann-linux,cat-mac")]
    public async Task Each_operator_filters_devices_as_j1ql_defines(string filter, string expected)
    {
        var list = await QueryAsync($"FIND Device WITH {filter}");

        Assert.Equal(expected.Split(','), Names(list));
    }

    // undefined means absent; an absent property satisfies every != (cat-mac and spare have no 'encrypted').
    [Theory]
    [InlineData("encrypted = undefined", "cat-mac,spare")]
    [InlineData("encrypted != undefined", "ann-linux,ann-mac,bob-win")]
    [InlineData("encrypted != true", "ann-linux,cat-mac,spare")]
    [InlineData("encrypted = true", "ann-mac,bob-win")]
    public async Task Undefined_and_not_equal_follow_the_absent_property_rules(string filter, string expected)
    {
        Assert.Equal(expected.Split(','), Names(await QueryAsync($"FIND Device WITH {filter}")));
    }

    [Theory]
    [InlineData("FIND Person !THAT OWNS Device", "Dan")]
    [InlineData("FIND Device !THAT MONITORS HostAgent", "spare")]
    [InlineData("FIND Person THAT !OWNS Device WITH platform = 'darwin'", "Bob,Dan")]
    public async Task A_negated_traversal_keeps_the_entities_without_such_a_relationship(string query, string expected)
    {
        Assert.Equal(expected.Split(','), Names(await QueryAsync(query)));
    }

    [Theory]
    [InlineData("FIND Person THAT OWNS >> Device", "Ann,Bob,Cat")]
    [InlineData("FIND Person THAT OWNS << Device", "")]
    [InlineData("FIND Device THAT OWNS << Person", "ann-linux,ann-mac,bob-win,cat-mac")]
    [InlineData("FIND Device THAT OWNS Person", "ann-linux,ann-mac,bob-win,cat-mac")]
    [InlineData("FIND User THAT IS Person THAT OWNS Device THAT MONITORS HostAgent WITH status = 'NUDGE'", "cat (okta)")]
    public async Task Direction_and_multiple_hops_follow_the_arrows(string query, string expected)
    {
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), Names(await QueryAsync(query)));
    }

    [Fact]
    public async Task Aliases_and_where_compare_across_steps_and_return_a_table()
    {
        var table = await QueryAsync("FIND Person AS p THAT OWNS Device AS d WHERE d.platform = 'darwin' RETURN p.name, d.displayName AS \"device\" ORDER BY d.displayName");

        Assert.Equal("""{"type":"table","data":[{"p.name":"Ann","device":"ann-mac"},{"p.name":"Cat","device":"cat-mac"}]}""", Compact(table));
    }

    [Fact]
    public async Task Aggregates_group_by_the_other_items()
    {
        var table = await QueryAsync("FIND Person AS p THAT OWNS Device AS d RETURN p.name, COUNT(d), MAX(d.screenLockTimeout) AS longest ORDER BY p.name");

        Assert.Equal("""{"type":"table","data":[{"p.name":"Ann","COUNT(d)":2,"longest":900},{"p.name":"Bob","COUNT(d)":1,"longest":600},{"p.name":"Cat","COUNT(d)":1,"longest":1200}]}""",
            Compact(table));
    }

    [Fact]
    public async Task Unique_removes_duplicate_rows()
    {
        var all = await QueryAsync("FIND Person AS p THAT OWNS Device AS d RETURN p.department ORDER BY p.department");
        var unique = await QueryAsync("FIND UNIQUE Person AS p THAT OWNS Device AS d RETURN p.department ORDER BY p.department");

        Assert.Equal(4, all.GetProperty("data").GetArrayLength());
        Assert.Equal("""{"type":"table","data":[{"p.department":"eng"},{"p.department":"sales"},{"p.department":null}]}""", Compact(unique));
    }

    [Fact]
    public async Task Order_skip_and_limit_apply_to_the_starting_entities()
    {
        var list = await QueryAsync("FIND Device WITH screenLockTimeout > 0 ORDER BY screenLockTimeout DESC SKIP 1 LIMIT 2");

        Assert.Equal(["ann-linux", "bob-win"], list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("entity").GetProperty("displayName").GetString()));
    }

    [Fact]
    public async Task A_list_result_carries_the_id_the_meta_fields_and_the_properties()
    {
        var list = await QueryAsync("FIND Application WITH shortName = 'aws'");

        var item = Assert.Single(list.GetProperty("data").EnumerateArray());
        var id = item.GetProperty("id").GetString()!;
        Assert.Equal("list", list.GetProperty("type").GetString());
        Assert.Equal($$"""{"_id":"{{id}}","_key":"app:aws","_class":"Application","_type":"okta_application","displayName":"Amazon Web Services"}""",
            Compact(item.GetProperty("entity")));
        Assert.Equal("""{"shortName":"aws"}""", Compact(item.GetProperty("properties")));
    }

    [Fact]
    public async Task A_tree_result_links_edges_to_vertex_ids_and_carries_the_verb()
    {
        var tree = await QueryAsync("FIND Person WITH name = 'Cat' THAT IS User RETURN TREE");

        var data = tree.GetProperty("data");
        var vertexIds = data.GetProperty("vertices").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToHashSet();
        var edge = Assert.Single(data.GetProperty("edges").EnumerateArray());
        Assert.Contains(edge.GetProperty("fromVertexId").GetString(), vertexIds);
        Assert.Contains(edge.GetProperty("toVertexId").GetString(), vertexIds);
        Assert.Equal("IS", edge.GetProperty("relationship").GetProperty("_class").GetString());
        Assert.Equal(edge.GetProperty("id").GetString(), edge.GetProperty("relationship").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Types_and_any_targets_reach_every_matching_class()
    {
        Assert.Equal(["ann (okta)", "bob (okta)", "cat (okta)"], Names(await QueryAsync("FIND okta_user")));
        Assert.Equal(["Amazon Web Services", "ann (okta)"], Names(await QueryAsync("FIND * WITH email = 'ann@acme.test' AND _class != 'Person' OR shortName = 'aws'")));
        Assert.Equal(["GitHub", "bob-win"], Names(await QueryAsync("FIND (Device|okta_application) WITH platform = 'win32' OR shortName = 'github'")));
    }

    // A query never crosses accounts: the account comes from the key and is part of every partition key.
    [Fact]
    public async Task Another_accounts_key_sees_none_of_this_accounts_entities()
    {
        var query = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE";

        var seenByB = await fixture.B.QueryAsync(query);
        var everythingB = await fixture.B.QueryAsync("FIND *");

        Assert.Equal(6, Names(await QueryAsync(query)).Count);
        Assert.Empty(Names(seenByB));
        Assert.Equal(["Globex"], Names(everythingB));   // B's own Account entity, nothing of A's
    }

    [Fact]
    public async Task The_fixture_write_reports_what_it_created()
    {
        Assert.Equal("""{"created":18,"updated":0,"deleted":0,"relationshipsCreated":15,"relationshipsDeleted":0}""", Compact(fixture.SeedAnswer));
    }

    [Fact]
    public async Task A_syntax_error_is_400_problem_json_with_line_column_and_expected()
    {
        using var response = await fixture.A.PostAsJsonAsync("/api/v1/query", new { query = "FIND Person\nTHAT" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal(5, problem.GetProperty("column").GetInt32());
        Assert.Contains("a verb, e.g. OWNS", problem.GetProperty("expected").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_refused_as_a_syntax_error()
    {
        using var response = await fixture.A.PostAsJsonAsync("/api/v1/query", new { query = "FIND Device LIMIT 1000000" });

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((1, 19), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32()));
        Assert.Contains("10000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Query_and_graph_need_an_account_key()
    {
        using var anonymous = fixture.Gateway.CreateClient();
        using var query = await anonymous.PostAsJsonAsync("/api/v1/query", new { query = "FIND *" });
        using var operatorQuery = await fixture.Gateway.CreateOperatorClient().PostAsJsonAsync("/api/v1/query", new { query = "FIND *" });
        using var graph = await anonymous.PostAsJsonAsync("/api/v1/graph", new { entities = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, graph.StatusCode);
    }
}
