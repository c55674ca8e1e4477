using Fleet.Compliance.Evaluation;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Persons;
using Fleet.Grains.Tests.Infrastructure;
using static Fleet.Grains.Tests.Devices.TestDevices;

namespace Fleet.Grains.Tests.Devices;

public sealed class DeviceEnrollmentGrainTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    private IClusterClient Grains => fixture.Client;

    // Proves a batch enrols every device as Enroll does: evaluated, listed with the account, linked to its person.
    [Fact]
    public async Task Enrolling_many_devices_at_once_enrols_lists_and_links_every_one()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        DeviceEnrollmentRequest[] batch =
        [
            new(DeviceIds.New(), new DeviceEnrollment(account, "ann@acme.test", "aa01", Facts())),
            new(DeviceIds.New(), new DeviceEnrollment(account, "Ann@Acme.test", "aa02", Facts(firewall: false))),
            new(DeviceIds.New(), new DeviceEnrollment(account, "bob@acme.test", "bb01", Facts())),
        ];

        var results = await Grains.GetGrain<IDeviceEnrollmentGrain>(0).EnrollAll(batch);

        Assert.Equal(batch.Select(b => b.DeviceId), results.Select(r => r.DeviceId));
        var statuses = await Task.WhenAll(batch.Select(async b => (await Grains.GetGrain<IDeviceGrain>(b.DeviceId).Get())!.Status));
        Assert.Equal([ComplianceStatus.Pass, ComplianceStatus.Fail, ComplianceStatus.Pass], statuses);
        Assert.Equal(batch.Select(b => b.DeviceId).Order(), (await Grains.ListAsync(account, MemberKind.Device)).Order());
        var ann = await Grains.GetGrain<IPersonGrain>(PersonIds.For(account, "ann@acme.test")).Get();
        Assert.Equal(new[] { batch[0].DeviceId, batch[1].DeviceId }.Order(), ann!.DeviceIds.Order());
        Assert.Equal(2, (await Grains.ListAsync(account, MemberKind.Person)).Count);
    }

    // Proves a batch naming another account's device is refused before anything is written: the account lists nothing.
    [Fact]
    public async Task A_batch_naming_another_accounts_device_is_refused_and_lists_nothing()
    {
        var (foreign, _) = await EnrollAsync(Grains, await CreateAccountAsync(Grains), Facts());
        var account = await CreateAccountAsync(Grains);
        DeviceEnrollmentRequest[] batch =
        [
            new(DeviceIds.New(), new DeviceEnrollment(account, "eve@evil.test", "ee01", Facts())),
            new(foreign, new DeviceEnrollment(account, "eve@evil.test", "ee02", Facts())),
        ];

        await Assert.ThrowsAsync<InvalidOperationException>(() => Grains.GetGrain<IDeviceEnrollmentGrain>(0).EnrollAll(batch));

        Assert.Empty(await Grains.ListAsync(account, MemberKind.Device));
        Assert.Empty(await Grains.ListAsync(account, MemberKind.Person));
    }
}
