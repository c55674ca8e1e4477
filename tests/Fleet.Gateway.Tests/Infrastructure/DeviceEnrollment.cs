using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>Sets up a device the way a real one arrives: an invite from the API, then Enroll over the agent port.</summary>
public static class DeviceEnrollment
{
    /// <summary>A macOS 15.1 laptop of ann@acme.test with disk encryption on; returns its device id.</summary>
    public static async Task<string> EnrollAsync(GatewayProcess gateway, string apiKey, string hostname, bool firewall)
    {
        var invite = (await gateway.CreateClient(apiKey).InviteAsync("ann@acme.test")).Single();
        using var agent = new AgentClient(gateway);
        var enrolled = await agent.EnrollAsync(invite.Code, new DeviceFacts
        {
            Platform = "darwin",
            OsName = "macOS",
            OsVersion = "15.1",
            Hostname = hostname,
            MachineId = "machine-" + hostname + Guid.NewGuid().ToString("N"),
            AgentVersion = "1.0.0",
            Firewall = new Fact { State = firewall ? FactState.On : FactState.Off },
            DiskEncryption = new Fact { State = FactState.On },
        });
        return enrolled.DeviceId;
    }
}
