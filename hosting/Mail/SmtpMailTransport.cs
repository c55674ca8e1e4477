using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Fleet.Hosting.Mail;

/// <summary>Sends through one SMTP connection per batch (MailKit).</summary>
internal sealed partial class SmtpMailTransport(SmtpOptions options, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<MailDelivery>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var results = new MailDelivery[messages.Count];
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Tls), cancellationToken);
            if (!string.IsNullOrEmpty(options.User))
                await client.AuthenticateAsync(options.User, options.Password, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogConnectFailed(logger, options.Host, options.Port, e.Message);
            Array.Fill(results, new MailDelivery(false, $"SMTP server {options.Host}:{options.Port}: {e.Message}"));
            return results;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var to = Recipients(messages[i]);
            try
            {
                await client.SendAsync(messages[i], cancellationToken);
                results[i] = new MailDelivery(true);
                LogSent(logger, to, options.Host);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results[i] = new MailDelivery(false, e.Message);
                LogSendFailed(logger, to, options.Host, e.Message);
                if (!client.IsConnected)
                {
                    for (var j = i + 1; j < messages.Count; j++)
                        results[j] = new MailDelivery(false, $"SMTP connection lost: {e.Message}");
                    break;
                }
            }
        }
        if (client.IsConnected)
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        return results;
    }

    internal static SecureSocketOptions SocketOptions(string tls) => tls.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" or "ssl" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => throw new InvalidOperationException($"Fleet:Smtp:Tls is '{tls}'; use auto, starttls, tls or none."),
    };

    private static string Recipients(MimeMessage message) => string.Join(", ", message.To.Mailboxes.Select(m => m.Address));

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Mail to {Recipient} sent through {Host}")]
    private static partial void LogSent(ILogger logger, string recipient, string host);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Mail to {Recipient} could not be sent through {Host}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string recipient, string host, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "SMTP server {Host}:{Port} refused the connection or login: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string error);
}
