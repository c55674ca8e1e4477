using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Accounts;

public sealed class AccountApiTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    private GatewayProcess Gateway => fixture.Gateway;

    // Proves an account is created by the operator and comes back with a key that is not shown again.
    [Fact]
    public async Task Operator_creates_an_account_and_reads_it_back_without_its_key()
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Globex");

        var read = await Gateway.CreateOperatorClient().GetStringAsync($"/api/v1/accounts/{account.Id}");

        Assert.StartsWith("fleet_", account.ApiKey);
        Assert.Contains("\"Globex\"", read);
        Assert.DoesNotContain(account.ApiKey, read);
        Assert.DoesNotContain("apiKey", read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("op_wrong-key")]
    [InlineData("fleet_not-a-real-account-key")]
    public async Task Creating_an_account_without_the_operator_key_is_401_problem_json_and_stores_nothing(string? key)
    {
        var before = await fixture.StoredGrainStatesAsync();
        using var client = Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts") { Content = JsonContent.Create(new { name = "Intruder" }) };
        if (key is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await fixture.StoredGrainStatesAsync());
    }

    // Proves an account key cannot do the operator's job.
    [Fact]
    public async Task Creating_an_account_with_an_account_key_is_403()
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Initech");

        using var response = await Gateway.CreateClient(account.ApiKey).PostAsJsonAsync("/api/v1/accounts", new { name = "Sub" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task Malformed_json_is_400_problem_json_saying_where_and_stores_nothing(string body)
    {
        var before = await fixture.StoredGrainStatesAsync();

        using var response = await Gateway.CreateOperatorClient().PostAsync("/api/v1/accounts", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.StoredGrainStatesAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\":\"   \"}")]
    public async Task An_account_without_a_name_is_400_with_the_field_named(string body)
    {
        using var response = await Gateway.CreateOperatorClient().PostAsync("/api/v1/accounts", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    // Proves one account's key learns nothing about another account: the answer is the same as for a missing id.
    [Fact]
    public async Task Reading_another_accounts_id_with_an_account_key_is_404()
    {
        var mine = await Gateway.CreateOperatorClient().CreateAccountAsync("Mine");
        var theirs = await Gateway.CreateOperatorClient().CreateAccountAsync("Theirs");

        using var response = await Gateway.CreateClient(mine.ApiKey).GetAsync($"/api/v1/accounts/{theirs.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Theirs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_and_readiness_answer_without_a_key()
    {
        using var client = Gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }
}
