namespace Fleet.Grains.Scim;

public static class ScimSiloExtensions
{
    /// <summary>The SCIM directory's bounds (<c>Fleet:Scim</c>).</summary>
    public static IServiceCollection AddFleetScim(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(configuration.GetSection(ScimOptions.Section).Get<ScimOptions>() ?? new ScimOptions());
}
