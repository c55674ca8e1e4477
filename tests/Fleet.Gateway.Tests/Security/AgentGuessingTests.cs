using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Grpc.Core;

namespace Fleet.Gateway.Tests.Security;

/// <summary>Guessing invite codes (Enroll) and agent tokens (Connect) is limited per client address, like API keys.</summary>
public sealed class AgentGuessingTests
{
    private const int Allowed = 5;

    // Proves invite-code guessing is limited: after the allowed unknown codes, even a valid code from that address is
    // refused with RESOURCE_EXHAUSTED (without being looked up, so it stays unused).
    [Fact]
    public async Task After_too_many_unknown_invite_codes_enroll_is_resource_exhausted()
    {
        await using var gateway = await StartAsync(out var data);
        using var _ = data;
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Guess");
        var valid = (await gateway.CreateClient(account.ApiKey).InviteAsync("ann@guess.test")).Single().Code;
        using var agent = new AgentClient(gateway);

        for (var attempt = 0; attempt < Allowed; attempt++)
        {
            var guess = await Assert.ThrowsAsync<RpcException>(() => agent.EnrollAsync(new string('A', valid.Length - 1) + (char)('B' + attempt), AgentClient.Facts("m")));
            Assert.Equal(StatusCode.NotFound, guess.StatusCode);
        }
        var blocked = await Assert.ThrowsAsync<RpcException>(() => agent.EnrollAsync(valid, AgentClient.Facts(Guid.NewGuid().ToString("N"))));

        Assert.Equal(StatusCode.ResourceExhausted, blocked.StatusCode);
        Assert.Contains("Too many", blocked.Status.Detail);
        Assert.DoesNotContain(valid, blocked.Status.Detail);
    }

    // Proves token guessing on Connect is limited: after the allowed unknown tokens, even a valid token is refused.
    [Fact]
    public async Task After_too_many_unknown_tokens_connect_is_resource_exhausted()
    {
        await using var gateway = await StartAsync(out var data);
        using var _ = data;
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Tokens");
        var code = (await gateway.CreateClient(account.ApiKey).InviteAsync("bob@guess.test")).Single().Code;
        using var agent = new AgentClient(gateway);
        var enrolled = await agent.EnrollAsync(code, AgentClient.Facts(Guid.NewGuid().ToString("N")));

        for (var attempt = 0; attempt < Allowed; attempt++)
        {
            // The server may refuse before the Hello is written: the write's own failure is not what this test is about.
            await using var guess = agent.Open(enrolled.AgentToken[..^4] + $"zz{attempt:00}");
            await guess.SendAsync(new AgentMessage { Hello = new Hello { AgentVersion = "1.0.0" } }).ContinueWith(_ => { });
            Assert.Equal(StatusCode.Unauthenticated, (await guess.EndAsync()).StatusCode);
        }
        await using var valid = agent.Open(enrolled.AgentToken);
        await valid.SendAsync(new AgentMessage { Hello = new Hello { AgentVersion = "1.0.0" } }).ContinueWith(_ => { });

        var status = await valid.EndAsync();
        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
    }

    private static Task<GatewayProcess> StartAsync(out TempDirectory data)
    {
        data = new TempDirectory();
        return GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string> { ["Fleet:Security:AgentAuthFailuresPerMinute"] = Allowed.ToString() });
    }
}
