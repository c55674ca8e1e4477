using Fleet.Hosting.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Fleet.Grains.Alerts;

/// <summary>
/// Outgoing mail from the silo (section <c>Fleet:Smtp</c>). Without a <see cref="Host"/>, every message is written as an
/// <c>.eml</c> file to <c>&lt;data folder&gt;/outbox/</c>, so a fresh install works without a mail server.
/// </summary>
public sealed class SiloSmtpOptions
{
    public const string Section = "Fleet:Smtp";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "Fleet <fleet@localhost>";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends one plain-text message. Throws on failure (the caller retries).</summary>
public interface IMailSender
{
    Task SendAsync(IReadOnlyList<string> recipients, string subject, string text, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit when <c>Fleet:Smtp:Host</c> is set, else an <c>.eml</c> file in the outbox folder.</summary>
public sealed class MailSender(SiloSmtpOptions options, string outboxDirectory, TimeProvider time) : IMailSender
{
    public async Task SendAsync(IReadOnlyList<string> recipients, string subject, string text, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var recipient in recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = text };

        if (!options.Enabled)
        {
            PrivateFiles.CreateFolder(outboxDirectory);
            var path = Path.Combine(outboxDirectory, $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
            await using var file = PrivateFiles.CreateNew(path);
            await message.WriteToAsync(file, cancellationToken);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host, options.Port, SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(options.User))
            await client.AuthenticateAsync(options.User, options.Password, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
