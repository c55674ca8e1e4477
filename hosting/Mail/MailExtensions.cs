using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Hosting.Mail;

public static class MailExtensions
{
    /// <summary>
    /// The one mail stack of silo and gateway: SMTP through MailKit when <c>Fleet:Smtp:Host</c> is set (with the TLS mode
    /// of <c>Fleet:Smtp:Tls</c>), otherwise <c>.eml</c> files in <c>&lt;data folder&gt;/outbox/</c>. Registered once
    /// however many features ask for it (invites on the gateway, alert e-mail on the silo, both in embedded mode).
    /// </summary>
    public static IServiceCollection AddFleetMail(this IServiceCollection services, IConfiguration configuration)
    {
        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        services.TryAddSingleton(smtp);
        services.TryAddSingleton<IMailTransport>(provider =>
        {
            if (smtp.Enabled)
            {
                _ = SmtpMailTransport.SocketOptions(smtp.Tls); // a wrong TLS mode fails at start, not at the first message
                return new SmtpMailTransport(smtp, provider.GetRequiredService<ILogger<SmtpMailTransport>>());
            }
            var fleet = configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
            return new OutboxMailTransport(
                Path.Combine(fleet.ResolveDataDirectory(), "outbox"),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILogger<OutboxMailTransport>>());
        });
        return services;
    }
}
