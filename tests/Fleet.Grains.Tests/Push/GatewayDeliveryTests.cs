using Fleet.Contracts.Push;
using Fleet.Grains.Push;

namespace Fleet.Grains.Tests.Push;

// The change feed's delivery to one gateway: in order, one call at a time, bounded.
public sealed class GatewayDeliveryTests
{
    private const string Account = "acc_1";

    // Proves a batch is not sent while the previous call is unanswered, and that the batches which waited go out
    // together, in order, in the next call: a later event can never overtake an earlier one.
    [Fact]
    public async Task A_batch_waits_for_the_previous_call_and_keeps_its_order()
    {
        var gateway = new AnsweringObserver();
        var delivery = new GatewayDelivery(Account, maxWaiting: 100, _ => { });

        delivery.Send(gateway, [Change("dev_1")]);
        delivery.Send(gateway, [Change("dev_2")]);
        delivery.Send(gateway, [Change("dev_3"), Change("dev_4")]);

        Assert.Equal([["dev_1"]], gateway.Calls);
        await gateway.AnswerAsync();
        Assert.Equal([["dev_1"], ["dev_2", "dev_3", "dev_4"]], gateway.Calls);
        await gateway.AnswerAsync();
        Assert.True(delivery.IsIdle);
    }

    // Proves a failed call is reported and does not stop the deliveries after it.
    [Fact]
    public async Task A_failed_call_is_reported_and_the_next_batch_still_goes_out()
    {
        var gateway = new AnsweringObserver();
        var failures = new List<Exception>();
        var delivery = new GatewayDelivery(Account, maxWaiting: 100, failures.Add);

        delivery.Send(gateway, [Change("dev_1")]);
        delivery.Send(gateway, [Change("dev_2")]);
        await gateway.FailAsync(new TimeoutException("gateway gone"));

        Assert.IsType<TimeoutException>(Assert.Single(failures));
        Assert.Equal([["dev_1"], ["dev_2"]], gateway.Calls);
    }

    // Proves a gateway that does not answer costs bounded memory: beyond the bound its oldest waiting events are dropped.
    [Fact]
    public void A_gateway_that_falls_behind_loses_its_oldest_events_not_the_feeds_memory()
    {
        var gateway = new AnsweringObserver();
        var delivery = new GatewayDelivery(Account, maxWaiting: 2, _ => { });

        delivery.Send(gateway, [Change("dev_1")]);
        delivery.Send(gateway, [Change("dev_2"), Change("dev_3"), Change("dev_4")]);

        Assert.Equal(1, delivery.Dropped);
        Assert.False(delivery.IsIdle);
    }

    // Proves the delivery follows a gateway that subscribed again with a new reference (a restarted gateway).
    [Fact]
    public async Task The_next_call_goes_to_the_gateways_latest_reference()
    {
        var old = new AnsweringObserver();
        var restarted = new AnsweringObserver();
        var delivery = new GatewayDelivery(Account, maxWaiting: 100, _ => { });

        delivery.Send(old, [Change("dev_1")]);
        delivery.Send(restarted, [Change("dev_2")]);
        await old.AnswerAsync();

        Assert.Equal([["dev_2"]], restarted.Calls);
    }

    private static DeviceChangedEvent Change(string deviceId) =>
        new(Account, deviceId, "PASS", "FAIL", false, ["firewall"], DateTimeOffset.UnixEpoch);

    /// <summary>A gateway whose answers the test releases one by one.</summary>
    private sealed class AnsweringObserver : IFleetEventObserver
    {
        private readonly Queue<TaskCompletionSource> unanswered = new();

        public List<string[]> Calls { get; } = [];

        public Task OnEvents(string accountId, IReadOnlyList<FleetEvent> events)
        {
            Calls.Add([.. events.Cast<DeviceChangedEvent>().Select(e => e.DeviceId)]);
            var answer = new TaskCompletionSource();
            unanswered.Enqueue(answer);
            return answer.Task;
        }

        public Task AnswerAsync() => Settle(answer => answer.SetResult());

        public Task FailAsync(Exception e) => Settle(answer => answer.SetException(e));

        // The delivery continues synchronously on the answering thread; yield once so it has issued its next call.
        private async Task Settle(Action<TaskCompletionSource> settle)
        {
            settle(unanswered.Dequeue());
            await Task.Yield();
        }
    }
}
