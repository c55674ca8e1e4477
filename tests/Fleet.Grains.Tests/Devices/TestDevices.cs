using Fleet.Compliance.Facts;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Persons;

namespace Fleet.Grains.Tests.Devices;

/// <summary>Accounts, policies and enrolled devices for grain tests.</summary>
public static class TestDevices
{
    public const string FirewallAndDisk = """
        firewall: ALWAYS
        diskEncryption: ALWAYS
        """;

    public static DeviceFacts Facts(bool firewall = true, bool disk = true, string hostname = "ann-laptop") => new()
    {
        Platform = Platform.Linux,
        Distro = "ubuntu",
        OsName = "Ubuntu",
        OsVersion = "24.04",
        Hostname = hostname,
        MachineId = "machine-" + hostname,
        AgentVersion = "1.0.0",
        Firewall = firewall ? Fact.On() : Fact.Off(),
        DiskEncryption = disk ? Fact.On() : Fact.Off(),
    };

    public static async Task<string> CreateAccountAsync(IGrainFactory grains, string? policy = null)
    {
        var id = AccountIds.New();
        var account = grains.GetGrain<IAccountGrain>(id);
        await account.Create("Acme");
        if (policy is not null)
        {
            var result = await account.SetPolicy(policy, "yaml");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }
        return id;
    }

    public static async Task<(string DeviceId, IDeviceGrain Device)> EnrollAsync(
        IGrainFactory grains, string accountId, DeviceFacts facts, string email = "ann@acme.test")
    {
        var deviceId = await grains.GetGrain<IMachineIdGrain>(MachineIds.GrainKey(accountId, PersonIds.For(accountId, email), facts.MachineId)).GetOrAssignDeviceId();
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        await device.Enroll(new DeviceEnrollment(accountId, email, "ab12", facts));
        return (deviceId, device);
    }
}
