using Fleet.Contracts.Accounts;
using Fleet.Contracts.Agents;
using Fleet.Grains.Agents;
using Fleet.Grains.Tests.Infrastructure;

namespace Fleet.Grains.Tests.Agents;

public sealed class AgentConnectionsGrainTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Proves a policy change reaches every subscribed gateway observer.
    [Fact]
    public async Task A_policy_change_reaches_the_subscribed_observer()
    {
        var accountId = AccountIds.New();
        var gateway = new RecordingObserver();
        var reference = fixture.Client.CreateObjectReference<IAgentConnectionObserver>(gateway);
        var grain = fixture.Client.GetGrain<IAgentConnectionsGrain>(accountId);
        await grain.Subscribe(reference);

        await grain.PolicyChanged(7);

        Assert.Equal((accountId, 7L), await gateway.PolicyChanges.Task.WaitAsync(Timeout));
        GC.KeepAlive(gateway);
    }

    // Proves scan-now answers true only when a gateway holds the device's stream.
    [Fact]
    public async Task Scan_now_answers_whether_a_gateway_held_the_device()
    {
        var grain = fixture.Client.GetGrain<IAgentConnectionsGrain>(AccountIds.New());
        var holding = new RecordingObserver { HeldDevice = "dev_a" };
        var other = new RecordingObserver();
        await grain.Subscribe(fixture.Client.CreateObjectReference<IAgentConnectionObserver>(holding));
        await grain.Subscribe(fixture.Client.CreateObjectReference<IAgentConnectionObserver>(other));

        Assert.True(await grain.ScanNow("dev_a", "test"));
        Assert.False(await grain.ScanNow("dev_b", "test"));
        GC.KeepAlive(holding);
        GC.KeepAlive(other);
    }

    // Proves observers are forgotten when not renewed within the expiry, and kept when renewed.
    [Fact]
    public async Task An_observer_not_renewed_within_the_expiry_is_forgotten()
    {
        var grain = fixture.Client.GetGrain<IAgentConnectionsGrain>(AccountIds.New());
        var renewed = new RecordingObserver();
        var silent = new RecordingObserver();
        var renewedReference = fixture.Client.CreateObjectReference<IAgentConnectionObserver>(renewed);
        await grain.Subscribe(renewedReference);
        await grain.Subscribe(fixture.Client.CreateObjectReference<IAgentConnectionObserver>(silent));
        Assert.Equal(2, await grain.CountGateways());

        fixture.Time.Advance(AgentConnectionsGrain.ObserverExpiry / 2);
        await grain.Subscribe(renewedReference);
        fixture.Time.Advance(AgentConnectionsGrain.ObserverExpiry / 2 + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await grain.CountGateways());
        GC.KeepAlive(renewed);
        GC.KeepAlive(silent);
    }

    private sealed class RecordingObserver : IAgentConnectionObserver
    {
        public string? HeldDevice { get; init; }
        public TaskCompletionSource<(string, long)> PolicyChanges { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task PolicyChanged(string accountId, long policyVersion)
        {
            PolicyChanges.TrySetResult((accountId, policyVersion));
            return Task.CompletedTask;
        }

        public Task<bool> ScanNow(string accountId, string deviceId, string reason) => Task.FromResult(deviceId == HeldDevice);

        public Task<bool> Disconnect(string accountId, string deviceId) => Task.FromResult(deviceId == HeldDevice);
    }
}
