using Fleet.Contracts.Accounts;
using Fleet.Grains.Tests.Infrastructure;

namespace Fleet.Grains.Tests.Accounts;

public sealed class AccountGrainTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    [Fact]
    public async Task A_created_account_reads_back_with_its_name_and_creation_time()
    {
        var id = AccountIds.New();

        await fixture.Client.GetGrain<IAccountGrain>(id).Create("Acme");

        var account = await fixture.Client.GetGrain<IAccountGrain>(id).Get();
        Assert.Equal(new AccountInfo(id, "Acme", fixture.Time.GetUtcNow()), account);
    }

    [Fact]
    public async Task An_unknown_account_id_reads_as_null()
    {
        Assert.Null(await fixture.Client.GetGrain<IAccountGrain>(AccountIds.New()).Get());
    }

    [Fact]
    public async Task Creating_the_same_account_twice_fails()
    {
        var grain = fixture.Client.GetGrain<IAccountGrain>(AccountIds.New());
        await grain.Create("Once");

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Create("Twice"));
    }
}
