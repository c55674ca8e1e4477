using System.Net;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fleet.Gateway.Tests.Security;

/// <summary>An embedded gateway given a certificate (issued by a private CA made in the test) through Kestrel's settings.</summary>
public sealed class TransportTlsTests
{
    private static readonly TimeSpan Signal = TimeSpan.FromSeconds(60);

    // Proves that with a certificate both ports serve TLS only: plain HTTP/1.1 on the HTTP port and h2c gRPC on the
    // agent port get no answer, while HTTPS trusting the CA does.
    [Fact]
    public async Task With_a_certificate_neither_port_answers_plain_http()
    {
        using var pki = TestPki.Create();
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, tls: pki);

        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var plainAnswer = await AnswerAsync(() => plain.GetAsync($"http://127.0.0.1:{gateway.HttpPort}/healthz"));
        AppContext.SetSwitch("System.Net.Http.SocketsHttpHandler.Http2UnencryptedSupport", true);
        using var h2c = GrpcChannel.ForAddress($"http://127.0.0.1:{gateway.AgentPort}");
        var h2cCall = await Assert.ThrowsAsync<RpcException>(() => new Fleet.Agent.V1.AgentService.AgentServiceClient(h2c)
            .EnrollAsync(new Fleet.Agent.V1.EnrollRequest { InviteCode = "ABCD" }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
        using var https = await gateway.CreateClient().GetAsync("/healthz");

        Assert.Null(plainAnswer);
        Assert.NotEqual(StatusCode.InvalidArgument, h2cCall.StatusCode); // the service never saw the call
        Assert.NotEqual(StatusCode.Unauthenticated, h2cCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
    }

    // Proves a real fleet-agent given the private CA (--ca-file) enrolls over TLS, keeps the CA, and `run` reports over
    // TLS; without --ca-file the same agent refuses the server's certificate.
    [Fact]
    public async Task A_real_agent_trusting_the_private_ca_enrolls_and_reports_over_tls()
    {
        using var pki = TestPki.Create();
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, tls: pki);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("TLS");
        var api = gateway.CreateClient(account.ApiKey);
        var code = (await api.InviteAsync("ann@tls.test")).Single().Code;
        using var agent = new FleetAgentProcess();

        var untrusting = await agent.RunToEndAsync("enroll", "--server", gateway.AgentAddress.ToString().TrimEnd('/'), "--code", code);
        var deviceId = await agent.EnrollAsync(gateway, code, "--ca-file", pki.CaPath);
        await using var running = agent.Run();

        Assert.NotEqual(0, untrusting.ExitCode);
        Assert.Contains("Enrollment failed", untrusting.Stderr);
        Assert.Contains("acknowledged", await running.WaitForLineAsync("Report 1 acknowledged", Signal));
        using var device = await api.GetAsync($"/api/v1/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.OK, device.StatusCode);
    }

    // Proves the agent refuses plain http:// to another machine unless --allow-insecure is given: it exits before any
    // connection (the host is never looked up) and saves nothing.
    [Fact]
    public async Task The_agent_refuses_plain_http_to_another_machine()
    {
        using var agent = new FleetAgentProcess();

        var (exitCode, _, stderr) = await agent.RunToEndAsync("enroll", "--server", "http://fleet.example.com:5081", "--code", "ABCDEFGH");

        Assert.Equal(2, exitCode);
        Assert.Contains("--allow-insecure", stderr);
        Assert.False(File.Exists(Path.Combine(agent.ConfigDirectory, "agent.json")));
    }

    /// <summary>The response, or null when the connection gave none (reset, closed, or not HTTP).</summary>
    private static async Task<HttpResponseMessage?> AnswerAsync(Func<Task<HttpResponseMessage>> request)
    {
        try
        {
            var response = await request();
            return response.IsSuccessStatusCode ? response : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
