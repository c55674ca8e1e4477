using Fleet.Hosting;

namespace Fleet.Hosting.Mail;

public static class MailExtensions
{
    /// <summary>SMTP when <c>Fleet:Smtp:Host</c> is set, otherwise <c>.eml</c> files in <c>&lt;data folder&gt;/outbox/</c>.</summary>
    public static WebApplicationBuilder AddFleetMail(this WebApplicationBuilder builder)
    {
        var smtp = builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        builder.Services.AddSingleton(smtp);
        builder.Services.AddSingleton<IMailTransport>(services =>
        {
            if (smtp.Enabled)
            {
                _ = SmtpMailTransport.SocketOptions(smtp.Tls); // a wrong TLS mode fails at start, not at the first invite
                return new SmtpMailTransport(smtp, services.GetRequiredService<ILogger<SmtpMailTransport>>());
            }
            var fleet = builder.Configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
            return new OutboxMailTransport(
                Path.Combine(fleet.ResolveDataDirectory(), "outbox"),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                services.GetRequiredService<ILogger<OutboxMailTransport>>());
        });
        return builder;
    }
}
