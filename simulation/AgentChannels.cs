using Fleet.Agent.V1;
using Grpc.Net.Client;

namespace Fleet.Simulation;

/// <summary>
/// Several gRPC channels to one agent address, each with its own HTTP/2 connection pool: N streams spread over a few
/// connections (Kestrel allows many streams per connection; one connection per agent would waste sockets).
/// </summary>
public sealed class AgentChannels : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly AgentService.AgentServiceClient[] _clients;

    public AgentChannels(Uri address, int connections)
    {
        if (!address.IsLoopback)
            throw new ArgumentException($"The load generator only targets loopback addresses; {address} is not one.");
        AppContext.SetSwitch("System.Net.Http.SocketsHttpHandler.Http2UnencryptedSupport", true);
        _channels = Enumerable.Range(0, Math.Max(1, connections)).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // Beyond the server's streams-per-connection limit, open another connection instead of queueing.
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                ConnectTimeout = TimeSpan.FromSeconds(15),
            },
        })).ToArray();
        _clients = _channels.Select(c => new AgentService.AgentServiceClient(c)).ToArray();
    }

    public int Count => _clients.Length;

    public AgentService.AgentServiceClient For(int agentIndex) => _clients[agentIndex % _clients.Length];

    public void Dispose()
    {
        foreach (var channel in _channels)
            channel.Dispose();
    }
}
