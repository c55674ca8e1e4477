using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Configuration;
using Fleet.Compliance.Facts;
using Microsoft.Extensions.Logging;

namespace Fleet.Agent.Notifications;

/// <summary>
/// Tells the person at the laptop, at most once per change: the key of the last notification is kept
/// on disk, so a restart or a repeated ack does not notify again. No notifier is logged, not fatal.
/// </summary>
public sealed partial class DesktopNotifier(ICommandRunner commands, AgentStore store, Platform platform, ILogger<DesktopNotifier> logger)
{
    /// <param name="changeKey">Identifies the situation (e.g. "FAIL:diskEncryption,firewall"); the same key notifies once.</param>
    public async Task<bool> NotifyOnceAsync(string changeKey, string title, string body, CancellationToken cancellationToken)
    {
        if (store.LoadLastNotification() == changeKey)
        {
            return false;
        }
        store.SaveLastNotification(changeKey);
        foreach (var command in NotificationCommands.For(platform, title, body))
        {
            var result = await commands.RunAsync(command.Program, command.Arguments, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return true;
            }
            LogNotifierFailed(logger, command.Program, result.Describe(command.Program));
        }
        LogNoNotifier(logger, title);
        return false;
    }

    /// <summary>Forgets the last key, so the next problem notifies even if it looks like an older one.</summary>
    public void Reset(string key) => store.SaveLastNotification(key);

    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Notifier {Program} did not work: {Reason}")]
    private static partial void LogNotifierFailed(ILogger logger, string program, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "No desktop notifier available; not shown: {Title}")]
    private static partial void LogNoNotifier(ILogger logger, string title);
}
