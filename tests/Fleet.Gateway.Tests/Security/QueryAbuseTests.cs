using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fleet.Gateway.Tests.Security;

/// <summary>
/// Abusive J1QL on <c>POST /api/v1/query</c>: refused with a clear 400/413/422 problem, never a hang. The bound is the
/// client's timeout (30 s), not a timing assertion.
/// </summary>
public sealed class QueryAbuseTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>
{
    public static TheoryData<string, string> Abuse() => new()
    {
        { "100 hops", "FIND Person" + string.Concat(Enumerable.Repeat(" THAT RELATES TO *", 100)) },
        { "a huge LIMIT", "FIND * LIMIT 2000000000" },
        { "a LIMIT beyond 64 bits", "FIND * LIMIT 99999999999999999999999999" },
        { "10,000 nested parentheses", "FIND * WITH " + new string('(', 10_000) + "a = 1" + new string(')', 10_000) },
        { "unbalanced nested parentheses", "FIND * WITH " + new string('(', 10_000) + "a = 1" },
        { "a 1 MB query", "FIND * WITH displayName = '" + new string('x', 1024 * 1024) + "'" },
        { "a 1 MB chain of ORs", "FIND * WITH " + string.Join(" OR ", Enumerable.Repeat("a = 1", 1024 * 1024 / 10)) },
    };

    // Proves each abusive query gets a problem answer (what was wrong) well within the client's timeout, and the gateway stays up.
    [Theory]
    [MemberData(nameof(Abuse))]
    public async Task An_abusive_query_is_refused_with_a_clear_error(string what, string query)
    {
        using var client = fixture.Gateway.CreateClient(fixture.B.ApiKey);
        client.Timeout = TimeSpan.FromSeconds(30);

        using var response = await client.PostAsJsonAsync("/api/v1/query", new { query });

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity,
            $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.RootElement.GetProperty("title").GetString()));
        using var health = await fixture.Gateway.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
