using Fleet.Hosting.Storage;
using MimeKit;

namespace Fleet.Hosting.Mail;

/// <summary>
/// No SMTP server configured: each message becomes an <c>.eml</c> file (openable by any mail program) in the
/// outbox folder, readable by its owner only since it holds invite codes. The path is logged; the content never is.
/// </summary>
internal sealed partial class OutboxMailTransport(string directory, TimeProvider time, ILogger<OutboxMailTransport> logger) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task<IReadOnlyList<MailDelivery>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(Directory);
        var results = new MailDelivery[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
            var path = Path.Combine(Directory, $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.eml");
            try
            {
                await using (var file = PrivateFiles.CreateNew(path))
                    await message.WriteToAsync(file, cancellationToken);
                results[i] = new MailDelivery(true);
                LogWritten(logger, to, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                results[i] = new MailDelivery(false, $"Could not write {path}: {e.Message}");
                LogWriteFailed(logger, to, path, e.Message);
            }
        }
        return results;
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "No SMTP server configured (Fleet:Smtp:Host): mail to {Recipient} written to {Path}")]
    private static partial void LogWritten(ILogger logger, string recipient, string path);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "Mail to {Recipient} could not be written to {Path}: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string recipient, string path, string error);
}
