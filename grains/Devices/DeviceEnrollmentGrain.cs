using System.Runtime.ExceptionServices;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Persons;
using Fleet.Grains.GrainReferences;
using Orleans.Concurrency;

namespace Fleet.Grains.Devices;

/// <summary>
/// Many enrolments at once (<see cref="IDeviceEnrollmentGrain"/>). A directory partition adds one member per write, one
/// write at a time: thousands of devices enrolling together would queue behind the 64 partitions of each kind. So the
/// devices and their persons are listed first, one write per partition; each device's own <see cref="IDeviceGrain.Enroll"/>
/// (<see cref="Parallelism"/> at a time) then finds itself listed (no write) and is left with its person's and its own state. Listing before the state is the
/// order the device grain keeps too: a listed member never stored reads as missing and is skipped.
/// </summary>
[StatelessWorker]
public sealed class DeviceEnrollmentGrain : Grain, IDeviceEnrollmentGrain
{
    /// <summary>Enrolments in flight per call at most (each also projects the device into the graph, which must keep up).</summary>
    public const int Parallelism = 64;

    public async Task<IReadOnlyList<DeviceEnrollmentResult>> EnrollAll(IReadOnlyList<DeviceEnrollmentRequest> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        foreach (var device in devices)
        {
            if (!DeviceIds.IsWellFormed(device.DeviceId)) throw new ArgumentException($"'{device.DeviceId}' is not a device id.", nameof(devices));
            if (!AccountIds.IsWellFormed(device.Enrollment.AccountId)) throw new ArgumentException($"'{device.Enrollment.AccountId}' is not an account id.", nameof(devices));
            if (string.IsNullOrWhiteSpace(device.Enrollment.PersonEmail)) throw new ArgumentException("An enrolment needs the person's e-mail.", nameof(devices));
        }

        // No account lists another account's device, not even for a moment (Enroll refuses it later, after the listing).
        var deviceGrains = new GrainReferenceMaker<IDeviceGrain>(GrainFactory);
        var owners = await Task.WhenAll(devices.Select(d => deviceGrains.Get(d.DeviceId).GetAccountId()));
        for (var i = 0; i < devices.Count; i++)
        {
            if (owners[i] is { } owner && owner != devices[i].Enrollment.AccountId)
                throw new InvalidOperationException($"Device {devices[i].DeviceId} belongs to another account.");
        }

        var members = devices.Select(d => new Member(d.Enrollment.AccountId, MemberKind.Device, d.DeviceId))
            .Concat(devices.Select(d => new Member(d.Enrollment.AccountId, MemberKind.Person,
                PersonIds.For(d.Enrollment.AccountId, PersonIds.NormalizeEmail(d.Enrollment.PersonEmail)))));
        await Task.WhenAll(members
            .GroupBy(m => (m.AccountId, m.Kind, Partition: AccountMembers.PartitionOf(m.Id)))
            .Select(g => GrainFactory.Partition(g.Key.AccountId, g.Key.Kind, g.Key.Partition).AddAll([.. g.Select(m => m.Id)])));

        // As many lanes as the policy fan-out keeps calls in flight, each enrolling its share of the devices in turn.
        var results = new DeviceEnrollmentResult[devices.Count];
        var errors = new Exception?[devices.Count];
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Parallelism, devices.Count)).Select(async lane =>
        {
            for (var i = lane; i < devices.Count; i += Parallelism)
            {
                try { results[i] = await deviceGrains.Get(devices[i].DeviceId).Enroll(devices[i].Enrollment); }
                catch (Exception ex) { errors[i] = ex; }
            }
        }));
        if (errors.FirstOrDefault(e => e is not null) is { } first) ExceptionDispatchInfo.Throw(first);
        return results;
    }

    private sealed record Member(string AccountId, MemberKind Kind, string Id);
}
