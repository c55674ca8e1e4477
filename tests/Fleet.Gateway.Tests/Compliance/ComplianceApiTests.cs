using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fleet.Gateway.Tests.Accounts;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Compliance;

/// <summary>Policy, settings, devices and evidence over real HTTP against an embedded gateway process.</summary>
public sealed class ComplianceApiTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    private GatewayProcess Gateway => fixture.Gateway;

    private async Task<(CreatedAccount Account, HttpClient Client)> NewAccountAsync()
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync("Acme " + Guid.NewGuid().ToString("N")[..6]);
        return (account, Gateway.CreateClient(account.ApiKey));
    }

    private static Task<HttpResponseMessage> PutPolicyAsync(HttpClient client, string text, string contentType) =>
        client.PutAsync("/api/v1/policy", new StringContent(text, Encoding.UTF8, contentType));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    // Proves an invalid policy is refused whole, with the exact position of the problem, and nothing is stored.
    [Fact]
    public async Task A_bad_policy_is_400_with_the_line_and_column_and_stores_nothing()
    {
        var (_, client) = await NewAccountAsync();

        using var response = await PutPolicyAsync(client, "firewall: ALWAYS\ndiskEncryption: SOMETIMES\n", "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((2, 17), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Contains("SOMETIMES", error.GetProperty("message").GetString());
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/v1/policy");
        Assert.Equal(0, stored.GetProperty("version").GetInt64());
    }

    // Proves a key Fleet does not know (a newer Stethoscope's, say) is a warning with its position beside a 200, not a refusal.
    [Fact]
    public async Task An_unknown_key_is_stored_without_it_and_warned_about_with_line_and_column()
    {
        var (_, client) = await NewAccountAsync();

        using var response = await PutPolicyAsync(client, "firewall: ALWAYS\nbrowserExtensions: NEVER\n", "application/yaml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        var warning = body.GetProperty("warnings").EnumerateArray().Single();
        Assert.Equal((2, 1), (warning.GetProperty("line").GetInt32(), warning.GetProperty("column").GetInt32()));
        Assert.Contains("browserExtensions", warning.GetProperty("message").GetString());
    }

    // Proves ?strict=true turns the same unknown key into a 400 that stores nothing.
    [Fact]
    public async Task An_unknown_key_in_strict_mode_is_400_and_stores_nothing()
    {
        var (_, client) = await NewAccountAsync();

        using var response = await client.PutAsync("/api/v1/policy?strict=true", new StringContent("firewall: ALWAYS\nbrowserExtensions: NEVER\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((2, 1), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/policy")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Each_new_policy_increments_the_version_and_reads_back_as_written()
    {
        var (_, client) = await NewAccountAsync();

        using var first = await PutPolicyAsync(client, "firewall: ALWAYS\n", "application/yaml");
        using var second = await PutPolicyAsync(client, "{\"firewall\": \"SUGGESTED\"}", "application/json");

        Assert.Equal(1, (await JsonAsync(first)).GetProperty("version").GetInt64());
        Assert.Equal(2, (await JsonAsync(second)).GetProperty("version").GetInt64());
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/v1/policy");
        Assert.Equal((2L, "{\"firewall\": \"SUGGESTED\"}", "json"),
            (stored.GetProperty("version").GetInt64(), stored.GetProperty("policy").GetString(), stored.GetProperty("format").GetString()));
    }

    [Fact]
    public async Task A_policy_in_an_unsupported_media_type_is_415()
    {
        var (_, client) = await NewAccountAsync();

        using var response = await PutPolicyAsync(client, "firewall: ALWAYS", "application/xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Settings_start_at_their_defaults_and_out_of_range_values_are_400_per_field()
    {
        var (_, client) = await NewAccountAsync();
        var defaults = await client.GetFromJsonAsync<JsonElement>("/api/v1/settings");
        Assert.Equal((3600, 180), (defaults.GetProperty("scanIntervalSeconds").GetInt32(), defaults.GetProperty("offlineAfterSeconds").GetInt32()));
        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("minAgentVersion").ValueKind);

        using var bad = await client.PutAsJsonAsync("/api/v1/settings", new { scanIntervalSeconds = 5, offlineAfterSeconds = 180, minAgentVersion = "banana" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("scanIntervalSeconds", out _));
        Assert.True(errors.TryGetProperty("minAgentVersion", out _));
        Assert.False(errors.TryGetProperty("offlineAfterSeconds", out _));
        Assert.Equal(3600, (await client.GetFromJsonAsync<JsonElement>("/api/v1/settings")).GetProperty("scanIntervalSeconds").GetInt32());
    }

    [Fact]
    public async Task Valid_settings_are_stored()
    {
        var (_, client) = await NewAccountAsync();

        using var response = await client.PutAsJsonAsync("/api/v1/settings", new { scanIntervalSeconds = 600, offlineAfterSeconds = 300, minAgentVersion = "1.2.0" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/v1/settings");
        Assert.Equal((600, 300, "1.2.0"),
            (stored.GetProperty("scanIntervalSeconds").GetInt32(), stored.GetProperty("offlineAfterSeconds").GetInt32(), stored.GetProperty("minAgentVersion").GetString()));
    }

    [Theory]
    [InlineData("from=2026-01-02&to=2026-01-01")]
    [InlineData("from=yesterday&to=2026-01-01")]
    [InlineData("from=2999-01-01")]
    [InlineData("from=2026-01-01&to=2026-01-02&format=xml")]
    public async Task Evidence_with_a_bad_period_or_format_is_400(string query)
    {
        var (_, client) = await NewAccountAsync();

        using var response = await client.GetAsync("/api/v1/evidence?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Devices_are_listed_and_filtered_and_evidence_comes_as_json_and_csv()
    {
        var (account, client) = await NewAccountAsync();
        (await PutPolicyAsync(client, "firewall: ALWAYS\ndiskEncryption: ALWAYS\n", "application/yaml")).Dispose();
        var good = await DeviceEnrollment.EnrollAsync(Gateway, account.ApiKey, "alpha", firewall: true);
        var bad = await DeviceEnrollment.EnrollAsync(Gateway, account.ApiKey, "beta", firewall: false);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/devices");
        var failing = await client.GetFromJsonAsync<JsonElement>("/api/v1/devices?compliant=false");

        Assert.Equal([good, bad], all.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var only = Assert.Single(failing.GetProperty("devices").EnumerateArray());
        Assert.Equal((bad, "beta", "darwin", "15.1", "ann@acme.test", "FAIL", false),
            (only.GetProperty("id").GetString(), only.GetProperty("hostname").GetString(), only.GetProperty("platform").GetString(),
             only.GetProperty("osVersion").GetString(), only.GetProperty("person").GetString(), only.GetProperty("status").GetString(),
             only.GetProperty("compliant").GetBoolean()));

        var details = await client.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{bad}");
        var firewall = details.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("checkId").GetString() == "firewall");
        Assert.Equal("FAIL", firewall.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(firewall.GetProperty("remediation").GetProperty("directionsMarkdown").GetString()));
        Assert.Equal("off", details.GetProperty("facts").GetProperty("firewall").GetProperty("state").GetString());
        Assert.NotEmpty(details.GetProperty("history").EnumerateArray());

        var from = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        var to = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/evidence?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
        Assert.Equal(2, json.GetProperty("devices").GetArrayLength());
        var check = json.GetProperty("devices")[0].GetProperty("checks")[0];
        Assert.Equal("$status", check.GetProperty("checkId").GetString());
        Assert.True(check.TryGetProperty("percentCompliant", out _));

        using var csv = await client.GetAsync($"/api/v1/evidence?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("deviceId,checkId,percentCompliant,failures,fixes,meanTimeToFixSeconds,maxTimeToFixSeconds,lastCheckedOn,devicePercentOnline,intervals", lines[0]);
        Assert.Equal(1 + 2 * 3, lines.Length);   // per device: $status, diskEncryption, firewall
        Assert.Contains(lines, l => l.StartsWith($"{bad},firewall,0,1,0,", StringComparison.Ordinal));
    }

    // Proves evidence asked for without a period covers the 30 days up to now, and includes what happened today.
    [Fact]
    public async Task Evidence_without_a_period_covers_the_last_30_days()
    {
        var (account, client) = await NewAccountAsync();
        (await PutPolicyAsync(client, "firewall: ALWAYS\n", "application/yaml")).Dispose();
        var device = await DeviceEnrollment.EnrollAsync(Gateway, account.ApiKey, "gamma", firewall: true);
        var before = DateTimeOffset.UtcNow;

        using var response = await client.GetAsync("/api/v1/evidence");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        var from = json.GetProperty("from").GetDateTimeOffset();
        var to = json.GetProperty("to").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(30), to - from);
        Assert.InRange(to, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(device, Assert.Single(json.GetProperty("devices").EnumerateArray()).GetProperty("deviceId").GetString());
    }

    // Proves only the end may be left out: the period is then the 30 days before the given end.
    [Fact]
    public async Task Evidence_with_only_an_end_covers_the_30_days_before_it()
    {
        var (_, client) = await NewAccountAsync();

        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/evidence?to=2026-03-31");

        Assert.Equal((new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero)),
            (json.GetProperty("from").GetDateTimeOffset(), json.GetProperty("to").GetDateTimeOffset()));
    }

    // Proves a device id of another account is indistinguishable from a missing one.
    [Fact]
    public async Task Another_accounts_device_is_404_like_a_missing_one()
    {
        var (owner, _) = await NewAccountAsync();
        var (_, stranger) = await NewAccountAsync();
        var deviceId = await DeviceEnrollment.EnrollAsync(Gateway, owner.ApiKey, "private", firewall: true);

        using var other = await stranger.GetAsync($"/api/v1/devices/{deviceId}");
        using var missing = await stranger.GetAsync($"/api/v1/devices/dev_{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var missingBody = await JsonAsync(missing);
        var otherBody = await JsonAsync(other);
        Assert.Equal(missingBody.GetProperty("title").GetString(), otherBody.GetProperty("title").GetString());
        Assert.Equal(
            missingBody.GetProperty("detail").GetString()!.Replace(missing.RequestMessage!.RequestUri!.Segments[^1], "ID"),
            otherBody.GetProperty("detail").GetString()!.Replace(deviceId, "ID"));
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/v1/devices")).GetProperty("devices").EnumerateArray());
    }
}
