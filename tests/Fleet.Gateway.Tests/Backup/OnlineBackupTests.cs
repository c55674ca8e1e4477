using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Faults;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Backup;

/// <summary>
/// Embedded mode's online backup (POST /api/v1/backups, SQLite's backup API) and the restore docs/backup-and-restore.md
/// describes: stop the gateway, put the backup in place of fleet.db, start it again.
/// </summary>
public sealed class OnlineBackupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private const string NonCompliant = "FIND HostAgent WITH compliant = false";

    // Proves a backup taken while agents report restores to an instance that answers the same query as at backup time,
    // and that the agents carry on against it: their next reports are acked and applied on top of the restored state.
    [Fact]
    public async Task A_restored_backup_answers_the_same_queries_and_agents_carry_on()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var (account, enrolled) = await FaultApi.EnrollDevicesAsync(gateway, "Backup", 2);
        var api = gateway.CreateClient(account.ApiKey);
        var agents = enrolled.Select(e => new ReconnectingAgent(gateway, e)).ToList();
        try
        {
            for (var round = 0; round < 3; round++) // sequence 3 turns the firewall off: both devices non-compliant
                await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Bound)));
            var atBackup = await FaultApi.EventuallyAsync(async () =>
            {
                var ids = await QueryIdsAsync(api, NonCompliant);
                return ids.Count == agents.Count ? ids : throw new InvalidOperationException($"{ids.Count} non-compliant so far");
            }, Bound);

            using var created = await gateway.CreateOperatorClient().PostAsync("/api/v1/backups", null);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var file = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("file").GetString()!;
            var backup = Path.Combine(data.Path, file);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));

            await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Bound))); // sequence 4: compliant again, after the backup
            Assert.Empty(await QueryIdsAsync(api, NonCompliant));

            await gateway.StopAsync();
            foreach (var name in new[] { "fleet.db", "fleet.db-wal", "fleet.db-shm" })
                File.Delete(Path.Combine(data.Path, name));
            File.Copy(backup, Path.Combine(data.Path, "fleet.db"));
            await gateway.StartAgainAsync();

            // The graph is written behind the devices' state: rows the backup caught before their flush are brought up to
            // the restored devices' state when the partitions load (docs/reliability.md, "The graph after a crash").
            Assert.Equal(atBackup, await FaultApi.EventuallyAsync(async () =>
            {
                var ids = await QueryIdsAsync(api, NonCompliant);
                return ids.SequenceEqual(atBackup) ? ids : throw new InvalidOperationException($"{ids.Count} non-compliant so far");
            }, Bound));
            foreach (var agent in agents)
            {
                agent.Queue(); // 5: firewall off, as restored: no change
                await agent.WaitForAckAsync(agent.Queue(), Bound); // 6: firewall on
                Assert.Equal(4, await FaultApi.AppliedReportsAsync(api, agent.DeviceId)); // 3 restored + the change of 6
                Assert.Equal("on", await FaultApi.StoredFirewallAsync(api, agent.DeviceId));
            }
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    // Proves only the operator key may take a backup (an account key is refused) and that the caller names no path:
    // whatever it sends, the file lands in the data folder's backups/ under the server's name.
    [Fact]
    public async Task Only_the_operator_may_take_a_backup_and_it_lands_in_the_data_folder()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Backup keys");

        using var byAccount = await gateway.CreateClient(account.ApiKey).PostAsync("/api/v1/backups", null);
        Assert.Equal(HttpStatusCode.Forbidden, byAccount.StatusCode);

        using var withPath = await gateway.CreateOperatorClient().PostAsJsonAsync("/api/v1/backups?file=/tmp/x.db", new { file = "../../etc/passwd", path = "/tmp" });
        Assert.Equal(HttpStatusCode.Created, withPath.StatusCode);
        var written = Assert.Single(Directory.GetFiles(Path.Combine(data.Path, "backups")));
        Assert.Matches(@"^fleet-\d{8}T\d{6}Z-[0-9a-f]{6}\.db$", Path.GetFileName(written));
    }

    /// <summary>The <c>_key</c> of every entity in a query's answer, sorted.</summary>
    private static async Task<List<string>> QueryIdsAsync(HttpClient api, string query)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/query", new { query });
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var keys = new List<string>();
        Collect(document.RootElement, keys);
        return keys.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static void Collect(JsonElement element, List<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "_key" && property.Value.ValueKind == JsonValueKind.String)
                    keys.Add(property.Value.GetString()!);
                else
                    Collect(property.Value, keys);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                Collect(item, keys);
        }
    }
}
