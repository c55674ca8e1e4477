using Fleet.Contracts.Push;
using Fleet.Grains.Devices;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Grains.Push;

public static class PushSiloExtensions
{
    /// <summary>
    /// Live push: the change feed and the gateways' observers. Replaces the default device-change sink so every device
    /// change reaches the account's change feed.
    /// </summary>
    public static IServiceCollection AddFleetPush(this IServiceCollection services, IConfiguration configuration)
    {
        var push = configuration.GetSection(PushOptions.Section).Get<PushOptions>() ?? new PushOptions();
        services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(push));
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IDeviceChangeSink, ChangeFeedDeviceChangeSink>());
        return services;
    }
}
