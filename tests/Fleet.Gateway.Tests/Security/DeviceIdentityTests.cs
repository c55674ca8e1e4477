using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Invites;
using Grpc.Core;

namespace Fleet.Gateway.Tests.Security;

/// <summary>A device is one machine of one person (docs/security.md, Device identity and enrollment), through a real gateway.</summary>
public sealed class DeviceIdentityTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // Proves another person's invite plus a victim's machine id (world-readable on Linux) enrolls a new device of that person:
    // the victim's device, facts and token are untouched.
    [Fact]
    public async Task Another_person_presenting_a_victims_machine_id_gets_a_device_of_their_own()
    {
        var victim = await fixture.EnrollAsync(email: "ann@acme.test");
        var api = fixture.Gateway.CreateClient(victim.Account.ApiKey);
        var invite = (await api.InviteAsync("mallory@acme.test")).Single();
        using var client = new AgentClient(fixture.Gateway);

        var attacker = await client.EnrollAsync(invite.Code, AgentClient.Facts(victim.MachineId, hostname: "laundered", firewall: true));

        Assert.NotEqual(victim.DeviceId, attacker.DeviceId);
        var device = await api.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{victim.DeviceId}");
        Assert.Equal(("ann-laptop", "ann@acme.test"),
            (device.GetProperty("device").GetProperty("hostname").GetString(), device.GetProperty("device").GetProperty("person").GetString()));
        await using var stream = await client.ConnectAsync(victim.Token);
        await stream.NextAsync(ServerMessage.BodyOneofCase.Policy);
    }

    // Proves an invite is single-use: the same machine presenting it again is refused, and its token stays the device's token.
    [Fact]
    public async Task An_invite_enrolls_once_even_from_the_same_machine()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync(agent.Code, agent.Facts()));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("already used", error.Status.Detail);
        await using var stream = await client.ConnectAsync(agent.Token);
        await stream.NextAsync(ServerMessage.BodyOneofCase.Policy);
    }
}
