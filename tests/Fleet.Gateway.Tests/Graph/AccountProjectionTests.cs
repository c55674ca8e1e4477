using Fleet.Gateway.Tests.Faults;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>docs/graph.md through the real gateway: the account is an entity of its own graph and HAS its persons and devices.</summary>
public sealed class AccountProjectionTests
{
    [Fact]
    public async Task An_account_is_in_its_graph_with_its_policy_version_and_has_its_enrolled_devices_and_their_owners()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var (account, devices) = await FaultApi.EnrollDevicesAsync(gateway, "Acme", 2);
        var api = gateway.CreateClient(account.ApiKey);

        var accounts = await api.QueryAsync("FIND Account AS a RETURN a.name, a.policyVersion");
        var owned = await api.QueryAsync("FIND Account THAT HAS Device AS d RETURN d.deviceId");
        var people = await api.QueryAsync("FIND Account THAT HAS Person AS p RETURN p.email");

        Assert.Equal("""[{"a.name":"Acme","a.policyVersion":1}]""", accounts.GetProperty("data").GetRawText());
        Assert.Equal(devices.Select(d => d.DeviceId).Order(StringComparer.Ordinal),
            owned.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("d.deviceId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(["person0@acme.test", "person1@acme.test"],
            people.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("p.email").GetString()!).Order(StringComparer.Ordinal));
    }
}
