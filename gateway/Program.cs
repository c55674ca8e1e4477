using Fleet.Gateway.Accounts;
using Fleet.Gateway.Agents;
using Fleet.Gateway.Invites;
using Fleet.Gateway.Api;
using Fleet.Gateway.Devices;
using Fleet.Gateway.Evidence;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Operations;
using Fleet.Gateway.Policy;
using Fleet.Gateway.Graph;
using Fleet.Gateway.Query;
using Fleet.Gateway.Security;
using Fleet.Gateway.Settings;
using Fleet.Silo.Health;
using Fleet.Silo.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddFleetCluster();
builder.AddFleetEndpoints();
builder.AddFleetSecurity();
builder.AddFleetTelemetry("fleet-gateway");
builder.AddFleetAgents();
builder.AddFleetInvites();
builder.Services.AddFleetProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseFleetProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapOperatorDashboard();
app.MapPolicyEndpoints();
app.MapSettingsEndpoints();
app.MapDeviceEndpoints();
app.MapEvidenceEndpoints();
app.MapGraphEndpoints();
app.MapQueryEndpoints();
app.MapInviteEndpoints();
app.MapFleetAgents();
app.Run();

/// <summary>The gateway's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
