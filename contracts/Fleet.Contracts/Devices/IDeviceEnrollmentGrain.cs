namespace Fleet.Contracts.Devices;

/// <summary>
/// Enrols many devices in one call (seeding a fleet, bulk imports): the account's directory rows for all of them are
/// written a partition at a time, then every device enrols as <see cref="IDeviceGrain.Enroll"/> does, many at a time, so
/// their state writes share the group commits. Stateless; any silo runs it.
/// </summary>
public interface IDeviceEnrollmentGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Enrols every device of <paramref name="devices"/> (device ids of <see cref="DeviceIds"/>); results in the same order.
    /// The devices that can enrol do even when another fails; the call then fails with the first error.
    /// </summary>
    Task<IReadOnlyList<DeviceEnrollmentResult>> EnrollAll(IReadOnlyList<DeviceEnrollmentRequest> devices);
}

/// <summary>One device of <see cref="IDeviceEnrollmentGrain.EnrollAll"/>: its id and what <see cref="IDeviceGrain.Enroll"/> takes.</summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceEnrollmentRequest")]
public sealed record DeviceEnrollmentRequest(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] DeviceEnrollment Enrollment);
