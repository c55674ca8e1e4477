using Fleet.Hosting.Mail;
using MimeKit;

namespace Fleet.Grains.Alerts;

/// <summary>
/// An alert's e-mail, sent through the one mail stack (<see cref="IMailTransport"/>, section <c>Fleet:Smtp</c>, TLS mode
/// included). Throws when the message was not delivered, so the delivery worker records a failed attempt and retries.
/// </summary>
public sealed class AlertMail(IMailTransport transport, SmtpOptions smtp, TimeProvider time)
{
    public async Task SendAsync(IReadOnlyList<string> recipients, string subject, string text, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var recipient in recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = text };

        var delivery = (await transport.SendAsync([message], cancellationToken))[0];
        if (!delivery.Delivered)
            throw new IOException(delivery.Error ?? "The message was not delivered.");
    }
}
