using System.Net;
using System.Net.Http.Json;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Accounts;

public sealed class AccountPersistenceTests
{
    // Proves embedded mode keeps grain state in its SQLite file across a restart of the whole process.
    [Fact]
    public async Task Account_created_in_embedded_mode_is_still_there_after_the_process_restarts()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Acme");

        await gateway.RestartAsync();

        using var response = await gateway.CreateOperatorClient().GetAsync($"/api/v1/accounts/{account.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await response.Content.ReadFromJsonAsync<CreatedAccount>();
        Assert.Equal(("Acme", account.Id), (read!.Name, read.Id));
        Assert.True(File.Exists(Path.Combine(data.Path, "fleet.db")), "the SQLite file lives in the configured data folder");
    }

    // Proves the account key issued at creation keeps working after a restart (only its hash was stored).
    [Fact]
    public async Task Account_key_still_authenticates_after_a_restart()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Acme");

        await gateway.RestartAsync();

        using var response = await gateway.CreateClient(account.ApiKey).GetAsync($"/api/v1/accounts/{account.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
