using System.Globalization;
using Fleet.Agent.Configuration;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Reporting;

/// <summary>
/// Reports not yet acknowledged, one JSON file per report named by its sequence, so they survive a
/// restart and are resent in order after a reconnect. Bounded: past the capacity the oldest are
/// dropped (each scan is a full snapshot, so the newest matters most).
/// </summary>
public sealed partial class ReportQueue(string directory, int capacity, ILogger<ReportQueue> logger)
{
    private const string Extension = ".json";
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly Lock _gate = new();

    public string Directory { get; } = directory;
    public int Capacity { get; } = capacity;

    /// <summary>Stores the report; storing the same sequence again replaces it, so a sequence is queued once.</summary>
    public void Enqueue(Wire.Report report)
    {
        lock (_gate)
        {
            PrivateFile.WriteAllText(PathOf(report.Sequence), Formatter.Format(report));
            var sequences = Sequences();
            for (var i = 0; i < sequences.Count - Capacity; i++)
            {
                File.Delete(PathOf(sequences[i]));
                LogDropped(logger, sequences[i], Capacity);
            }
        }
    }

    /// <summary>Unacknowledged reports, oldest first. An unreadable file is dropped with a log line, not resent forever.</summary>
    public IReadOnlyList<Wire.Report> Pending()
    {
        lock (_gate)
        {
            var reports = new List<Wire.Report>();
            foreach (var sequence in Sequences())
            {
                try
                {
                    reports.Add(Parser.Parse<Wire.Report>(File.ReadAllText(PathOf(sequence))));
                }
                catch (Exception e) when (e is InvalidProtocolBufferException or IOException or InvalidJsonException)
                {
                    LogUnreadable(logger, sequence, e.Message);
                    File.Delete(PathOf(sequence));
                }
            }
            return reports;
        }
    }

    /// <summary>
    /// The server applies reports in sequence order on one stream, so an ack for N also settles every
    /// report below N (an older one resent later would be ignored as already superseded).
    /// </summary>
    public void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            foreach (var queued in Sequences().Where(s => s <= sequence))
            {
                File.Delete(PathOf(queued));
            }
        }
    }

    public long HighestQueued()
    {
        lock (_gate)
        {
            var sequences = Sequences();
            return sequences.Count == 0 ? 0 : sequences[^1];
        }
    }

    private List<long> Sequences()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        return System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(path => long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1)
            .Where(s => s > 0)
            .Order()
            .ToList();
    }

    // Zero-padded so a directory listing is in sequence order too.
    private string PathOf(long sequence) => Path.Combine(Directory, sequence.ToString("D19", CultureInfo.InvariantCulture) + Extension);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Report queue is full ({Capacity}); dropped unacknowledged report {Sequence}")]
    private static partial void LogDropped(ILogger logger, long sequence, int capacity);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Queued report {Sequence} is unreadable and was dropped: {Error}")]
    private static partial void LogUnreadable(ILogger logger, long sequence, string error);
}
