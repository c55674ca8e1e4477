using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Hosting;
using Fleet.Hosting.Storage;

namespace Fleet.Grains.Tests.Storage;

/// <summary>One throwaway PostgreSQL server for a test class; each test gets a fresh database on it or a fresh SQLite file.</summary>
public sealed class FleetDatabaseFixture : IAsyncLifetime
{
    private readonly TempDirectory _files = new();
    private PostgresServer? _postgres;

    public async Task<FleetStorageOptions> CreateAsync(string provider)
    {
        var storage = provider == FleetStorageOptions.Postgres
            ? new FleetStorageOptions { Provider = provider, ConnectionString = await (_postgres ??= await PostgresServer.StartAsync()).CreateDatabaseAsync() }
            : new FleetStorageOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".db")};Pooling=False" };
        await SchemaMigrator.MigrateAsync(storage);
        return storage;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        _files.Dispose();
    }
}
