using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>A gateway whose queries may hold at most 3 intermediate results, with account A holding the fixture graph.</summary>
public sealed class SmallQueryLimitsFixture : IAsyncLifetime
{
    private readonly TempDirectory data = new();
    public GatewayProcess Gateway { get; private set; } = null!;
    public HttpClient A { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string>
        {
            ["Fleet:Query:MaxIntermediateResults"] = "3",
        });
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Acme");
        A = Gateway.CreateClient(account.ApiKey);
        await A.PostGraphAsync(GraphApi.FixtureGraph());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        data.Dispose();
    }
}

public sealed class QueryFailureAnswerTests(SmallQueryLimitsFixture fixture) : IClassFixture<SmallQueryLimitsFixture>
{
    // Proves a query that grows too large is a 422 problem naming the failure kind as the REST API always has.
    [Fact]
    public async Task A_query_past_the_intermediate_limit_is_422_problem_json_with_its_kind()
    {
        using var response = await fixture.A.PostAsJsonAsync("/api/v1/query", new { query = "FIND *" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The query grew too large", problem.GetProperty("title").GetString());
        Assert.Equal("tooManyIntermediateResults", problem.GetProperty("kind").GetString());
        Assert.Contains("more than 3 entities or paths", problem.GetProperty("detail").GetString());
    }

    // Proves a query within the limit still answers its result.
    [Fact]
    public async Task A_query_within_the_limit_answers_its_result()
    {
        using var response = await fixture.A.PostAsJsonAsync("/api/v1/query", new { query = "FIND Person WITH email = 'nobody@acme.test'" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":"list","data":[]}""", await response.Content.ReadAsStringAsync());
    }
}
