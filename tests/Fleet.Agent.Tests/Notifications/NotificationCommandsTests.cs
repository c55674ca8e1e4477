using Fleet.Agent.Notifications;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Notifications;

public sealed class NotificationCommandsTests
{
    private const string Hostile = "Disk \"encryption\" is off; run `rm -rf ~` $(whoami) 'now'";

    [Fact]
    public void Linux_NotifySendGetsTheTextAsArgumentsAfterDoubleDash()
    {
        var first = NotificationCommands.For(Platform.Linux, "Not compliant", Hostile)[0];

        Assert.Equal("notify-send", first.Program);
        Assert.Equal(["--app-name=Fleet", "--", "Not compliant", Hostile], first.Arguments);
    }

    [Fact]
    public void Linux_GdbusFallback_EscapesGVariantStrings()
    {
        var gdbus = NotificationCommands.For(Platform.Linux, "t", "a \"b\" \\ c")[1];

        Assert.Equal("gdbus", gdbus.Program);
        Assert.Contains("\"a \\\"b\\\" \\\\ c\"", gdbus.Arguments);
    }

    [Fact]
    public void Mac_TextIsPassedAsScriptArgv_NeverInsideTheScript()
    {
        var osascript = NotificationCommands.For(Platform.Darwin, "Not compliant", Hostile).Single();

        Assert.Equal("osascript", osascript.Program);
        Assert.Equal(Hostile, osascript.Arguments[^1]);
        Assert.DoesNotContain(osascript.Arguments.Take(osascript.Arguments.Count - 2), a => a.Contains("encryption", StringComparison.Ordinal));
    }

    [Fact]
    public void Windows_ToastScript_QuotesTextAsPowerShellLiterals()
    {
        var script = NotificationCommands.ToastScript("Fleet", "it's off");

        Assert.Contains("CreateTextNode('it''s off')", script);
        Assert.Equal("'a''b'", NotificationCommands.PowerShellString("a'b"));
    }
}
