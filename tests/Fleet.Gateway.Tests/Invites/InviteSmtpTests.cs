using System.Buffers;
using System.Net;
using System.Threading.Channels;
using Fleet.Gateway.Tests.Infrastructure;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Fleet.Gateway.Tests.Invites;

/// <summary>A gateway configured with Fleet:Smtp:* delivering to an in-process SMTP server on loopback.</summary>
public sealed class InviteSmtpTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly RecordingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _smtpPort = FreePort.Next();
    private Task _smtp = Task.CompletedTask;
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, _smtpPort)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _smtp = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        _gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path, new Dictionary<string, string>
        {
            ["Fleet:Smtp:Host"] = "127.0.0.1",
            ["Fleet:Smtp:Port"] = _smtpPort.ToString(),
            ["Fleet:Smtp:Tls"] = "none",
            ["Fleet:Smtp:From"] = "Fleet <fleet@acme.test>",
            ["Fleet:PublicAgentUrl"] = "https://agents.acme.test",
            ["Fleet:PublicUrl"] = "https://fleet.acme.test",
        });
    }

    // Proves the invitation arrives by SMTP with the code, the exact enroll command and where to download the agent.
    [Fact]
    public async Task The_invitation_email_arrives_with_the_code_and_the_enroll_command()
    {
        var account = await _gateway.CreateOperatorClient().CreateAccountAsync("Acme");

        var invite = (await _gateway.CreateClient(account.ApiKey).InviteAsync("dana@acme.test")).Single();

        var mail = await _store.Messages.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.True(invite.Mailed, invite.MailError);
        Assert.Equal("dana@acme.test", mail.To.Mailboxes.Single().Address);
        Assert.Equal("fleet@acme.test", mail.From.Mailboxes.Single().Address);
        Assert.Contains($"fleet-agent enroll --server https://agents.acme.test --code {invite.Code}", mail.TextBody);
        Assert.Contains("https://fleet.acme.test/downloads/", mail.TextBody);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "outbox")));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _stop.CancelAsync();
        await _smtp.ContinueWith(_ => { });
        _data.Dispose();
    }

    private sealed class RecordingStore : MessageStore
    {
        public Channel<MimeMessage> Messages { get; } = Channel.CreateUnbounded<MimeMessage>();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            await Messages.Writer.WriteAsync(message, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
