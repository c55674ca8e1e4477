using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Grains.GrainReferences;
using Fleet.Grains.Tests.Infrastructure;

namespace Fleet.Grains.Tests.GrainReferences;

/// <summary>A reference the maker builds is the one <c>GetGrain</c> would return: same grain, same interface, and it calls through.</summary>
public sealed class GrainReferenceMakerTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    [Fact]
    public void Every_reference_after_the_first_addresses_the_grain_GetGrain_addresses()
    {
        var maker = new GrainReferenceMaker<IDeviceGrain>(fixture.Client);
        var ids = Enumerable.Range(0, 3).Select(_ => DeviceIds.New()).ToArray();

        var made = ids.Select(maker.Get).Cast<GrainReference>().ToArray();

        for (var i = 0; i < ids.Length; i++)
        {
            var expected = (GrainReference)fixture.Client.GetGrain<IDeviceGrain>(ids[i]);
            Assert.Equal(expected.GrainId, made[i].GrainId);
            Assert.Equal(expected.InterfaceType, made[i].InterfaceType);
        }
    }

    [Fact]
    public async Task A_made_reference_calls_the_grain()
    {
        var accountId = AccountIds.New();
        await fixture.Client.GetGrain<IAccountGrain>(accountId).Create("Acme");
        var maker = new GrainReferenceMaker<IAccountGrain>(fixture.Client);
        maker.Get(AccountIds.New());

        var account = await maker.Get(accountId).Get();

        Assert.Equal("Acme", account?.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_blank_key_is_refused_as_GetGrain_refuses_it(string key)
    {
        var maker = new GrainReferenceMaker<IDeviceGrain>(fixture.Client);
        maker.Get(DeviceIds.New());

        Assert.Throws<ArgumentException>(() => maker.Get(key));
    }
}
