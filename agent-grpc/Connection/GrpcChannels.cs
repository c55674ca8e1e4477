using Grpc.Net.Client;

namespace Fleet.Agent.Connection;

/// <summary>
/// Creates the gRPC channel to one server URL: https:// verified as <see cref="ServerTrust"/> says; http:// (HTTP/2
/// without TLS, h2c) only where <see cref="ServerTrust.Refusal"/> allows it.
/// </summary>
public static class GrpcChannels
{
    public static void AllowUnencryptedHttp2() =>
        AppContext.SetSwitch("System.Net.Http.SocketsHttpHandler.Http2UnencryptedSupport", true);

    public static GrpcChannel Create(string url, ServerTrust trust)
    {
        if (trust.Refusal(url) is { } refusal)
            throw new InvalidOperationException(refusal);
        AllowUnencryptedHttp2();
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = trust.SslOptions() ?? new System.Net.Security.SslClientAuthenticationOptions(),
                // One stream stays open for days: ping so a dead peer or NAT drop is noticed.
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                ConnectTimeout = TimeSpan.FromSeconds(15),
            },
        });
    }
}
