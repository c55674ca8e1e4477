using Fleet.Contracts.Accounts;
using Fleet.Grains.Tests.Infrastructure;

namespace Fleet.Grains.Tests.Membership;

public sealed class AccountMembersTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    // Proves the partition of an id is a fixed function (FNV-1a of UTF-8; 25 checked independently), the same in every process and run.
    [Fact]
    public void The_partition_of_an_id_is_stable_across_processes()
    {
        Assert.Equal(25, AccountMembers.PartitionOf("dev_00000000000000000000000000000000"));
        Assert.Equal(AccountMembers.PartitionOf("per_ü"), AccountMembers.PartitionOf("per_ü"));
        Assert.All(Enumerable.Range(0, 1000), i => Assert.InRange(AccountMembers.PartitionOf($"dev_{i:x32}"), 0, AccountMembers.PartitionCount - 1));
    }

    [Fact]
    public async Task Members_added_to_partitions_are_listed_once_per_account()
    {
        var account = AccountIds.New();
        var ids = Enumerable.Range(0, 200).Select(i => $"dev_{i:x32}").ToList();
        foreach (var id in ids.Concat(ids)) await fixture.Client.PartitionFor(account, MemberKind.Device, id).Add(id);

        var listed = await fixture.Client.ListAsync(account, MemberKind.Device);

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Empty(await fixture.Client.ListAsync(AccountIds.New(), MemberKind.Device));
    }
}
