using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Fleet.Gateway.Tests.Invites;

/// <summary>A gateway whose invites live one millisecond (Fleet:Invites:Lifetime), so a code is expired by the time it is used.</summary>
public sealed class InviteExpiryTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path, new Dictionary<string, string> { ["Fleet:Invites:Lifetime"] = "00:00:00.001" });

    // Proves an expired invite is refused with FAILED_PRECONDITION, says when it expired, and enrolls nothing.
    [Fact]
    public async Task An_expired_invite_is_failed_precondition_and_enrolls_nothing()
    {
        var account = await _gateway.CreateOperatorClient().CreateAccountAsync("Expiring");
        var api = _gateway.CreateClient(account.ApiKey);
        var invite = (await api.InviteAsync("late@acme.test")).Single();
        using var agent = new AgentClient(_gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => agent.EnrollAsync(invite.Code, AgentClient.Facts("m-late")));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("expired", error.Status.Detail);
        Assert.Contains("\"status\":\"expired\"", await api.GetStringAsync("/api/v1/invites"));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
