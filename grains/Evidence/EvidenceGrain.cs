using Fleet.Compliance.Evidence;
using Fleet.Contracts.Evidence;
using Fleet.Grains.History;
using Orleans.Concurrency;

namespace Fleet.Grains.Evidence;

/// <summary>Reads the period's history rows and activity checkpoints, then runs the pure <see cref="EvidenceCalculator"/>.</summary>
[StatelessWorker]
public sealed class EvidenceGrain(IHistoryStore history) : Grain, IEvidenceGrain
{
    public async Task<EvidenceReport> Compute(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) throw new ArgumentException("The period must end after it starts.", nameof(to));
        var accountId = this.GetPrimaryKeyString();
        var entries = await history.ReadPeriodAsync(accountId, from, to);
        var activity = await history.ReadAccountActivityAsync(accountId);
        var lastReports = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var device in activity)
        {
            if (device.LastReportOn is { } at) lastReports[device.DeviceId] = at;
        }
        return EvidenceCalculator.Compute(from, to, entries.Select(e => e.ToStatusChange()), lastReports);
    }
}
