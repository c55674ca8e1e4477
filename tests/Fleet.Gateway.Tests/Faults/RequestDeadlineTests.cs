using System.Net;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>
/// Cluster mode: all the grain calls of a REST request share one deadline (<c>Fleet:Gateway:RequestDeadline</c>), so a
/// request answers 503 + Retry-After in time even when each of its calls would wait its own bound in turn
/// (docs/reliability.md).
/// </summary>
public sealed class RequestDeadlineTests
{
    // The silo is frozen (SIGSTOP): still a cluster member, answering nothing. Each grain call's own bound is two minutes,
    // so without the request's 3 s deadline the request (API key, then the account's devices) waits past the client's minute.
    [Fact]
    public async Task A_request_to_a_silo_that_does_not_answer_gets_503_with_Retry_After_at_its_deadline()
    {
        await using var cluster = await ClusterTopology.StartAsync(silos: 1, gateways: 1, "request-deadline", new Dictionary<string, string>
        {
            ["Fleet:Gateway:GrainCallTimeout"] = "00:02:00",
            ["Fleet:Gateway:RequestDeadline"] = "00:00:03",
        });
        var (account, _) = await FaultApi.EnrollDevicesAsync(cluster.Gateway, "Deadline", 1);
        using var api = cluster.Gateway.CreateClient(account.ApiKey);
        api.Timeout = TimeSpan.FromMinutes(1);

        cluster.Silos[0].Freeze();
        try
        {
            using var response = await api.GetAsync("/api/v1/devices");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            cluster.Silos[0].Thaw();
        }

        Assert.Equal(HttpStatusCode.OK, await FaultApi.EventuallyAsync(async () =>
        {
            using var response = await api.GetAsync("/api/v1/devices");
            return response.EnsureSuccessStatusCode().StatusCode;
        }, TimeSpan.FromSeconds(30)));
    }
}
