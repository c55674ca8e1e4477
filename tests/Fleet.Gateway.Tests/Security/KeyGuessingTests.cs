using System.Net;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.Security;

public sealed class KeyGuessingTests
{
    // Proves guessing keys is rate limited per client address: after the allowed failures every keyed request
    // from that address gets 429 with Retry-After, even one with a valid key, until the window ends.
    [Fact]
    public async Task After_too_many_unknown_keys_an_address_is_refused_with_429()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path,
            new Dictionary<string, string> { ["Fleet:Security:AuthFailuresPerMinute"] = "5" });

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var guess = await gateway.CreateClient($"fleet_guess-{attempt}").GetAsync("/api/v1/accounts/acc_00000000000000000000000000000000");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var blocked = await gateway.CreateClient("fleet_guess-6").GetAsync("/api/v1/accounts/acc_00000000000000000000000000000000");
        using var blockedEvenWithTheRightKey = await gateway.CreateOperatorClient().GetAsync("/api/v1/accounts/acc_00000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, blockedEvenWithTheRightKey.StatusCode);
    }

    // Proves agents' own tokens on the gRPC port never count as failed API keys: many agents behind one address
    // (one office NAT, or the demo's simulated fleet on loopback) must not lock that address out of the dashboard.
    [Fact]
    public async Task Agents_connecting_do_not_count_as_failed_key_guesses()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path,
            new Dictionary<string, string> { ["Fleet:Security:AuthFailuresPerMinute"] = "2" });
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Office");
        using var agents = new Agents.AgentClient(gateway);
        for (var i = 0; i < 4; i++)
        {
            var invite = (await gateway.CreateClient(account.ApiKey).InviteAsync($"user{i}@office.test")).Single();
            var enrolled = await agents.EnrollAsync(invite.Code, Agents.AgentClient.Facts(Guid.NewGuid().ToString("N")));
            await using var session = await agents.ConnectAsync(enrolled.AgentToken);
            await session.SendReportAsync(Agents.AgentClient.Report(1, Agents.AgentClient.Facts(Guid.NewGuid().ToString("N"))));
            await session.AckAsync(1);
        }

        using var dashboardRead = await gateway.CreateClient(account.ApiKey).GetAsync($"/api/v1/accounts/{account.Id}");

        Assert.Equal(HttpStatusCode.OK, dashboardRead.StatusCode);
    }
}
