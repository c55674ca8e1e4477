using Fleet.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Fleet.Gateway.Tests.Accounts;

/// <summary>One embedded gateway process shared by the tests of a class (starting one costs seconds).</summary>
public sealed class EmbeddedGatewayFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path);

    /// <summary>Rows of grain state in the SQLite file: "nothing stored" means this does not change.</summary>
    public async Task<long> StoredGrainStatesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "fleet.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM fleet_grain_state";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        _data.Dispose();
    }
}
