using System.Threading.Channels;
using Grpc.Core;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Tests.Support;

/// <summary>
/// A gRPC client whose Connect streams are in-memory channels: each Connect becomes a
/// <see cref="FakeStream"/> the test reads agent messages from and writes server messages to.
/// </summary>
internal sealed class FakeAgentServiceClient : Wire.AgentService.AgentServiceClient
{
    public Channel<FakeStream> Streams { get; } = Channel.CreateUnbounded<FakeStream>();

    public override AsyncDuplexStreamingCall<Wire.AgentMessage, Wire.ServerMessage> Connect(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        var stream = new FakeStream(headers ?? [], cancellationToken);
        Streams.Writer.TryWrite(stream);
        return new AsyncDuplexStreamingCall<Wire.AgentMessage, Wire.ServerMessage>(
            stream.Requests, stream.Responses, Task.FromResult(new Metadata()), () => Grpc.Core.Status.DefaultSuccess, () => [], () => { });
    }

    internal sealed class FakeStream(Metadata headers, CancellationToken callToken)
    {
        public Metadata Headers { get; } = headers;
        public Channel<Wire.AgentMessage> FromAgent { get; } = Channel.CreateUnbounded<Wire.AgentMessage>();
        public Channel<Wire.ServerMessage> ToAgent { get; } = Channel.CreateUnbounded<Wire.ServerMessage>();
        public RequestWriter Requests => new(FromAgent);
        public ResponseReader Responses => new(ToAgent, callToken);

        /// <summary>The next message the agent sent, skipping heartbeats.</summary>
        public async Task<Wire.AgentMessage> NextAsync()
        {
            while (true)
            {
                var message = await FromAgent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
                if (message.BodyCase != Wire.AgentMessage.BodyOneofCase.Heartbeat)
                {
                    return message;
                }
            }
        }

        /// <summary>Ends the stream from the server side, as a gateway restart would.</summary>
        public void Close() => ToAgent.Writer.TryComplete();
    }

    internal sealed class RequestWriter(Channel<Wire.AgentMessage> channel) : IClientStreamWriter<Wire.AgentMessage>
    {
        public WriteOptions? WriteOptions { get; set; }
        public Task CompleteAsync() => Task.CompletedTask;
        public Task WriteAsync(Wire.AgentMessage message) => channel.Writer.WriteAsync(message).AsTask();

        // The interface's default refuses a cancellable token; Grpc.Net.Client supports it, so the fake does too.
        public Task WriteAsync(Wire.AgentMessage message, CancellationToken cancellationToken) => channel.Writer.WriteAsync(message, cancellationToken).AsTask();
    }

    internal sealed class ResponseReader(Channel<Wire.ServerMessage> channel, CancellationToken callToken) : IAsyncStreamReader<Wire.ServerMessage>
    {
        public Wire.ServerMessage Current { get; private set; } = new();

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callToken);
            if (!await channel.Reader.WaitToReadAsync(linked.Token))
            {
                return false;
            }
            Current = await channel.Reader.ReadAsync(linked.Token);
            return true;
        }
    }
}
