using System.Globalization;
using Fleet.Agent.Configuration;

namespace Fleet.Agent.Reporting;

/// <summary>
/// The per-device report sequence, persisted before a report is sent so that it stays strictly
/// increasing across restarts (the server ignores a sequence it has already applied).
/// </summary>
public sealed class ReportSequence(string path)
{
    private readonly Lock _gate = new();

    public long Last
    {
        get
        {
            lock (_gate)
            {
                return Read();
            }
        }
    }

    /// <param name="atLeastAbove">A floor, e.g. the highest sequence still in the queue, in case the counter file was lost.</param>
    public long Next(long atLeastAbove = 0)
    {
        lock (_gate)
        {
            var next = Math.Max(Read(), atLeastAbove) + 1;
            PrivateFile.WriteAllText(path, next.ToString(CultureInfo.InvariantCulture));
            return next;
        }
    }

    private long Read() =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
