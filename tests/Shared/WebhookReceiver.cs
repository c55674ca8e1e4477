using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Fleet.Tests.Shared;

/// <summary>
/// A local HTTP endpoint (HttpListener on 127.0.0.1) that records every POST it gets and answers with scripted
/// status codes (200 once the script runs out).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Channel<ReceivedWebhook> received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<int> statuses = new();

    public WebhookReceiver(params int[] statusScript)
    {
        foreach (var status in statusScript)
            statuses.Enqueue(status);
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}/hooks/fleet/";
        listener.Prefixes.Add(Endpoint);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public async Task<ReceivedWebhook> NextAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(15));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = statuses.TryDequeue(out var scripted) ? scripted : 200;
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            received.Writer.TryWrite(new ReceivedWebhook(body.ToArray(), headers, status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => listener.Close();
}

public sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, int AnsweredStatus);
