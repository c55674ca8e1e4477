using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using MimeKit;

namespace Fleet.Gateway.Tests.Invites;

/// <summary>POST/GET /api/v1/invites on an embedded gateway without SMTP: mail goes to the outbox folder.</summary>
public sealed class InviteApiTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // Proves one invite per distinct address, each with a fresh code, a 7-day expiry and an e-mail in the outbox.
    [Fact]
    public async Task Inviting_addresses_returns_one_code_each_and_writes_each_mail_to_the_outbox()
    {
        var account = await fixture.CreateAccountAsync("Outbox Inc");

        var invites = await fixture.Gateway.CreateClient(account.ApiKey).InviteAsync("ann@outbox.test", "BOB@outbox.test", "Ann@Outbox.test");

        Assert.Equal(["ann@outbox.test", "bob@outbox.test"], invites.Select(i => i.Email));
        Assert.All(invites, i => Assert.Matches("^[A-Z2-7]{32}$", i.Code));
        Assert.NotEqual(invites[0].Code, invites[1].Code);
        Assert.All(invites, i => Assert.InRange(i.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(7)));
        Assert.All(invites, i => Assert.True(i.Mailed, i.MailError));
        foreach (var invite in invites)
        {
            var mail = OutboxMessageTo(invite.Email);
            Assert.Contains($"fleet-agent enroll --server {fixture.Gateway.AgentAddress.ToString().TrimEnd('/')} --code {invite.Code}", mail.TextBody);
            Assert.Contains("/downloads/", mail.TextBody);
            Assert.Contains("Outbox Inc", mail.Subject);
        }
        Assert.DoesNotContain(invites[0].Code, fixture.Gateway.Output);
    }

    // Proves the list shows each invite's status and never its code.
    [Fact]
    public async Task The_invite_list_shows_pending_then_used_and_never_the_code()
    {
        var account = await fixture.CreateAccountAsync();
        var api = fixture.Gateway.CreateClient(account.ApiKey);
        var invite = (await api.InviteAsync("carol@acme.test")).Single();
        Assert.Equal("pending", await StatusOfAsync(api, "carol@acme.test"));

        using var agent = new AgentClient(fixture.Gateway);
        var enrolled = await agent.EnrollAsync(invite.Code, AgentClient.Facts(Guid.NewGuid().ToString("N")));

        var body = await api.GetStringAsync("/api/v1/invites");
        Assert.Equal("used", await StatusOfAsync(api, "carol@acme.test"));
        Assert.Contains(enrolled.DeviceId, body);
        Assert.DoesNotContain(invite.Code, body);
        Assert.Equal("[]", await api.GetStringAsync("/api/v1/invites?status=pending"));
    }

    // Proves every bad address is reported at once, by position, and nothing is created.
    [Fact]
    public async Task Invalid_addresses_are_400_listing_each_and_nothing_is_stored()
    {
        var account = await fixture.CreateAccountAsync();
        var before = await fixture.StoredRowsAsync();

        using var response = await fixture.Gateway.CreateClient(account.ApiKey).PostAsJsonAsync("/api/v1/invites",
            new { emails = new[] { "ok@acme.test", "not-an-address", "Ann <ann@acme.test>", "", "x@nodot" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["emails[1]", "emails[2]", "emails[3]", "emails[4]"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(before, await fixture.StoredRowsAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task Zero_or_more_than_500_addresses_are_400(int count)
    {
        var account = await fixture.CreateAccountAsync();

        using var response = await fixture.Gateway.CreateClient(account.ApiKey).PostAsJsonAsync("/api/v1/invites",
            new { emails = Enumerable.Range(0, count).Select(i => $"p{i}@acme.test").ToArray() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("emails", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invites_need_an_account_key()
    {
        using var response = await fixture.Gateway.CreateOperatorClient().PostAsJsonAsync("/api/v1/invites", new { emails = new[] { "a@acme.test" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<string> StatusOfAsync(HttpClient api, string email)
    {
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/invites");
        return list.EnumerateArray().Single(i => i.GetProperty("email").GetString() == email).GetProperty("status").GetString()!;
    }

    private MimeMessage OutboxMessageTo(string email)
    {
        var outbox = Path.Combine(fixture.DataDirectory, "outbox");
        return Directory.GetFiles(outbox, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .Single(m => m.To.Mailboxes.Any(to => to.Address == email));
    }
}
