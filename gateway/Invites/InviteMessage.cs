using System.Globalization;
using Fleet.Gateway.Hosting;
using MimeKit;

namespace Fleet.Gateway.Invites;

/// <summary>The invitation e-mail: what Fleet is, where the agent comes from, and the exact command to enroll.</summary>
public static class InviteMessage
{
    public static string EnrollCommand(PublicUrls urls, string code) =>
        $"fleet-agent enroll --server {urls.Agent.ToString().TrimEnd('/')} --code {code}";

    public static MimeMessage Compose(string from, string accountName, string email, string code, DateTimeOffset expiresOn, PublicUrls urls)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(email));
        message.Subject = $"{accountName}: enroll your computer in Fleet";
        var expires = expiresOn.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello,

                {accountName} uses Fleet to check that the computers people work on meet its security
                baseline: disk encryption, firewall, screen lock, operating system version, remote login,
                automatic updates and required applications. The Fleet agent runs as you, without
                administrator rights. It reports these settings (not your files, mail or browsing) and
                tells you exactly how to fix anything that needs fixing.

                1. Download the agent for your computer (macOS, Windows or Linux):

                   {urls.Downloads}

                2. Enroll this computer. The code below works once, for one computer, until {expires}:

                   {EnrollCommand(urls, code)}

                3. Keep it running in the background (starts at login, no administrator rights):

                   fleet-agent service install

                Run `fleet-agent status` at any time to see what passes and how to fix what does not.

                If you did not expect this e-mail, ignore it: nothing happens until the command above is run.
                """,
        };
        return message;
    }
}
