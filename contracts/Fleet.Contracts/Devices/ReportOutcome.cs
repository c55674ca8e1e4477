using Fleet.Compliance.Evaluation;

namespace Fleet.Contracts.Devices;

/// <summary>How the device grain handled a report (docs/compliance-core.md).</summary>
public enum ReportDisposition
{
    /// <summary>New facts: evaluated, persisted, transitions recorded.</summary>
    Applied = 0,
    /// <summary>Same facts as the last applied report: last-seen advanced in memory, nothing written.</summary>
    Unchanged = 1,
    /// <summary>The sequence was already applied: the stored outcome is returned again, nothing re-applied.</summary>
    Duplicate = 2,
}

/// <summary>
/// The ack for one report: durable once returned. Carries the evaluated results so the agent shows
/// exactly what the server decided. For a duplicate, <see cref="Sequence"/> is the sequence asked about
/// and the results are the device's current ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.ReportOutcome")]
public sealed record ReportOutcome(
    [property: Id(0)] long Sequence,
    [property: Id(1)] ComplianceStatus Status,
    [property: Id(2)] bool Compliant,
    [property: Id(3)] IReadOnlyList<CheckResult> Checks,
    [property: Id(4)] long PolicyVersion,
    [property: Id(5)] ReportDisposition Disposition);
