using Fleet.Contracts.Accounts;
using Fleet.Contracts.Invites;
using Fleet.Grains.Tests.Infrastructure;

namespace Fleet.Grains.Tests.Invites;

public sealed class InviteIndexGrainTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    // Proves the list tells pending, used and expired apart on the silo's clock.
    [Fact]
    public async Task Listed_invites_carry_what_is_needed_for_their_status()
    {
        var index = fixture.Client.GetGrain<IInviteIndexGrain>(InviteIndex.GrainKey(AccountIds.New(), 0));
        var now = fixture.Time.GetUtcNow();
        var pending = Invite("p@acme.test", now, TimeSpan.FromDays(7));
        var used = Invite("u@acme.test", now, TimeSpan.FromDays(7));
        var expired = Invite("e@acme.test", now - TimeSpan.FromDays(8), TimeSpan.FromDays(7));

        await index.Add([pending, used, expired]);
        await index.MarkUsed(used.Id, "dev_0123456789abcdef0123456789abcdef", now);

        var statuses = (await index.List()).ToDictionary(i => i.Email, i => i.StatusAt(now));
        Assert.Equal(InviteStatus.Pending, statuses["p@acme.test"]);
        Assert.Equal(InviteStatus.Used, statuses["u@acme.test"]);
        Assert.Equal(InviteStatus.Expired, statuses["e@acme.test"]);
        Assert.Equal(1, await index.CountPending());
    }

    // Proves the partition stays bounded: invites finished more than the retention ago are forgotten on the next write.
    [Fact]
    public async Task Invites_finished_longer_than_the_retention_ago_are_forgotten()
    {
        var index = fixture.Client.GetGrain<IInviteIndexGrain>(InviteIndex.GrainKey(AccountIds.New(), 1));
        var now = fixture.Time.GetUtcNow();
        await index.Add([Invite("old@acme.test", now - InviteIndex.Retention - TimeSpan.FromDays(8), TimeSpan.FromDays(7))]);

        await index.Add([Invite("new@acme.test", now, TimeSpan.FromDays(7))]);

        Assert.Equal(["new@acme.test"], (await index.List()).Select(i => i.Email));
    }

    private static InviteInfo Invite(string email, DateTimeOffset createdOn, TimeSpan lifetime) =>
        new(InviteCodes.InviteId(InviteCodes.Generate()), "acc", email, createdOn, createdOn + lifetime);
}
