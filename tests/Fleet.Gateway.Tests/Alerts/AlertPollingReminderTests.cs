using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Fleet.Gateway.Tests.Alerts;

/// <summary>The stored reminder of a polling rule in an embedded gateway's SQLite file (<c>fleet_reminders</c>).</summary>
public sealed class AlertPollingReminderTests
{
    // Proves creating a polling rule stores its reminder, and deleting the rule removes it through Orleans (read row, remove with its ETag).
    [Fact]
    public async Task A_polling_rule_stores_its_reminder_and_deleting_the_rule_removes_it()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("AlertPollingReminder");
        var api = gateway.CreateClient(account.ApiKey);
        using var create = await api.PostAsJsonAsync("/api/v1/alert-rules", new { name = "Hourly", query = "FIND Application", pollingInterval = "PT1H" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var ruleId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        Assert.Equal([("poll", 3_600_000L)], await StoredRemindersAsync(data.Path, ruleId));

        using var deleted = await api.DeleteAsync($"/api/v1/alert-rules/{ruleId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await StoredRemindersAsync(data.Path, ruleId));
    }

    private static async Task<List<(string Name, long PeriodMs)>> StoredRemindersAsync(string dataDirectory, string ruleId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "fleet.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reminder_name, period_ms FROM fleet_reminders WHERE grain_id LIKE '%/' || @rule";
        command.Parameters.AddWithValue("@rule", ruleId);
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }
}
