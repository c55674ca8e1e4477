using Fleet.Compliance.Facts;
using Fleet.Contracts.Policy;

namespace Fleet.Contracts.Devices;

/// <summary>
/// One enrolled device: the single writer of its live compliance state (docs/graph.md, docs/compliance-core.md).
/// Keyed by the device id (<see cref="DeviceIds"/>). The ingestion path (agent stream) calls
/// <see cref="Report"/>, <see cref="Heartbeat"/> and <see cref="SetConnectivity"/>; the account
/// calls <see cref="Reevaluate"/> after a policy change.
/// </summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Enrols (or re-enrols) this device: stores the token hash and the initial facts, links the person,
    /// registers the device with its account, evaluates the facts. Idempotent for the same machine:
    /// a re-enrolment keeps the id and history and replaces the token.
    /// Throws <see cref="InvalidOperationException"/> when the device belongs to another account.
    /// </summary>
    Task<DeviceEnrollmentResult> Enroll(DeviceEnrollment enrollment);

    /// <summary>
    /// Applies one report. A sequence at or below the last applied one is acked again without re-applying;
    /// facts equal to the last applied ones cost no storage write. Returns once the outcome is durable.
    /// Throws <see cref="InvalidOperationException"/> for a device that never enrolled.
    /// </summary>
    Task<ReportOutcome> Report(long sequence, DateTimeOffset collectedAt, DeviceFacts facts);

    /// <summary>
    /// The agent stream <paramref name="connectionId"/> opened (<c>true</c>) or closed (<c>false</c>). Transitions are recorded
    /// in history. The newest opened stream is the device's current one: a close of any other stream (an agent that moved
    /// from gateway A to B, and A noticing the old stream late) is ignored. The id is unique per stream, across gateways.
    /// </summary>
    Task SetConnectivity(bool online, DateTimeOffset at, string connectionId);

    /// <summary>
    /// The agent is alive on stream <paramref name="connectionId"/>. In memory only; marks the device online again if it
    /// was offline (and that stream current).
    /// </summary>
    Task Heartbeat(DateTimeOffset at, string connectionId);

    /// <summary>Re-evaluates the stored facts against the account's policy of at least this version. Writes only if results change.</summary>
    Task Reevaluate(long policyVersion);

    /// <summary>The account's settings changed (offline timeout); called by the account's fan-out.</summary>
    Task ApplySettings(AccountSettings settings);

    /// <summary>
    /// Projects the device's stored state into the graph again. A graph partition that reloads its rows (after a crash
    /// that may have lost its unflushed changes) asks the devices it holds, so the graph agrees with them.
    /// </summary>
    [OneWay]
    Task Project();

    /// <summary>The device, or null when this id never enrolled.</summary>
    [ReadOnly]
    Task<DeviceDetails?> Get();

    /// <summary>The owning account, or null when this id never enrolled.</summary>
    [ReadOnly]
    Task<string?> GetAccountId();

    /// <summary>The device's most recent recorded changes, newest first (at most <paramref name="limit"/>, capped at 500).</summary>
    [ReadOnly]
    Task<IReadOnlyList<DeviceHistoryEntry>> GetRecentHistory(int limit);

    /// <summary>Whether this SHA-256 hex is the hash of the device's current agent token (constant-time compare).</summary>
    [ReadOnly]
    Task<bool> IsAgentToken(string tokenHash);

    /// <summary>
    /// Removes the device: its state is cleared (so it leaves lists and its token is refused), its entities leave the
    /// graph and standing queries, and its agent's open stream is ended. False when it was not enrolled.
    /// </summary>
    Task<bool> Remove();
}
