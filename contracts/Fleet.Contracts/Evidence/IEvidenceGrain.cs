using Fleet.Compliance.Evidence;

namespace Fleet.Contracts.Evidence;

/// <summary>Computes an account's audit evidence for a period from its recorded history. Keyed by the account id; stateless.</summary>
public interface IEvidenceGrain : IGrainWithStringKey
{
    /// <summary>Per device and check over [from, to). Throws <see cref="ArgumentException"/> when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    [ReadOnly]
    Task<EvidenceReport> Compute(DateTimeOffset from, DateTimeOffset to);
}
