using System.Net.Http.Json;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Gateway.Tests.Security;

public sealed class SecretsInLogsTests
{
    // Proves no secret reaches any log line, at the most verbose level: the operator key, an account's API key (sent
    // by a dashboard as SignalR's ?access_token=, as browsers must, and as a Bearer header), invite codes and an
    // agent's token (enrolment and stream) are all absent from everything the gateway wrote.
    [Fact]
    public async Task At_trace_level_the_gateway_logs_no_key_token_or_invite_code()
    {
        using var data = new TempDirectory();
        var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string>
        {
            // Every category at Trace: appsettings.json names ASP.NET Core and Orleans, so Default alone would not reach them.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Orleans"] = "Trace",
            ["Logging:Console:LogToStandardErrorThreshold"] = "None",
        });
        string output;
        var secrets = new List<string> { GatewayProcess.OperatorKey };
        try
        {
            var account = await gateway.CreateOperatorClient().CreateAccountAsync("Logs Inc");
            secrets.Add(account.ApiKey);
            var api = gateway.CreateClient(account.ApiKey);
            using (await api.GetAsync($"/api/v1/accounts/{account.Id}")) { }

            // A browser's dashboard: WebSockets cannot carry headers, so the key travels in the query string.
            await using (var dashboard = new HubConnectionBuilder()
                .WithUrl(new Uri(gateway.BaseAddress, "/hubs/fleet?access_token=" + Uri.EscapeDataString(account.ApiKey)))
                .Build())
            {
                await dashboard.StartAsync();
                await dashboard.InvokeAsync<System.Text.Json.JsonElement>("SubscribeQuery", "FIND Device");
            }

            var invites = await api.InviteAsync("ann@logs.test", "bob@logs.test");
            secrets.AddRange(invites.Select(i => i.Code));
            using var agents = new AgentClient(gateway);
            var enrolled = await agents.EnrollAsync(invites[0].Code, AgentClient.Facts(Guid.NewGuid().ToString("N")));
            secrets.Add(enrolled.AgentToken);
            await using (var session = await agents.ConnectAsync(enrolled.AgentToken))
            {
                await session.SendReportAsync(AgentClient.Report(1, AgentClient.Facts(Guid.NewGuid().ToString("N"))));
                await session.AckAsync(1);
            }
            using (await api.PostAsJsonAsync("/api/v1/invites", new { emails = new[] { "not an address" } })) { }
        }
        finally
        {
            await gateway.StopAsync();
            output = gateway.Output;
            await gateway.DisposeAsync();
        }

        Assert.Contains("/hubs/fleet", output); // the request log is on, so the check below means something
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, output));
    }
}
