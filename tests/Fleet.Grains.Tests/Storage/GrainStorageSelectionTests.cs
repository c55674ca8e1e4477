using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Grains.Hosting;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Globalization;

namespace Fleet.Grains.Tests.Storage;

/// <summary>
/// Fleet:Storage:GrainStorage: both grain storages (group commit, Orleans' ADO.NET) keep account and device state
/// across a silo restart on SQLite and PostgreSQL, each in its own table; an unknown value stops the start.
/// </summary>
public sealed class GrainStorageSelectionTests(FleetDatabaseFixture databases) : IClassFixture<FleetDatabaseFixture>
{
    [Theory]
    [InlineData("sqlite", FleetStorageOptions.AdoNet, "OrleansStorage")]
    [InlineData("postgres", FleetStorageOptions.AdoNet, "OrleansStorage")]
    [InlineData("sqlite", FleetStorageOptions.GroupCommit, "fleet_grain_state")]
    [InlineData("postgres", FleetStorageOptions.GroupCommit, "fleet_grain_state")]
    public async Task Account_and_device_state_survive_a_silo_restart_in_the_selected_storage(string provider, string grainStorage, string table)
    {
        var storage = await databases.CreateAsync(provider);
        using var data = new TempDirectory();
        var accountId = AccountIds.New();
        var machine = MachineIds.AccountWideGrainKey(accountId, "machine-1");
        string deviceId;
        using (var silo = await StartSiloAsync(storage, grainStorage, data.Path))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IAccountGrain>(accountId).Create("Acme");
            deviceId = await grains.GetGrain<IMachineIdGrain>(machine).GetOrAssignDeviceId();
            await silo.StopAsync();
        }

        using (var silo = await StartSiloAsync(storage, grainStorage, data.Path))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal("Acme", (await grains.GetGrain<IAccountGrain>(accountId).Get())?.Name);
            Assert.Equal(deviceId, await grains.GetGrain<IMachineIdGrain>(machine).GetDeviceId());
            await silo.StopAsync();
        }
        Assert.True(await CountRowsAsync(storage, table) >= 2, $"grain state is in {table}");
    }

    [Fact]
    public void An_unknown_grain_storage_stops_the_start_naming_the_key_and_the_allowed_values()
    {
        var options = new FleetOptions { Storage = { GrainStorage = "Redis", ConnectionString = "Data Source=unused.db" } };

        var error = Assert.Throws<InvalidOperationException>(() => StorageSelection.Resolve(options));

        Assert.Contains("Fleet:Storage:GrainStorage", error.Message);
        Assert.Contains("'Redis'", error.Message);
        Assert.Contains(FleetStorageOptions.GroupCommit, error.Message);
        Assert.Contains(FleetStorageOptions.AdoNet, error.Message);
    }

    private static async Task<IHost> StartSiloAsync(FleetStorageOptions storage, string grainStorage, string dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fleet:DataDirectory"] = dataDirectory,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Fleet:ListenAddress"] = "127.0.0.1",
            ["Fleet:Storage:Provider"] = storage.Provider,
            ["Fleet:Storage:ConnectionString"] = storage.ConnectionString,
            ["Fleet:Storage:GrainStorage"] = grainStorage,
        });
        builder.AddFleetSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<long> CountRowsAsync(FleetStorageOptions storage, string table)
    {
        await using var connection = await new FleetDatabase(storage).OpenAsync();
        await using var command = connection.CreateCommand();
        var payload = table == "OrleansStorage" ? "PayloadBinary" : "payload";
        command.CommandText = $"SELECT count(*) FROM {table} WHERE {payload} IS NOT NULL";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
