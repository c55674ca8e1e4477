using System.Net;
using Fleet.Gateway.Tests.Infrastructure;

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
}
