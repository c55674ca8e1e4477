using Fleet.Contracts.Alerts;
using Fleet.Grains.Graph;
using Fleet.Hosting.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Grains.Alerts;

public static class AlertsSiloExtensions
{
    /// <summary>
    /// Alert rules and their deliveries: rules evaluated over the account's graph, webhooks (through a connector that
    /// refuses private destinations) and e-mail (the one mail stack, <c>Fleet:Smtp</c>), carried out by the delivery worker.
    /// </summary>
    public static IServiceCollection AddFleetAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        var alerts = configuration.GetSection(AlertsOptions.Section).Get<AlertsOptions>() ?? new AlertsOptions();
        services.AddSingleton(alerts);
        services.TryAddSingleton(TimeProvider.System);
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
