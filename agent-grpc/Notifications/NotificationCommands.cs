using System.Text;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Notifications;

/// <summary>
/// Builds the notifier commands for a platform, best first. Text is passed as separate arguments
/// (osascript's argv, notify-send's) or as a properly escaped literal (GVariant, PowerShell), so a
/// check detail containing quotes cannot change the command.
/// </summary>
public static class NotificationCommands
{
    public const string AppName = "Fleet";

    public static IReadOnlyList<NotificationCommand> For(Platform platform, string title, string body) => platform switch
    {
        Platform.Linux =>
        [
            new("notify-send", ["--app-name=" + AppName, "--", title, body]),
            new("gdbus", ["call", "--session", "--dest", "org.freedesktop.Notifications", "--object-path", "/org/freedesktop/Notifications",
                "--method", "org.freedesktop.Notifications.Notify", GVariantString(AppName), "0", GVariantString(""), GVariantString(title),
                GVariantString(body), "[]", "{}", "10000"]),
        ],
        Platform.Darwin =>
        [
            // The text arrives as argv of the script, so it is never parsed as AppleScript.
            new("osascript", ["-e", "on run argv", "-e", "display notification (item 2 of argv) with title (item 1 of argv)", "-e", "end run", title, body]),
        ],
        Platform.Win32 =>
        [
            new("powershell", ["-NoProfile", "-NonInteractive", "-EncodedCommand", EncodePowerShell(ToastScript(title, body))]),
            new("msg", [Environment.UserName, "/TIME:60", $"{title}: {body}"]),
        ],
        _ => [],
    };

    /// <summary>A GVariant string literal: double-quoted with backslash escapes.</summary>
    public static string GVariantString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>A PowerShell single-quoted literal: only ' needs escaping, by doubling it.</summary>
    public static string PowerShellString(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string ToastScript(string title, string body) =>
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null; " +
        "$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02); " +
        "$text = $xml.GetElementsByTagName('text'); " +
        $"$text.Item(0).AppendChild($xml.CreateTextNode({PowerShellString(title)})) | Out-Null; " +
        $"$text.Item(1).AppendChild($xml.CreateTextNode({PowerShellString(body)})) | Out-Null; " +
        "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('Fleet').Show([Windows.UI.Notifications.ToastNotification]::new($xml))";

    private static string EncodePowerShell(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));
}
