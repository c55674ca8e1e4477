using System.Net;
using Fleet.Agent.V1;
using Fleet.Compliance.Policy;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// fleet-bench-echo --port N: the agent service with nothing behind it. Hello → a PolicyUpdate, Report → a ReportAck
// of the same shape and size as the gateway's (eight check results), Heartbeat → nothing. Same Kestrel limits as the
// gateway's agent port (gateway/Hosting/KestrelEndpointsExtensions.cs), so the two differ only in what is behind gRPC.
var port = args.Length == 2 && args[0] == "--port" && int.TryParse(args[1], out var p) ? p
    : throw new ArgumentException("usage: fleet-bench-echo --port N");

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
    kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
    kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
    kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
});
builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 1024 * 1024);
var app = builder.Build();
app.MapGrpcService<EchoAgentService>();
app.MapGet("/readyz", () => "ok");
app.Run();

internal sealed class EchoAgentService : AgentService.AgentServiceBase
{
    private static readonly string[] Checks = [
        CheckIds.OsVersion, CheckIds.Firewall, CheckIds.DiskEncryption, CheckIds.AutomaticUpdates, CheckIds.ScreenLock, CheckIds.ScreenIdle,
        CheckIds.RemoteLogin, CheckIds.Application("Slack"),
    ];

    public override Task<EnrollResponse> Enroll(EnrollRequest request, ServerCallContext context) =>
        Task.FromResult(new EnrollResponse { DeviceId = "dev_" + Guid.NewGuid().ToString("N"), AgentToken = "echo", AccountId = "acc_echo" });

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ServerMessage> responseStream, ServerCallContext context)
    {
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Hello:
                    await responseStream.WriteAsync(new ServerMessage { Policy = new PolicyUpdate { PolicyVersion = 1, PolicyJson = new string('x', 600), ScanIntervalSeconds = 3600, OfflineAfterSeconds = 180 } });
                    break;
                case AgentMessage.BodyOneofCase.Report:
                    var ack = new ReportAck { Sequence = message.Report.Sequence, Status = "PASS", Compliant = true };
                    foreach (var check in Checks)
                        ack.Results.Add(new CheckResult { CheckId = check, Status = "PASS", Detail = "" });
                    await responseStream.WriteAsync(new ServerMessage { Ack = ack });
                    break;
            }
        }
    }
}
