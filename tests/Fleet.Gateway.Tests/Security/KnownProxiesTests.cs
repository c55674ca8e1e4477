using System.Net;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Security;

/// <summary>
/// A gateway behind a reverse proxy (Fleet:Gateway:KnownProxies). The tests play the proxy from 127.0.0.1, the only
/// address they can connect from, and name the clients behind it in X-Forwarded-For.
/// </summary>
public sealed class KnownProxiesTests
{
    private const string Unknown = "fleet_not-a-key";
    private const string AnyAccount = "/api/v1/accounts/acc_00000000000000000000000000000000";

    // Proves the failed-key limiter counts each client behind a known proxy on its own: twenty bad keys from one client
    // lock that client out, and another client's valid key through the same proxy still works.
    [Fact]
    public async Task Bad_keys_from_one_client_behind_the_proxy_do_not_lock_out_another()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path,
            new Dictionary<string, string> { ["Fleet:Gateway:KnownProxies:0"] = "127.0.0.1" });
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Behind a proxy");

        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var guess = await SendAsync(gateway, Unknown, forwardedFor: "203.0.113.7");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }
        using var guesserAgain = await SendAsync(gateway, Unknown, forwardedFor: "203.0.113.7");
        using var colleague = await SendAsync(gateway, account.ApiKey, forwardedFor: "198.51.100.20", path: $"/api/v1/accounts/{account.Id}");

        Assert.Equal(HttpStatusCode.TooManyRequests, guesserAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
    }

    // Proves X-Forwarded-For is ignored from an address that is not a listed proxy (loopback included, which ASP.NET
    // would trust by default): a guesser cannot escape the limiter by naming a new address on every request.
    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path,
            new Dictionary<string, string> { ["Fleet:Gateway:KnownProxies:0"] = "192.0.2.10" });

        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var guess = await SendAsync(gateway, Unknown, forwardedFor: $"203.0.113.{attempt + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }
        using var freshDisguise = await SendAsync(gateway, GatewayProcess.OperatorKey, forwardedFor: "203.0.113.200");

        Assert.Equal(HttpStatusCode.TooManyRequests, freshDisguise.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayProcess gateway, string key, string forwardedFor, string path = AnyAccount)
    {
        using var client = gateway.CreateClient(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
