using System.Net;
using System.Net.Sockets;
using Fleet.Grains.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Grains.Tests.Alerts;

/// <summary>Alert e-mail as the silo registers it: the one mail stack of Fleet.Hosting, configured by <c>Fleet:Smtp</c>.</summary>
public sealed class AlertMailTests
{
    // Proves the silo's alert mail honours Fleet:Smtp:Tls: with STARTTLS required, a server that does not offer it gets
    // no message (the silo's former mail stack ignored the setting and sent in plain text).
    [Fact]
    public async Task Required_starttls_refuses_a_server_without_it()
    {
        await using var server = PlainSmtpServer.Start();
        var mail = SiloAlertMail(new() { ["Fleet:Smtp:Host"] = "127.0.0.1", ["Fleet:Smtp:Port"] = server.Port.ToString(), ["Fleet:Smtp:Tls"] = "starttls" });

        await Assert.ThrowsAsync<IOException>(() => mail.SendAsync(["ann@acme.test"], "Alert", "3 devices", CancellationToken.None));

        Assert.Equal(0, server.MessagesAccepted);
    }

    // Proves the same server accepts the message when Fleet:Smtp:Tls allows plain text: the refusal above is the TLS mode's.
    [Fact]
    public async Task Tls_none_sends_in_plain_text()
    {
        await using var server = PlainSmtpServer.Start();
        var mail = SiloAlertMail(new() { ["Fleet:Smtp:Host"] = "127.0.0.1", ["Fleet:Smtp:Port"] = server.Port.ToString(), ["Fleet:Smtp:Tls"] = "none" });

        await mail.SendAsync(["ann@acme.test"], "Alert", "3 devices", CancellationToken.None);

        Assert.Equal(1, server.MessagesAccepted);
    }

    // Proves alert e-mail written to the outbox (no SMTP server configured) is owner-only from creation: the folder 0700,
    // each .eml 0600, although this process's umask would leave them 0755/0644.
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
    public async Task Outbox_mail_is_readable_by_the_owner_only()
    {
        var root = Directory.CreateTempSubdirectory("fleet-outbox-").FullName;
        try
        {
            var mail = SiloAlertMail(new() { ["Fleet:DataDirectory"] = root });

            await mail.SendAsync(["ann@acme.test"], "Alert: laptops without disk encryption", "3 devices", CancellationToken.None);

            var outbox = Path.Combine(root, "outbox");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(outbox));
            var message = Assert.Single(Directory.GetFiles(outbox));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(message));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The alert mail the silo's own registration builds from <paramref name="settings"/>.</summary>
    private static AlertMail SiloAlertMail(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFleetAlerts(configuration);
        return services.BuildServiceProvider().GetRequiredService<AlertMail>();
    }

    /// <summary>
    /// A plain-text SMTP server on loopback that never offers STARTTLS and counts the messages it accepts: just enough of
    /// RFC 5321 for one MailKit client.
    /// </summary>
    private sealed class PlainSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _accepting = Task.CompletedTask;
        private int _accepted;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int MessagesAccepted => Volatile.Read(ref _accepted);

        public static PlainSmtpServer Start()
        {
            var server = new PlainSmtpServer();
            server._listener.Start();
            server._accepting = server.AcceptAsync();
            return server;
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    try
                    {
                        await ServeAsync(client.GetStream());
                    }
                    catch (IOException)
                    {
                        // The client hung up mid-conversation (it refused the session): serve the next one.
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task ServeAsync(NetworkStream stream)
        {
            using var reader = new StreamReader(stream);
            await using var writer = new StreamWriter(stream) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var command = line.Split(' ')[0].ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with .");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }
                        Interlocked.Increment(ref _accepted);
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
