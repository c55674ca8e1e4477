namespace Fleet.Contracts.Health;

/// <summary>
/// Readiness: a call that reaches a silo and reads one small row proves the cluster and its storage answer. The row is
/// rewritten at most once a minute, so probing (anonymous, as often as a load balancer likes) costs no write per call.
/// </summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>When the probe's row was last written (now, or within the last minute).</summary>
    Task<DateTimeOffset> Check();
}
