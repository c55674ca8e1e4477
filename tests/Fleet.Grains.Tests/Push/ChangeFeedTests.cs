using Fleet.Contracts.Push;

namespace Fleet.Grains.Tests.Push;

[Collection(PushClusterCollection.Name)]
public sealed class ChangeFeedTests(PushClusterFixture fixture)
{
    // Proves a published change reaches a registered gateway observer, with everything a dashboard shows.
    [Fact]
    public async Task A_device_change_reaches_every_observer_of_its_account()
    {
        var account = PushClusterFixture.NewAccount();
        var first = await fixture.ObserveAsync(account, "gw_one");
        var second = await fixture.ObserveAsync(account, "gw_two");

        await fixture.Feed(account).Publish(new DeviceChangedEvent(account, "dev_1", "PASS", "FAIL", false, ["firewall"], DateTimeOffset.UtcNow));

        foreach (var observer in new[] { first, second })
        {
            var received = await observer.NextAsync<DeviceChangedEvent>();
            Assert.Equal(("dev_1", "PASS", "FAIL", false), (received.DeviceId, received.OldStatus, received.NewStatus, received.Compliant));
            Assert.Equal(["firewall"], received.ChangedChecks);
        }
    }

    // Proves accounts are isolated: an observer of account A never sees account B's changes.
    [Fact]
    public async Task An_observer_receives_nothing_from_another_account()
    {
        var accountA = PushClusterFixture.NewAccount();
        var accountB = PushClusterFixture.NewAccount();
        var observerA = await fixture.ObserveAsync(accountA);

        await fixture.Feed(accountB).Publish(new AgentConnectivityChangedEvent(accountB, "dev_b", false, DateTimeOffset.UtcNow));
        // A foreign event handed to A's feed is refused too.
        await fixture.Feed(accountA).Publish(new AgentConnectivityChangedEvent(accountB, "dev_b2", false, DateTimeOffset.UtcNow));
        await fixture.Feed(accountA).Publish(new AgentConnectivityChangedEvent(accountA, "dev_a", true, DateTimeOffset.UtcNow));

        var received = await observerA.NextAsync();
        var connectivity = Assert.IsType<AgentConnectivityChangedEvent>(received);
        Assert.Equal(("dev_a", accountA), (connectivity.DeviceId, connectivity.AccountId));
    }

    // Proves a burst of events published at once is delivered whole (batched, none lost).
    [Fact]
    public async Task A_burst_of_events_arrives_whole()
    {
        var account = PushClusterFixture.NewAccount();
        var observer = await fixture.ObserveAsync(account);
        var start = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            fixture.Feed(account).Publish(new AgentConnectivityChangedEvent(account, $"dev_{i}", i % 2 == 0, start.AddMilliseconds(i)))));

        var received = new List<string>();
        for (var i = 0; i < 20; i++)
            received.Add((await observer.NextAsync<AgentConnectivityChangedEvent>()).DeviceId);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"dev_{i}").Order(), received.Order());
    }

    // Proves an unsubscribed gateway gets nothing more.
    [Fact]
    public async Task An_unsubscribed_gateway_receives_nothing()
    {
        var account = PushClusterFixture.NewAccount();
        var leaving = await fixture.ObserveAsync(account, "gw_leaving");
        var staying = await fixture.ObserveAsync(account, "gw_staying");
        await fixture.Feed(account).Unsubscribe("gw_leaving");

        await fixture.Feed(account).Publish(new AgentConnectivityChangedEvent(account, "dev_x", true, DateTimeOffset.UtcNow));
        await staying.NextAsync<AgentConnectivityChangedEvent>();
        await fixture.Feed(account).Subscribe("gw_leaving", leaving.Reference);
        await fixture.Feed(account).Publish(new AgentConnectivityChangedEvent(account, "dev_y", true, DateTimeOffset.UtcNow));

        Assert.Equal("dev_y", (await leaving.NextAsync<AgentConnectivityChangedEvent>()).DeviceId);
    }
}
