using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;

namespace Fleet.Contracts.Devices;

/// <summary>
/// One device as its grain holds it. <see cref="Status"/> is null until the first evaluation
/// (enrolment evaluates the initial facts, so normally never null after enrolment).
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceDetails")]
public sealed record DeviceDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string? PersonId,
    [property: Id(3)] string? PersonEmail,
    [property: Id(4)] DeviceFacts Facts,
    [property: Id(5)] ComplianceStatus? Status,
    [property: Id(6)] bool Compliant,
    [property: Id(7)] IReadOnlyList<CheckResult> Checks,
    [property: Id(8)] bool Online,
    [property: Id(9)] DateTimeOffset? LastSeenOn,
    [property: Id(10)] DateTimeOffset? LastReportOn,
    [property: Id(11)] long LastSequence,
    [property: Id(12)] long PolicyVersion,
    [property: Id(13)] DateTimeOffset EnrolledOn,
    [property: Id(14)] DateTimeOffset? StatusChangedOn)
{
    public string AgentVersion => Facts.AgentVersion;
}
