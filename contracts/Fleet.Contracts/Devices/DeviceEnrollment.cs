using Fleet.Compliance.Facts;

namespace Fleet.Contracts.Devices;

/// <summary>
/// What the enrolment path knows about a new (or re-enrolling) device: the account and person from
/// the redeemed invite, the SHA-256 hex of the agent token it issued, and the first facts.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceEnrollment")]
public sealed record DeviceEnrollment(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string PersonEmail,
    [property: Id(2)] string AgentTokenHash,
    [property: Id(3)] DeviceFacts Facts,
    [property: Id(4)] string? PersonName = null);

/// <summary>The enrolled device. <see cref="Reenrolled"/> is true when the device existed (same machine) and got a new token.</summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceEnrollmentResult")]
public sealed record DeviceEnrollmentResult(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string PersonId,
    [property: Id(2)] bool Reenrolled,
    [property: Id(3)] long PolicyVersion);
