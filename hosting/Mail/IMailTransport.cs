using MimeKit;

namespace Fleet.Hosting.Mail;

/// <summary>Delivers composed messages: SMTP when configured, the outbox folder otherwise.</summary>
public interface IMailTransport
{
    /// <summary>Sends each message; one failure does not stop the others. Never throws for a delivery failure.</summary>
    Task<IReadOnlyList<MailDelivery>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}

/// <param name="Delivered">Accepted by the SMTP server, or written to the outbox.</param>
/// <param name="Error">Why not, when not (no secrets: the transport's error message).</param>
public sealed record MailDelivery(bool Delivered, string? Error = null);
