using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Fleet.Gateway.Tests.Graph.GraphApi;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>POST /graph: validation (all or nothing), counts, updates and deletions seen by the next query.</summary>
public sealed class GraphWriteApiTests(GraphQueryFixture fixture) : IClassFixture<GraphQueryFixture>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("/api/v1/graph", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    // Every problem is listed with the item's index and field, and a refused request writes nothing at all.
    [Fact]
    public async Task Every_bad_item_is_listed_by_index_and_field_and_nothing_is_written()
    {
        var client = await fixture.NewAccountClientAsync("Validation");
        var (status, problem) = await PostRawAsync(client, """
            { "entities": [
                { "_key": "ok:1", "_class": "Widget", "_type": "widget", "displayName": "fine" },
                { "_key": "", "_class": "widget", "_type": "Widget", "properties": { "nested": { "a": 1 }, "mixed": ["a", 1], "_class": "X" } },
                { "_key": "ok:1", "_class": "Widget", "_type": "widget", "_id": "chosen" } ],
              "relationships": [ { "_class": "owns", "from": "ok:1", "to": "nowhere" } ],
              "deleteEntities": [ 42 ],
              "extra": true }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["deleteEntities[0]", "entities[1]._class", "entities[1]._key", "entities[1]._type", "entities[1].properties._class",
             "entities[1].properties.mixed", "entities[1].properties.nested", "entities[2]._id", "extra", "relationships[0]._class"],
            errors);
        Assert.Empty(Names(await client.QueryAsync("FIND * WITH _class != 'Account'")));   // the account's own entity is all there is
    }

    // A relationship to a key that exists nowhere is refused by the silo, which has the stored graph; still all or nothing.
    [Fact]
    public async Task A_relationship_to_an_unknown_key_refuses_the_whole_request()
    {
        var client = await fixture.NewAccountClientAsync("Dangling");
        var (status, problem) = await PostRawAsync(client, JsonSerializer.Serialize(new
        {
            entities = new[] { Entity("w:1", "Widget", "widget", "one") },
            relationships = new[] { Edge("w:1", "USES", "w:404") },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("w:404", problem.GetProperty("errors").GetProperty("relationships[0].to")[0].GetString());
        Assert.Empty(Names(await client.QueryAsync("FIND Widget")));
    }

    [Fact]
    public async Task A_key_keeps_its_class()
    {
        var client = await fixture.NewAccountClientAsync("Classes");
        await client.PostGraphAsync(new { entities = new[] { Entity("x:1", "Widget", "widget", "one") } });

        var (status, problem) = await PostRawAsync(client, JsonSerializer.Serialize(new { entities = new[] { Entity("x:1", "Gadget", "gadget", "one") } }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already belongs to a Widget", problem.GetProperty("errors").GetProperty("entities[0]._class")[0].GetString());
    }

    [Fact]
    public async Task More_than_ten_thousand_items_are_refused()
    {
        var client = await fixture.NewAccountClientAsync("Big");
        var keys = Enumerable.Range(0, 10_001).Select(i => $"k:{i}").ToArray();

        var (status, problem) = await PostRawAsync(client, JsonSerializer.Serialize(new { deleteEntities = keys }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("deleteEntities", out _));
    }

    [Fact]
    public async Task Invalid_json_is_a_400_problem()
    {
        var client = await fixture.NewAccountClientAsync("Json");
        using var response = await client.PostAsync("/api/v1/graph", new StringContent("{\"entities\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // The next query sees a change: an agent turning compliant leaves the seed question's answer.
    [Fact]
    public async Task An_update_is_visible_to_the_next_query_and_counts_as_updated()
    {
        var client = await fixture.NewAccountClientAsync("Changes");
        await client.PostGraphAsync(FixtureGraph());
        const string question = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE";

        var answer = await client.PostGraphAsync(new { entities = new[] { Entity("agent:d3", "HostAgent", "fleet_agent", "agent d3", new { compliant = true, status = "PASS" }) } });

        Assert.Equal("""{"created":0,"updated":1,"deleted":0,"relationshipsCreated":0,"relationshipsDeleted":0}""", Compact(answer));
        Assert.Equal(["Ann", "agent d2", "ann-linux"], Names(await client.QueryAsync(question)));
    }

    [Fact]
    public async Task Deleting_relationships_and_entities_is_visible_to_the_next_query()
    {
        var client = await fixture.NewAccountClientAsync("Deletes");
        await client.PostGraphAsync(FixtureGraph());

        var answer = await client.PostGraphAsync(new
        {
            deleteRelationships = new[] { new { _class = "ASSIGNED", from = "okta:cat", to = "app:aws" } },
            deleteEntities = new[] { "device:d2", "never:existed" },
        });

        Assert.Equal("""{"created":0,"updated":0,"deleted":1,"relationshipsCreated":0,"relationshipsDeleted":3}""", Compact(answer));
        Assert.Equal(["ann (okta)"], Names(await client.QueryAsync("FIND User THAT ASSIGNED Application WITH shortName = 'aws'")));
        Assert.Equal(["ann-mac"], Names(await client.QueryAsync("FIND Device THAT OWNS Person WITH name = 'Ann'")));
        Assert.Empty(Names(await client.QueryAsync("FIND HostAgent WITH compliant = false THAT MONITORS Device THAT OWNS Person WITH name = 'Ann'")));
    }

    [Fact]
    public async Task Writing_the_same_graph_again_updates_and_creates_nothing()
    {
        var client = await fixture.NewAccountClientAsync("Idempotent");
        await client.PostGraphAsync(FixtureGraph());

        var again = await client.PostGraphAsync(FixtureGraph());

        Assert.Equal("""{"created":0,"updated":18,"deleted":0,"relationshipsCreated":0,"relationshipsDeleted":0}""", Compact(again));
        Assert.Equal(18, Names(await client.QueryAsync("FIND * WITH _class != 'Account' LIMIT 1000")).Count);
    }
}
