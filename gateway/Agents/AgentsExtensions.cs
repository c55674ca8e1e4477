using System.Security.Claims;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Agents;
using Fleet.Contracts.Devices;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Gateway.Agents;

public static class AgentsExtensions
{
    /// <summary>DI key of the <see cref="AuthFailureLimiter"/> that counts unknown invite codes and agent tokens.</summary>
    public const string GuessLimiterKey = "agents";

    /// <summary>The agent gRPC service, the registry of open streams, the push observer and its refresher.</summary>
    public static WebApplicationBuilder AddFleetAgents(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(PublicUrls.From(builder.Configuration, gateway));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            // Error details are written for agents on purpose (they say what to fix); exceptions stay in the log.
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton<AgentStreamRegistry>();
        builder.Services.AddSingleton<ReportRateLimiter>();
        // Invite-code and token guessing, per client address (separate from the API keys' limiter: a corporate NAT with
        // some stale agents must not lock its people out of the dashboard, nor the reverse).
        builder.Services.AddKeyedSingleton(GuessLimiterKey, new AuthFailureLimiter(
            builder.Configuration.GetValue("Fleet:Security:AgentAuthFailuresPerMinute", 60), TimeSpan.FromMinutes(1)));
        builder.Services.AddSingleton<AgentPolicySource>();
        builder.Services.AddSingleton<AgentConnectionObserver>();
        builder.Services.AddSingleton<AgentConnectionSubscriptions>();
        builder.Services.AddHostedService<AgentConnectionsRefresher>();
        return builder;
    }

    /// <summary>
    /// gRPC on the agent port only; <c>POST /api/v1/devices/{id}/scan</c>; and the hook that tells connected agents
    /// about a policy or settings change (see docs/agent-protocol.md, "Push").
    /// </summary>
    public static WebApplication MapFleetAgents(this WebApplication app)
    {
        var gateway = app.Services.GetRequiredService<GatewayOptions>();
        app.MapGrpcService<AgentService>().RequireHost($"*:{gateway.AgentPort}");
        // Streams never end by themselves: without this, a stop waits Kestrel's whole shutdown timeout for them and the
        // co-hosted silo is then cut short (grains not deactivated). Ended with UNAVAILABLE, agents reconnect at once.
        var streams = app.Services.GetRequiredService<AgentStreamRegistry>();
        app.Lifetime.ApplicationStopping.Register(() => streams.StopAll(drainBound: TimeSpan.FromSeconds(5)));
        app.MapPost("/api/v1/devices/{id}/scan", ScanAsync).RequireAuthorization(FleetPolicies.Account);
        return app;
    }

    private static async Task<IResult> ScanAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var accountId = user.GetAccountId()!;
        // Another account's device answers exactly like a missing one.
        if (!DeviceIds.IsWellFormed(id) || await grains.GetGrain<IDeviceGrain>(id).GetAccountId() != accountId)
            return Results.Problem(title: "Device not found", detail: $"No device '{id}' is visible to this key.", statusCode: StatusCodes.Status404NotFound);
        var delivered = await grains.GetGrain<IAgentConnectionsGrain>(accountId).ScanNow(id, "requested through the API");
        return Results.Accepted(value: new ScanRequested(id, delivered));
    }
}

/// <param name="Delivered">True when the device's agent is connected and the request was queued on its stream; false when it is
/// offline (it scans anyway when it reconnects).</param>
public sealed record ScanRequested(string Id, bool Delivered);
