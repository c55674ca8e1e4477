using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>One embedded gateway with account A holding the fixture graph and account B holding nothing of it.</summary>
public sealed class GraphQueryFixture : IAsyncLifetime
{
    private readonly TempDirectory data = new();
    public GatewayProcess Gateway { get; private set; } = null!;
    public HttpClient A { get; private set; } = null!;
    public HttpClient B { get; private set; } = null!;
    public System.Text.Json.JsonElement SeedAnswer { get; private set; }

    public async Task InitializeAsync()
    {
        Gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        A = await NewAccountClientAsync("Acme");
        B = await NewAccountClientAsync("Globex");
        SeedAnswer = await A.PostGraphAsync(GraphApi.FixtureGraph());
    }

    public async Task<HttpClient> NewAccountClientAsync(string name)
    {
        var account = await Gateway.CreateOperatorClient().CreateAccountAsync(name);
        return Gateway.CreateClient(account.ApiKey);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        data.Dispose();
    }
}
