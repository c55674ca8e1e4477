using Fleet.Grains.Alerts;

namespace Fleet.Grains.Tests.Mail;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
public sealed class MailSenderOutboxTests
{
    // Proves alert e-mail written to the outbox (no SMTP server configured) is owner-only from creation: the folder 0700,
    // each .eml 0600, although this process's umask would leave them 0755/0644.
    [Fact]
    public async Task Outbox_mail_is_readable_by_the_owner_only()
    {
        var root = Directory.CreateTempSubdirectory("fleet-outbox-").FullName;
        try
        {
            var outbox = Path.Combine(root, "outbox");
            var sender = new MailSender(new SiloSmtpOptions(), outbox, TimeProvider.System);

            await sender.SendAsync(["ann@acme.test"], "Alert: laptops without disk encryption", "3 devices", CancellationToken.None);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(outbox));
            var mail = Assert.Single(Directory.GetFiles(outbox));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(mail));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
