using Fleet.Contracts.Push;
using Fleet.Gateway.Push;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Gateway.Tests.Push;

/// <summary>What the gateway's observer sends to an account's dashboards for a batch of the change feed (a recording hub, no network).</summary>
public sealed class FleetEventObserverTests
{
    private const string Account = "acc_observer";

    // Proves a re-evaluation's many changes reach dashboards as one message carrying each device's new status, compliance and failing checks.
    [Fact]
    public async Task Many_device_changes_of_one_batch_go_out_as_one_devicesChanged_message_with_each_devices_new_numbers()
    {
        var changes = Enumerable.Range(0, PushMessages.MaxSeparateDeviceChanges + 1)
            .Select(i => Changed($"dev_{i}", compliant: i % 2 == 0))
            .ToList();

        var sent = await ForwardAsync(changes);

        var (method, message) = Assert.Single(sent);
        Assert.Equal(PushMessages.DevicesChanged, method);
        var bulk = Assert.IsType<DevicesChangedMessage>(message);
        Assert.Equal(changes.Select(c => c.DeviceId), bulk.Changes.Select(c => c.DeviceId));
        Assert.Equal(changes.Select(c => (c.NewStatus, c.Compliant)), bulk.Changes.Select(c => (c.NewStatus, c.Compliant)));
        Assert.All(bulk.Changes.Where(c => !c.Compliant), c => Assert.Equal(["firewall"], c.Failing));
    }

    // Proves a few changes still go out one deviceChanged each, now with the checks failing.
    [Fact]
    public async Task A_few_device_changes_go_out_one_deviceChanged_message_each()
    {
        var sent = await ForwardAsync([Changed("dev_a", compliant: false), Changed("dev_b", compliant: true)]);

        Assert.Equal([PushMessages.DeviceChanged, PushMessages.DeviceChanged], sent.Select(s => s.Method));
        var first = Assert.IsType<DeviceChangedMessage>(sent[0].Message);
        Assert.Equal(("dev_a", "FAIL", false), (first.DeviceId, first.NewStatus, first.Compliant));
        Assert.Equal(["firewall"], first.Failing);
    }

    private static DeviceChangedEvent Changed(string deviceId, bool compliant) =>
        new(Account, deviceId, "PASS", compliant ? "PASS" : "FAIL", compliant, ["remoteLogin"], DateTimeOffset.UtcNow, compliant ? [] : ["firewall"]);

    /// <summary>Hands one batch to the observer and returns what it sent to the account's group once it has sent it all.</summary>
    private static async Task<List<(string Method, object? Message)>> ForwardAsync(IReadOnlyList<FleetEvent> batch)
    {
        var hub = new RecordingHub();
        var observer = new FleetEventObserver(hub, new DashboardKeyConnections(), TimeProvider.System, NullLogger<FleetEventObserver>.Instance);
        await observer.OnEvents(Account, batch);
        using var stop = new CancellationTokenSource();
        var forwarding = observer.ForwardAsync(stop.Token);
        var expected = batch.Count > PushMessages.MaxSeparateDeviceChanges ? 1 : batch.Count;
        await hub.SentAsync(expected).WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => forwarding);
        Assert.Equal([FleetHub.Group(Account)], hub.GroupNames.Distinct());
        return hub.Sent;
    }

    private sealed class RecordingHub : IHubContext<FleetHub>, IHubClients, IClientProxy
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public List<(string Method, object? Message)> Sent { get; } = [];
        public List<string> GroupNames { get; } = [];

        public IHubClients Clients => this;
        IGroupManager IHubContext<FleetHub>.Groups => throw new NotSupportedException();

        public Task SentAsync(int count)
        {
            lock (Sent)
            {
                _expected = count;
                if (Sent.Count >= count) _enough.TrySetResult();
            }
            return _enough.Task;
        }

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            lock (Sent)
            {
                Sent.Add((method, args.Single()));
                if (Sent.Count >= _expected) _enough.TrySetResult();
            }
            return Task.CompletedTask;
        }

        public IClientProxy Group(string groupName)
        {
            lock (Sent) GroupNames.Add(groupName);
            return this;
        }

        IClientProxy IHubClients<IClientProxy>.All => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.Client(string connectionId) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.User(string userId) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }
}
