namespace Fleet.Contracts.Health;

/// <summary>Readiness: a call that reaches a silo and writes one small row proves the cluster and its storage work.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<DateTimeOffset> Touch();
}
