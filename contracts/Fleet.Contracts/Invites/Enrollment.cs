using Fleet.Compliance.Facts;

namespace Fleet.Contracts.Invites;

/// <summary>What an agent sends to enroll: its facts, and the hash of the token the gateway generated for it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.EnrollmentRequest")]
public sealed record EnrollmentRequest(
    [property: Id(0)] DeviceFacts Facts,
    [property: Id(1)] string TokenHash);

/// <summary>The outcome of redeeming an invite: a value, mapped once to a gRPC status at the edge.</summary>
[GenerateSerializer, Immutable, Alias("fleet.Enrollment")]
public sealed record Enrollment(
    [property: Id(0)] EnrollmentOutcome Outcome,
    [property: Id(1)] string? AccountId = null,
    [property: Id(2)] string? DeviceId = null,
    [property: Id(3)] DateTimeOffset? ExpiredOn = null,
    [property: Id(4)] bool Reenrolled = false);

[GenerateSerializer]
public enum EnrollmentOutcome
{
    Enrolled = 0,
    /// <summary>No invite has this code.</summary>
    UnknownCode = 1,
    /// <summary>The invite expired before it was used.</summary>
    Expired = 2,
    /// <summary>The invite was already used: an invite enrolls once.</summary>
    AlreadyUsed = 3,
}
