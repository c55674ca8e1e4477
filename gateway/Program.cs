using Fleet.Gateway.Accounts;
using Fleet.Gateway.Agents;
using Fleet.Gateway.Alerts;
using Fleet.Gateway.Api;
using Fleet.Gateway.Backup;
using Fleet.Gateway.Dashboard;
using Fleet.Gateway.Demo;
using Fleet.Gateway.Devices;
using Fleet.Gateway.Downloads;
using Fleet.Gateway.Evidence;
using Fleet.Gateway.Graph;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Invites;
using Fleet.Gateway.Operations;
using Fleet.Gateway.Policy;
using Fleet.Gateway.Push;
using Fleet.Gateway.Query;
using Fleet.Gateway.Scim;
using Fleet.Gateway.Security;
using Fleet.Gateway.Settings;
using Fleet.Hosting.Health;
using Fleet.Hosting.Logging;
using Fleet.Hosting.Telemetry;

// Content and web root next to the program, so it serves its dashboard from wherever it is started;
// relative data paths (Fleet:DataDirectory) still resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = ConsoleLoggingExtensions.WithoutVerboseFlag(DemoExtensions.WithoutDemoFlag(args)),
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddFleetConsole(args);
builder.AddFleetCluster();
builder.AddFleetEndpoints();
builder.AddFleetForwardedHeaders();
builder.AddFleetSecurity();
builder.AddFleetTelemetry("fleet-gateway");
builder.AddFleetPush();
builder.AddFleetAgents();
builder.AddFleetInvites();
builder.AddAgentDownloads();
builder.AddFleetDemo(args);
builder.Services.AddFleetProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddFleetBackup();

var app = builder.Build();
app.UseFleetForwardedHeaders();
app.UseFleetProblemDetails();
app.UseRequestDeadline();
app.UseFleetDashboard();
app.UseAgentDownloads();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapOperatorDashboard();
app.MapBackupEndpoints();
app.MapOperatorMetrics();
app.MapPolicyEndpoints();
app.MapSettingsEndpoints();
app.MapDeviceEndpoints();
app.MapEvidenceEndpoints();
app.MapInviteEndpoints();
app.MapFleetAgents();
app.MapGraphEndpoints();
app.MapQueryEndpoints();
app.MapAlertEndpoints();
app.MapScimEndpoints();
app.MapScimStatusEndpoints();
app.MapFleetHub();
app.Run();

/// <summary>The gateway's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
