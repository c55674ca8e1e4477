using Fleet.Gateway.Tests.Infrastructure;
using static Fleet.Gateway.Tests.Graph.GraphApi;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>The graph in the embedded gateway's SQLite file outlives the process.</summary>
public sealed class GraphPersistenceTests
{
    [Fact]
    public async Task After_a_gateway_restart_the_graph_answers_the_same_from_its_stored_rows()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Durable");
        var client = gateway.CreateClient(account.ApiKey);
        await client.PostGraphAsync(FixtureGraph());
        const string question = "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN TREE";
        var before = await client.QueryAsync(question);

        await gateway.RestartAsync();
        var after = await gateway.CreateClient(account.ApiKey).QueryAsync(question);

        Assert.Equal(["Amazon Web Services", "Ann", "agent d2", "ann (okta)", "ann-linux"], Names(after));
        Assert.Equal(Compact(before), Compact(after));
    }
}
