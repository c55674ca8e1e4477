using Fleet.Gateway.Accounts;
using Fleet.Gateway.Agents;
using Fleet.Gateway.Api;
using Fleet.Gateway.Dashboard;
using Fleet.Gateway.Demo;
using Fleet.Gateway.Devices;
using Fleet.Gateway.Evidence;
using Fleet.Gateway.Graph;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Invites;
using Fleet.Gateway.Policy;
using Fleet.Gateway.Query;
using Fleet.Gateway.Security;
using Fleet.Gateway.Settings;
using Fleet.Silo.Health;

var builder = WebApplication.CreateBuilder(DemoExtensions.WithoutDemoFlag(args));
builder.AddFleetCluster();
builder.AddFleetEndpoints();
builder.AddFleetSecurity();
builder.AddFleetAgents();
builder.AddFleetInvites();
builder.AddFleetDemo(args);
builder.Services.AddFleetProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseFleetProblemDetails();
app.UseFleetDashboard();
app.UseAuthentication();
app.UseAuthorization();
app.UseAgentPolicyPush();
app.MapOpenApi();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapInviteEndpoints();
app.MapFleetAgents();
app.MapPolicyEndpoints();
app.MapSettingsEndpoints();
app.MapDeviceEndpoints();
app.MapEvidenceEndpoints();
app.MapGraphEndpoints();
app.MapQueryEndpoints();
app.Run();

/// <summary>The gateway's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
