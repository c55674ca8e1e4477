using Grpc.Net.Client;

namespace Fleet.Agent.Connection;

/// <summary>Creates the gRPC channel to one server URL; http:// URLs use HTTP/2 without TLS (h2c).</summary>
public static class GrpcChannels
{
    public static void AllowUnencryptedHttp2() =>
        AppContext.SetSwitch("System.Net.Http.SocketsHttpHandler.Http2UnencryptedSupport", true);

    public static GrpcChannel Create(string url)
    {
        AllowUnencryptedHttp2();
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // One stream stays open for days: ping so a dead peer or NAT drop is noticed.
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                ConnectTimeout = TimeSpan.FromSeconds(15),
            },
        });
    }
}
