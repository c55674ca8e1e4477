using Fleet.Agent.Reporting;
using Fleet.Agent.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Tests.Reporting;

public sealed class ReportQueueTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly ListLogger<ReportQueue> _logger = new();

    private ReportQueue Queue(int capacity = 10) => new(Path.Combine(_folder.Path, "queue"), capacity, _logger);

    private static Wire.Report Report(long sequence) => new()
    {
        Sequence = sequence,
        CollectedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero).AddMinutes(sequence)),
        Facts = new Wire.DeviceFacts { Hostname = "ann-laptop", Platform = "linux", DiskEncryption = new Wire.Fact { State = Wire.FactState.On, Reason = "luks" } },
    };

    [Fact]
    public void Reports_SurviveANewQueueInstance()
    {
        Queue().Enqueue(Report(1));
        Queue().Enqueue(Report(2));

        var pending = Queue().Pending();

        Assert.Equal([Report(1), Report(2)], pending);
    }

    [Fact]
    public void Pending_IsInSequenceOrder_NotInsertionOrder()
    {
        var queue = Queue();
        queue.Enqueue(Report(10));
        queue.Enqueue(Report(9));
        queue.Enqueue(Report(100));

        Assert.Equal([9L, 10L, 100L], queue.Pending().Select(r => r.Sequence));
    }

    [Fact]
    public void PastCapacity_OldestAreDropped_WithALogLine()
    {
        var queue = Queue(capacity: 3);
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            queue.Enqueue(Report(sequence));
        }

        Assert.Equal([3L, 4L, 5L], queue.Pending().Select(r => r.Sequence));
        Assert.Equal(2, _logger.Entries.Count(e => e.Event.Id == 300));
    }

    [Fact]
    public void SameSequenceTwice_IsQueuedOnce()
    {
        var queue = Queue();
        queue.Enqueue(Report(7));
        queue.Enqueue(Report(7));

        Assert.Single(queue.Pending());
    }

    [Fact]
    public void Acknowledge_RemovesThatSequenceAndOlder_KeepsNewer()
    {
        var queue = Queue();
        foreach (var sequence in new[] { 1L, 2L, 3L })
        {
            queue.Enqueue(Report(sequence));
        }

        queue.Acknowledge(2);
        queue.Acknowledge(2);

        Assert.Equal([3L], queue.Pending().Select(r => r.Sequence));
    }

    [Fact]
    public void DamagedFile_IsDroppedNotResentForever()
    {
        var queue = Queue();
        queue.Enqueue(Report(1));
        File.WriteAllText(Path.Combine(queue.Directory, 2L.ToString("D19") + ".json"), "{ not json");

        Assert.Equal([1L], queue.Pending().Select(r => r.Sequence));
        Assert.Equal([1L], queue.Pending().Select(r => r.Sequence));
        Assert.Contains(_logger.Entries, e => e.Event.Id == 301);
    }

    [Fact]
    public void Files_AreReadableByTheOwnerOnly()
    {
        if (System.OperatingSystem.IsWindows())
        {
            return;
        }
        var queue = Queue();
        queue.Enqueue(Report(1));

        var file = Directory.GetFiles(queue.Directory).Single();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Sequence_IsStrictlyIncreasingAcrossInstances_AndAboveTheQueue()
    {
        var path = Path.Combine(_folder.Path, "sequence");

        Assert.Equal(1, new ReportSequence(path).Next());
        Assert.Equal(2, new ReportSequence(path).Next());
        Assert.Equal(42, new ReportSequence(path).Next(atLeastAbove: 41));
        Assert.Equal(43, new ReportSequence(path).Next(atLeastAbove: 5));
    }

    public void Dispose() => _folder.Dispose();
}
