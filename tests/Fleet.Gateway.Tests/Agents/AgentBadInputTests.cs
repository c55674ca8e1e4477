using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Sockets;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Grpc.Core;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>Bad input on the agent port: each answered with the documented status, nothing stored, nothing else affected.</summary>
public sealed class AgentBadInputTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    [Fact]
    public async Task An_unknown_invite_code_is_not_found_and_stores_nothing()
    {
        using var client = new AgentClient(fixture.Gateway);
        var before = await fixture.StoredRowsAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", AgentClient.Facts("m-unknown")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("No invite has this code", error.Status.Detail);
        Assert.Equal(before, await fixture.StoredRowsAsync());
    }

    [Fact]
    public async Task A_malformed_invite_code_is_invalid_argument()
    {
        using var client = new AgentClient(fixture.Gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync("not-a-code!", AgentClient.Facts("m-malformed")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("invite_code", error.Status.Detail);
    }

    // Proves an invite enrolls one machine: another machine presenting it is refused, and nothing is stored for it.
    [Fact]
    public async Task An_invite_used_by_another_machine_is_permission_denied()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        var before = await fixture.StoredRowsAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync(agent.Code, AgentClient.Facts("another-machine")));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("already used", error.Status.Detail);
        Assert.Equal(before, await fixture.StoredRowsAsync());
    }

    [Fact]
    public async Task Enrolling_with_facts_over_the_limits_is_invalid_argument_and_stores_nothing()
    {
        var account = await fixture.CreateAccountAsync();
        var invite = (await fixture.Gateway.CreateClient(account.ApiKey).InviteAsync("long@acme.test")).Single();
        using var client = new AgentClient(fixture.Gateway);
        var facts = AgentClient.Facts("m-long", hostname: new string('h', 300));
        var before = await fixture.StoredRowsAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync(invite.Code, facts));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("facts.hostname is 300 characters long; the limit is 255", error.Status.Detail);
        Assert.Equal(before, await fixture.StoredRowsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("fat_not-a-token-anyone-issued")]
    [InlineData("bad token with spaces")]
    public async Task A_wrong_token_ends_the_stream_unauthenticated_and_stores_nothing(string token)
    {
        using var client = new AgentClient(fixture.Gateway);
        var before = await fixture.StoredRowsAsync();

        await using var session = client.Open(token);
        await session.SendAsync(new AgentMessage { Hello = new Hello { AgentVersion = "1.0.0" } }).ContinueWith(_ => { });

        Assert.Equal(StatusCode.Unauthenticated, (await session.EndAsync()).StatusCode);
        Assert.Equal(before, await fixture.StoredRowsAsync());
    }

    // Proves the gRPC receive limit: a 10 MB message is refused with RESOURCE_EXHAUSTED before anything reaches a grain.
    [Fact]
    public async Task A_10_MB_message_is_resource_exhausted_and_changes_nothing()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        var huge = agent.Facts(firewall: false);
        huge.ApplicationsUnknownReason = new string('x', 10 * 1024 * 1024);
        var before = await DeviceRecordAsync(agent);

        await using var session = await client.ConnectAsync(agent.Token);
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);
        await session.SendReportAsync(AgentClient.Report(1, huge)).ContinueWith(_ => { });

        var status = await session.EndAsync();
        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.Equal(before, await DeviceRecordAsync(agent));
    }

    // Proves a report over a limit ends only that stream, with INVALID_ARGUMENT naming the field, and changes nothing.
    [Fact]
    public async Task A_report_over_a_limit_ends_the_stream_with_invalid_argument()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        var facts = agent.Facts(firewall: false);
        for (var i = 0; i < 5_001; i++)
            facts.Applications.Add(new InstalledApplication { Name = "a" + i });

        await using var session = await client.ConnectAsync(agent.Token);
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);
        await session.SendReportAsync(AgentClient.Report(1, facts));

        var status = await session.EndAsync();
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains("applications has 5002 entries; the limit is 5000", status.Detail);
        // The same agent, well-behaved, is served normally afterwards: its first sequence is still unused.
        await using var next = await client.ConnectAsync(agent.Token);
        Assert.Equal(1, (await AckOf(next, AgentClient.Report(1, agent.Facts()))).Sequence);
    }

    [Fact]
    public async Task A_stream_that_does_not_start_with_hello_is_invalid_argument()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);

        await using var session = client.Open(agent.Token);
        await session.SendReportAsync(AgentClient.Report(1, agent.Facts()));

        var status = await session.EndAsync();
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains("must be Hello", status.Detail);
    }

    // Proves scan-now for another account's device answers exactly like a missing device.
    [Fact]
    public async Task Scan_now_for_another_accounts_device_is_404()
    {
        var victim = await fixture.EnrollAsync();
        var intruder = await fixture.CreateAccountAsync("Intruder");

        using var response = await fixture.Gateway.CreateClient(intruder.ApiKey).PostAsync($"/api/v1/devices/{victim.DeviceId}/scan", null);
        using var missing = await fixture.Gateway.CreateClient(intruder.ApiKey).PostAsync("/api/v1/devices/dev_00000000000000000000000000000000/scan", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var victimProblem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var missingProblem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(missingProblem.GetProperty("title").GetString(), victimProblem.GetProperty("title").GetString());
        Assert.Equal(missingProblem.GetProperty("detail").GetString()!.Replace("dev_00000000000000000000000000000000", victim.DeviceId),
            victimProblem.GetProperty("detail").GetString());
    }

    // Proves an HTTP/1.1 request on the HTTP/2-only agent port is answered 400 and the port keeps serving agents.
    [Fact]
    public async Task An_http1_request_on_the_agent_port_is_answered_400()
    {
        var received = await SendRawAsync(System.Text.Encoding.ASCII.GetBytes("POST /fleet.agent.v1.AgentService/Enroll HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"));

        Assert.StartsWith("HTTP/1.1 400 ", System.Text.Encoding.ASCII.GetString(received));
        await AssertAgentsStillServedAsync();
    }

    // Proves binary garbage instead of the HTTP/2 preface gets a GOAWAY (PROTOCOL_ERROR), the connection closes, nothing is stored.
    [Fact]
    public async Task Garbage_bytes_on_the_agent_port_get_goaway_and_store_nothing()
    {
        var before = await fixture.StoredRowsAsync();
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);

        var received = await SendRawAsync(garbage);

        var frames = Frames(received);
        Assert.True(frames.Count == 0 || frames[^1].Type == 7, $"expected the server to end with GOAWAY; frame types: {string.Join(",", frames.Select(f => f.Type))}");
        if (frames.Count > 0)
            Assert.Equal(1, frames[^1].ErrorCode); // PROTOCOL_ERROR
        Assert.Equal(before, await fixture.StoredRowsAsync());
        await AssertAgentsStillServedAsync();
    }

    /// <summary>Writes the bytes on a raw TCP connection to the agent port and reads until the server closes it.</summary>
    private async Task<byte[]> SendRawAsync(byte[] bytes)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Gateway.AgentPort);
        var stream = socket.GetStream();
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The server may close before reading everything.
        }
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // A reset after the last frame also means "closed".
        }
        return received.ToArray();
    }

    private async Task AssertAgentsStillServedAsync()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);
    }

    private static List<(int Type, int ErrorCode)> Frames(byte[] bytes)
    {
        var frames = new List<(int, int)>();
        for (var offset = 0; offset + 9 <= bytes.Length; offset += 9 + ((bytes[offset] << 16) | (bytes[offset + 1] << 8) | bytes[offset + 2]))
        {
            var type = bytes[offset + 3];
            // GOAWAY payload: last stream id (4 bytes), then the error code (4 bytes).
            var errorCode = type == 7 && offset + 17 <= bytes.Length
                ? (bytes[offset + 13] << 24) | (bytes[offset + 14] << 16) | (bytes[offset + 15] << 8) | bytes[offset + 16]
                : 0;
            frames.Add((type, errorCode));
        }
        return frames;
    }



    private static async Task<ReportAck> AckOf(AgentSession session, Report report)
    {
        await session.SendReportAsync(report);
        return await session.AckAsync(report.Sequence);
    }

    /// <summary>What a report could change: facts, results and history (connectivity is recorded separately, by design).</summary>
    private async Task<string> DeviceRecordAsync(EnrolledAgent agent)
    {
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        using var device = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/devices/{agent.DeviceId}"));
        var root = device.RootElement;
        return root.GetProperty("facts").GetRawText() + root.GetProperty("results").GetRawText() + await DeviceHistory.ChecksAsync(api, agent.DeviceId);
    }
}
