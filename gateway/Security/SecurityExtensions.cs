using Fleet.Hosting;
using Fleet.Hosting.Limits;
using Microsoft.AspNetCore.Authentication;

namespace Fleet.Gateway.Security;

public static class SecurityExtensions
{
    public static WebApplicationBuilder AddFleetSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
        var embedded = (builder.Configuration["Fleet:Gateway:Mode"] ?? "embedded") == "embedded";
        var (operatorKey, generated) = OperatorKey.Load(options, mayGenerate: embedded);
        if (generated is not null)
            builder.Services.AddSingleton(new SavedOperatorKey(OperatorKey.PathIn(options.ResolveDataDirectory())));
        builder.Services.AddSingleton(operatorKey);
        builder.Services.AddSingleton<IHttpContextFactory, QueryTokenHttpContextFactory>();
        builder.Services.AddSingleton(new AuthFailureLimiter(
            builder.Configuration.GetValue("Fleet:Security:AuthFailuresPerMinute", 20), TimeSpan.FromMinutes(1)));

        builder.Services.AddSingleton(builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions());
        builder.Services.AddSingleton<KeyRequestLimiter>();

        builder.Services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(FleetPolicies.Operator, p => p.RequireRole(FleetClaims.OperatorRole))
            .AddPolicy(FleetPolicies.Account, p => p.RequireClaim(FleetClaims.AccountId))
            .AddPolicy(FleetPolicies.OperatorOrAccount, p => p.RequireAssertion(c =>
                c.User.IsInRole(FleetClaims.OperatorRole) || c.User.HasClaim(cl => cl.Type == FleetClaims.AccountId)));
        return builder;
    }
}
