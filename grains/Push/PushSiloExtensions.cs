using Fleet.Contracts.Alerts;
using Fleet.Contracts.Push;
using Fleet.Grains.Alerts;
using Fleet.Grains.Devices;
using Fleet.Hosting.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Grains.Push;

public static class PushSiloExtensions
{
    /// <summary>
    /// Live push (change feed, standing queries) and alert rules with their deliveries. Replaces the default
    /// device-change sink so every device change reaches the account's change feed.
    /// </summary>
    public static IServiceCollection AddFleetPush(this IServiceCollection services, IConfiguration configuration)
    {
        var push = configuration.GetSection(PushOptions.Section).Get<PushOptions>() ?? new PushOptions();
        var alerts = configuration.GetSection(AlertsOptions.Section).Get<AlertsOptions>() ?? new AlertsOptions();

        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(push));
        services.AddSingleton(alerts);
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IDeviceChangeSink, ChangeFeedDeviceChangeSink>());
        services.TryAddSingleton<IAccountQueryRunner, GraphQueryRunner>();
        services.AddFleetMail(configuration);
        services.AddSingleton<AlertMail>();
        services.AddSingleton<AlertDispatcher>();
        services.AddHostedService<AlertDeliveryWorker>();
        services.AddHttpClient(AlertDeliveryWorker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookConnector.CreateHandler(alerts.AllowPrivateWebhookDestinations));
        return services;
    }
}
