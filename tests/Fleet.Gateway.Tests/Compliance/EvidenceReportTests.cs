using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fleet.Gateway.Tests.Accounts;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Compliance;

/// <summary>The printable evidence report and the compliance trend over real HTTP against an embedded gateway process.</summary>
public sealed class EvidenceReportTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    private const string Hostile = "<script>window.pwned=1</script><img src=x onerror=alert(1)>";

    private GatewayProcess Gateway => fixture.Gateway;

    private static Task<HttpResponseMessage> PutPolicyAsync(HttpClient client, string yaml) =>
        client.PutAsync("/api/v1/policy", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    // Proves the account's own text (its name, a hostname, a waiver's justification and check) reaches the page only
    // as text, and the page is served with a policy that runs no script even if some did not.
    [Fact]
    public async Task The_html_report_escapes_the_accounts_data_and_runs_no_script()
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Acme " + Hostile);
        using var client = Gateway.CreateClient(account.ApiKey);
        (await PutPolicyAsync(client, $"""
            firewall: ALWAYS
            waivers:
              - check: firewall
                person: ann@acme.test
                justification: '{Hostile}'
                expires: 2099-12-31
            """)).EnsureSuccessStatusCode();
        await DeviceEnrollment.EnrollAsync(Gateway, account.ApiKey, "<b>bold-host</b>", firewall: false);

        using var response = await client.GetAsync("/api/v1/evidence?format=html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none';", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.pwned=1&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;bold-host&lt;/b&gt;", html);
    }

    // Proves the report lists every policy version in force during the period with when it took over.
    [Fact]
    public async Task The_html_report_lists_the_policy_versions_in_force()
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Versions");
        using var client = Gateway.CreateClient(account.ApiKey);
        (await PutPolicyAsync(client, "firewall: ALWAYS\n")).EnsureSuccessStatusCode();
        (await PutPolicyAsync(client, "firewall: SUGGESTED\n")).EnsureSuccessStatusCode();

        var html = await client.GetStringAsync("/api/v1/evidence?format=html");

        var table = html[html.IndexOf("<table id=\"policy-versions\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("<tr><td class=\"num\">1</td>", table);
        Assert.Contains("<tr><td class=\"num\">2</td>", table);
        Assert.Contains("still in force", table);
    }

    // Proves the trend answers one entry per UTC day, today last, with today's overall value from the devices' history.
    [Fact]
    public async Task The_trend_has_one_entry_per_day_and_today_reflects_the_fleet()
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Trend");
        using var client = Gateway.CreateClient(account.ApiKey);
        (await PutPolicyAsync(client, "firewall: ALWAYS\n")).EnsureSuccessStatusCode();
        await DeviceEnrollment.EnrollAsync(Gateway, account.ApiKey, "good", firewall: true);
        await DeviceEnrollment.EnrollAsync(Gateway, account.ApiKey, "bad", firewall: false);

        var trend = await client.GetFromJsonAsync<JsonElement>("/api/v1/evidence/trend?days=7");

        var days = trend.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), days[^1].GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Null, days[0].GetProperty("percentCompliant").ValueKind);
        Assert.InRange(days[^1].GetProperty("percentCompliant").GetDouble(), 1, 99);   // one of two devices compliant since enrolment
        Assert.Equal(["firewall"], trend.GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("days=0")]
    [InlineData("days=367")]
    [InlineData("days=ten")]
    public async Task A_bad_trend_period_is_400(string query)
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Bad trend");
        using var client = Gateway.CreateClient(account.ApiKey);

        using var response = await client.GetAsync("/api/v1/evidence/trend?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
