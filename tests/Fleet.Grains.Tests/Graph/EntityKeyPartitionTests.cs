using Fleet.Contracts.Graph;
using static Fleet.Grains.Tests.Graph.GraphClusterFixture;

namespace Fleet.Grains.Tests.Graph;

/// <summary>
/// A key partition stores a key before it hands its id out, and does not hold other calls while a save runs: the claims
/// that arrive meanwhile are stored together by the next save (docs/graph.md, "Key partitions").
/// </summary>
public sealed class EntityKeyPartitionTests(GraphClusterFixture fixture) : IClassFixture<GraphClusterFixture>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _saveStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseSave = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _releaseSave.TrySetResult();
        fixture.Store.BeforeKeySave = null;
    }

    [Fact]
    public async Task A_stored_key_is_answered_while_another_claims_save_is_held()
    {
        var (_, keys) = Partition();
        var stored = await keys.Assign([Claim("widget:stored")]);
        HoldKeySaves();

        var held = keys.Assign([Claim("widget:new")]);
        await _saveStarted.Task.WaitAsync(Bound);
        var again = await keys.Assign([Claim("widget:stored")]).WaitAsync(Bound);

        Assert.Equal(stored[0].Id, again[0].Id);
        Assert.False(held.IsCompleted);
        Assert.Empty(await keys.Lookup(["widget:new"]));
        _releaseSave.SetResult();
        Assert.Equal((await held)[0].Id, (await keys.Lookup(["widget:new"])).Single().Id);
    }

    // How many saves the claims below share depends on when each call reaches the partition, which Orleans does not
    // order; what must hold whatever the order: one id per key, and every claim stored when it returns.
    [Fact]
    public async Task Claims_made_during_a_save_get_one_id_per_key_and_are_stored_when_they_return()
    {
        var (_, keys) = Partition();
        HoldKeySaves();
        var first = keys.Assign([Claim("widget:a")]);
        await _saveStarted.Task.WaitAsync(Bound);

        var during = new[] { "widget:b", "widget:c", "widget:a" }.Select(key => keys.Assign([Claim(key)])).ToList();
        Assert.False(first.IsCompleted);
        _releaseSave.SetResult();
        var answers = await Task.WhenAll(during.Prepend(first)).WaitAsync(Bound);

        Assert.Equal(answers[0][0].Id, answers[3][0].Id);
        Assert.Equal(3, answers.Select(a => a[0].Id).Distinct().Count());
        var stored = await keys.Lookup(["widget:a", "widget:b", "widget:c"]);
        Assert.Equal(answers.Take(3).Select(a => a[0].Id), stored.Select(e => e.Id));
    }

    [Fact]
    public async Task A_failed_save_hands_out_nothing_and_a_retried_claim_gets_a_stored_id()
    {
        var (_, keys) = Partition();
        fixture.Store.BeforeKeySave = () => throw new InvalidOperationException("disk full");

        await Assert.ThrowsAnyAsync<Exception>(() => keys.Assign([Claim("widget:a")]));

        Assert.Empty(await keys.Lookup(["widget:a"]));
        fixture.Store.BeforeKeySave = null;
        var retried = await keys.Assign([Claim("widget:a")]);
        Assert.Equal(retried[0].Id, (await keys.Lookup(["widget:a"])).Single().Id);
    }

    [Fact]
    public async Task A_removed_key_is_gone_once_the_removal_returns()
    {
        var (_, keys) = Partition();
        await keys.Assign([Claim("widget:a"), Claim("widget:b")]);

        await keys.Remove(["widget:a", "widget:a", "widget:unknown"]);

        Assert.Equal(["widget:b"], (await keys.Lookup(["widget:a", "widget:b"])).Select(e => e.Key));
        Assert.Equal(1, await keys.Count());
    }

    private (string Account, IEntityKeyPartitionGrain Keys) Partition()
    {
        var account = NewAccount();
        return (account, fixture.Client.GetGrain<IEntityKeyPartitionGrain>(GraphPartitioning.KeyPartitionKey(account, 0)));
    }

    private void HoldKeySaves() => fixture.Store.BeforeKeySave = async () =>
    {
        _saveStarted.TrySetResult();
        await _releaseSave.Task;
    };

    private static GraphKeyClaim Claim(string key) => new(key, "Widget", SystemOwned: true);
}
