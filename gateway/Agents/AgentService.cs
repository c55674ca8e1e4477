using System.Threading.Channels;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Agents;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Invites;
using Fleet.Gateway.Security;
using Fleet.Hosting.Telemetry;
using Grpc.Core;
using Semver;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Agents;

/// <summary>
/// The agent endpoint (docs/agent-protocol.md). Enroll trades an invite code for a device id and token.
/// Connect checks the token once, then runs three loops per stream: reading (validation, heartbeats),
/// applying reports through the device grain (one at a time, rate-limited, acked only after the grain
/// call returned), and writing (the stream's single writer, fed by a bounded queue).
/// </summary>
public sealed partial class AgentService(
    IGrainFactory grains,
    AgentStreamRegistry registry,
    AgentConnectionSubscriptions subscriptions,
    AgentPolicySource policies,
    ReportRateLimiter rateLimiter,
    AgentOptions options,
    [FromKeyedServices(AgentsExtensions.GuessLimiterKey)] AuthFailureLimiter guesses,
    TimeProvider time,
    ILogger<AgentService> logger) : Wire.AgentService.AgentServiceBase
{
    public override async Task<Wire.EnrollResponse> Enroll(Wire.EnrollRequest request, ServerCallContext context)
    {
        var address = ClientAddress(context);
        ThrowIfGuessing(address);
        var code = InviteCodes.Normalize(request.InviteCode);
        if (code is null)
        {
            guesses.RecordFailure(address);
            throw Fail(StatusCode.InvalidArgument, $"invite_code is missing or malformed: an invite code is {InviteCodes.Length} letters and digits (A-Z, 2-7) from the invitation e-mail.");
        }
        if (!WireFacts.TryRead(request.Facts, "facts", options.MaxApplications, out var facts, out var error))
            throw Fail(StatusCode.InvalidArgument, error);

        var token = AgentTokens.Generate();
        var enrollment = await grains.GetGrain<IInviteGrain>(InviteCodes.InviteId(code))
            .Redeem(new EnrollmentRequest(facts, AgentTokens.Hash(token)));
        switch (enrollment.Outcome)
        {
            case EnrollmentOutcome.Enrolled:
                LogEnrolled(logger, enrollment.AccountId!, enrollment.DeviceId!, enrollment.Reenrolled);
                return new Wire.EnrollResponse { DeviceId = enrollment.DeviceId, AgentToken = token, AccountId = enrollment.AccountId };
            case EnrollmentOutcome.Expired:
                LogEnrollRefused(logger, "expired");
                throw Fail(StatusCode.FailedPrecondition,
                    $"This invite expired on {enrollment.ExpiredOn:yyyy-MM-dd HH:mm} UTC. Ask your administrator for a new invite.");
            case EnrollmentOutcome.AlreadyUsed:
                LogEnrollRefused(logger, "used");
                throw Fail(StatusCode.PermissionDenied,
                    "This invite was already used; each invite enrolls one computer once. Ask your administrator for a new invite.");
            default:
                guesses.RecordFailure(address);
                LogEnrollRefused(logger, "unknown");
                throw Fail(StatusCode.NotFound,
                    "No invite has this code. Check that it was copied whole from the invitation e-mail, or ask your administrator for a new invite.");
        }
    }

    public override async Task Connect(
        IAsyncStreamReader<Wire.AgentMessage> requestStream,
        IServerStreamWriter<Wire.ServerMessage> responseStream,
        ServerCallContext context)
    {
        var owner = await AuthenticateAsync(context);
        var device = grains.GetGrain<IDeviceGrain>(owner.DeviceId);
        var hello = await ReadHelloAsync(requestStream, context.CancellationToken);
        if (hello is null)
            return;
        var agentVersion = ParseAgentVersion(hello.AgentVersion);

        var stream = new AgentStream(owner.AccountId, owner.DeviceId, options.OutgoingQueue, context.CancellationToken) { AgentVersion = agentVersion };
        registry.Open(stream)?.Supersede();
        LogConnected(logger, owner.AccountId, owner.DeviceId, hello.AgentVersion);
        var inbox = Channel.CreateBounded<PendingReport>(new BoundedChannelOptions(options.IncomingQueue)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        var writing = Task.CompletedTask;
        var applying = Task.CompletedTask;
        try
        {
            // Subscribed before the policy is read: a change after this point reaches the stream through the observer.
            await subscriptions.EnsureSubscribedAsync(owner.AccountId);
            await BoundedGrainCall.RunAsync(() => device.SetConnectivity(true, time.GetUtcNow(), stream.ConnectionId), options.GrainCallTimeout, stream.Closing);
            writing = WriteAllAsync(stream, responseStream);
            var policy = await policies.GetAsync(owner.AccountId);
            stream.OfferPolicy(policy);
            stream.OfferUpgrade(policies.UpgradeRequired(policy.MinAgentVersion));

            applying = ApplyReportsAsync(stream, device, inbox.Reader);
            await ReadAllAsync(requestStream, stream, device, inbox.Writer, applying);
            // The agent closed its side: ack what it sent, then end the call normally.
            inbox.Writer.TryComplete();
            await applying;
            stream.Complete();
            await writing;
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw await EndingAsync(e, stream, applying, context.CancellationToken);
        }
        catch (RpcException e)
        {
            LogStreamEnded(logger, stream.DeviceId, e.StatusCode, e.Status.Detail);
            throw;
        }
        finally
        {
            inbox.Writer.TryComplete();
            stream.Cancel();
            stream.Complete();
            await Task.WhenAll(writing, applying).ContinueWith(_ => { }, TaskScheduler.Default);
            if (registry.Close(stream))
            {
                // On a gateway stop the call must end now (its UNAVAILABLE sends the agent elsewhere) without waiting on a
                // silo that may be stopping too; the device grain's offline timer covers a lost notice.
                if (stream.GatewayStopping) SetOfflineAsync(device, stream).Ignore();
                else await SetOfflineAsync(device, stream);
            }
            stream.Dispose();
        }
    }

    /// <summary>
    /// The one place a stream's failure becomes its gRPC status, so no cause ends it <c>UNKNOWN</c>: a cancellation is
    /// explained by what cancelled it (a newer stream, the gateway stopping, the report loop failing, the agent going
    /// away), and an agent that reset or dropped its stream is not reported as a storage failure.
    /// </summary>
    private async Task<RpcException> EndingAsync(Exception failure, AgentStream stream, Task applying, CancellationToken callAborted)
    {
        // The report loop may have failed an instant ago; its cancellation of the stream is what this handler saw.
        stream.Cancel();
        await applying.ContinueWith(_ => { }, TaskScheduler.Default);
        var (ending, cause) = true switch
        {
            _ when stream.Superseded => (Fail(StatusCode.Aborted, "A newer stream of this device replaced this one."), "superseded"),
            _ when stream.GatewayStopping => (Fail(StatusCode.Unavailable, "This gateway is shutting down; reconnect and resend unacknowledged reports."), "gateway stopping"),
            _ when stream.ApplyFailure is { } applyFailure => (MapGrainFailure(applyFailure), applyFailure.GetType().Name),
            _ when callAborted.IsCancellationRequested || failure is IOException or OperationCanceledException =>
                (Fail(StatusCode.Cancelled, "The agent closed or reset the stream."), $"agent went away: {failure.GetType().Name}"),
            _ => (MapGrainFailure(failure), failure.GetType().Name),
        };
        if (ending.StatusCode == StatusCode.Internal)
            LogStreamFailed(logger, stream.DeviceId, cause);
        else
            LogStreamEnded(logger, stream.DeviceId, ending.StatusCode, cause);
        return ending;
    }

    /// <summary>The token is checked once per stream: it must have been issued, and still be its device's current token.</summary>
    private async Task<AgentTokenOwner> AuthenticateAsync(ServerCallContext context)
    {
        var address = ClientAddress(context);
        ThrowIfGuessing(address);
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            guesses.RecordFailure(address);
            throw Fail(StatusCode.Unauthenticated, "Send the agent token as 'authorization: Bearer <token>' metadata (the token comes from enrollment).");
        }
        var token = header["Bearer ".Length..].Trim();
        if (!AgentTokens.IsWellFormed(token))
        {
            guesses.RecordFailure(address);
            throw Fail(StatusCode.Unauthenticated, "The agent token is malformed. Enroll again with a new invite.");
        }
        AgentTokenOwner? owner;
        bool current;
        try
        {
            owner = await BoundedGrainCall.RunAsync(() => grains.GetGrain<IAgentTokenGrain>(AgentTokens.GrainKey(token)).GetOwner(), options.GrainCallTimeout, context.CancellationToken);
            current = owner is { } known && await BoundedGrainCall.RunAsync(() => grains.GetGrain<IDeviceGrain>(known.DeviceId).IsAgentToken(AgentTokens.Hash(token)), options.GrainCallTimeout, context.CancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            throw MapGrainFailure(e);
        }
        if (owner is null || !current)
        {
            guesses.RecordFailure(address);
            LogTokenRefused(logger, owner is null ? "unknown" : "revoked");
            throw Fail(StatusCode.Unauthenticated, "The agent token is unknown or was replaced by a newer enrollment. Enroll again with a new invite.");
        }
        return owner;
    }

    private static string ClientAddress(ServerCallContext context) =>
        context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Invite codes and agent tokens are secrets that can be guessed like API keys: past the allowed failures per window,
    /// an address is refused without any lookup (even with a valid code or token) until the window ends.
    /// </summary>
    private void ThrowIfGuessing(string address)
    {
        if (!guesses.IsBlocked(address))
            return;
        LogGuessingBlocked(logger);
        throw Fail(StatusCode.ResourceExhausted,
            $"Too many unknown invite codes or agent tokens from this address; wait {guesses.Window.TotalSeconds:0} s and retry with a valid one.");
    }

    private async Task<Wire.Hello?> ReadHelloAsync(IAsyncStreamReader<Wire.AgentMessage> requestStream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HelloTimeout);
        try
        {
            if (!await requestStream.MoveNext(timeout.Token))
                return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(StatusCode.InvalidArgument, $"No Hello within {options.HelloTimeout.TotalSeconds:0} s: a stream starts with Hello.");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            throw Fail(StatusCode.Cancelled, "The agent closed or reset the stream.");
        }
        var first = requestStream.Current;
        if (first.BodyCase != Wire.AgentMessage.BodyOneofCase.Hello)
            throw Fail(StatusCode.InvalidArgument, $"The first message on a stream must be Hello; got {Describe(first)}.");
        return first.Hello;
    }

    private async Task ReadAllAsync(
        IAsyncStreamReader<Wire.AgentMessage> requestStream, AgentStream stream, IDeviceGrain device,
        ChannelWriter<PendingReport> inbox, Task applying)
    {
        while (await requestStream.MoveNext(stream.Closing))
        {
            var message = requestStream.Current;
            switch (message.BodyCase)
            {
                case Wire.AgentMessage.BodyOneofCase.Report:
                    var report = ReadReport(message.Report);
                    // Waits while the inbox is full (the device grain or the rate limit is behind): the agent is slowed by flow control.
                    await inbox.WriteAsync(report, stream.Closing);
                    break;
                case Wire.AgentMessage.BodyOneofCase.Heartbeat:
                    await BoundedGrainCall.RunAsync(() => device.Heartbeat(time.GetUtcNow(), stream.ConnectionId), options.GrainCallTimeout, stream.Closing);
                    break;
                case Wire.AgentMessage.BodyOneofCase.Hello:
                    ParseAgentVersion(message.Hello.AgentVersion);
                    break;
                default:
                    throw Fail(StatusCode.InvalidArgument, "An AgentMessage carries nothing: send hello, report or heartbeat.");
            }
            if (applying.IsFaulted)
                break;
        }
    }

    private PendingReport ReadReport(Wire.Report report)
    {
        if (report.Sequence < 1)
            throw Fail(StatusCode.InvalidArgument, $"report.sequence is {report.Sequence}; sequences start at 1 and increase.");
        if (report.CollectedAt is null)
            throw Fail(StatusCode.InvalidArgument, $"report {report.Sequence} has no collectedAt.");
        DateTimeOffset collectedAt;
        try
        {
            collectedAt = report.CollectedAt.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw Fail(StatusCode.InvalidArgument, $"report {report.Sequence} has an invalid collectedAt ({report.CollectedAt.Seconds} s, {report.CollectedAt.Nanos} ns).");
        }
        if (!WireFacts.TryRead(report.Facts, $"report {report.Sequence}: facts", options.MaxApplications, out var facts, out var error))
            throw Fail(StatusCode.InvalidArgument, error);
        // A laptop clock ahead of ours must not date evidence in the future.
        var now = time.GetUtcNow();
        return new PendingReport(report.Sequence, collectedAt > now ? now : collectedAt, facts);
    }

    private async Task ApplyReportsAsync(AgentStream stream, IDeviceGrain device, ChannelReader<PendingReport> inbox)
    {
        try
        {
            await foreach (var report in inbox.ReadAllAsync(stream.Closing))
            {
                FleetTelemetry.ReportsReceived.Add(1);
                await rateLimiter.WaitAsync(stream.DeviceId, stream.Closing);
                var outcome = await BoundedGrainCall.RunAsync(() => device.Report(report.Sequence, report.CollectedAt, report.Facts), options.GrainCallTimeout, stream.Closing);
                // Only now is the report durable: the ack tells the agent it may forget it.
                await stream.SendAsync(new Wire.ServerMessage { Ack = ToAck(report.Sequence, outcome) });
                FleetTelemetry.ReportsAcked.Add(1);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogApplyFailed(logger, stream.DeviceId, e.GetType().Name, e.Message);
            stream.FailApplying(e);
            throw;
        }
    }

    private static async Task WriteAllAsync(AgentStream stream, IServerStreamWriter<Wire.ServerMessage> responseStream)
    {
        try
        {
            await foreach (var message in stream.Outgoing.ReadAllAsync(stream.Closing))
                await responseStream.WriteAsync(message, stream.Closing);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The agent went away mid-write: end the whole stream.
            stream.Cancel();
        }
    }

    private async Task SetOfflineAsync(IDeviceGrain device, AgentStream stream)
    {
        try
        {
            await device.SetConnectivity(false, time.GetUtcNow(), stream.ConnectionId).WaitAsync(TimeSpan.FromSeconds(10));
            LogDisconnected(logger, stream.AccountId, stream.DeviceId);
        }
        catch (Exception e)
        {
            // The device grain's heartbeat timeout (offlineAfterSeconds) marks it offline anyway.
            LogOfflineFailed(logger, stream.DeviceId, e.GetType().Name);
        }
    }

    private static Wire.ReportAck ToAck(long sequence, ReportOutcome outcome)
    {
        var ack = new Wire.ReportAck { Sequence = sequence, Status = outcome.Status.ToWire(), Compliant = outcome.Compliant };
        foreach (var check in outcome.Checks)
            ack.Results.Add(new Wire.CheckResult { CheckId = check.CheckId, Status = check.Status.ToWire(), Detail = check.Detail, Waived = check.IsWaived });
        return ack;
    }

    private static SemVersion ParseAgentVersion(string text) =>
        VersionText.TryParseVersion(text, out var version)
            ? version
            : throw Fail(StatusCode.InvalidArgument, $"hello.agentVersion '{(text.Length > 40 ? text[..40] + "…" : text)}' is not a version such as 1.4.0.");

    private static string Describe(Wire.AgentMessage message) =>
        message.BodyCase == Wire.AgentMessage.BodyOneofCase.None ? "an empty message" : message.BodyCase.ToString();

    private static RpcException MapGrainFailure(Exception e) => e switch
    {
        RpcException rpc => rpc,
        InvalidOperationException => Fail(StatusCode.FailedPrecondition, "This device is not enrolled (any more). Enroll again with a new invite."),
        TimeoutException or OrleansException => Fail(StatusCode.Unavailable, "The service is busy or restarting; reconnect and resend unacknowledged reports."),
        _ => Fail(StatusCode.Internal, "The report could not be stored; reconnect and resend unacknowledged reports."),
    };

    private static RpcException Fail(StatusCode code, string detail) => new(new Status(code, detail));

    private sealed record PendingReport(long Sequence, DateTimeOffset CollectedAt, DeviceFacts Facts);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Enrolled device {DeviceId} in {AccountId} (re-enrollment: {Reenrolled})")]
    private static partial void LogEnrolled(ILogger logger, string accountId, string deviceId, bool reenrolled);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Enrollment refused: invite {Reason}")]
    private static partial void LogEnrollRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Agent stream refused: {Reason} token")]
    private static partial void LogTokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Agent of device {DeviceId} in {AccountId} connected (agent {AgentVersion})")]
    private static partial void LogConnected(ILogger logger, string accountId, string deviceId, string agentVersion);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Agent of device {DeviceId} in {AccountId} disconnected")]
    private static partial void LogDisconnected(ILogger logger, string accountId, string deviceId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "A report of device {DeviceId} could not be applied ({ErrorType}: {Error}); the stream ends, the agent resends")]
    private static partial void LogApplyFailed(ILogger logger, string deviceId, string errorType, string error);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Agent endpoint: an address sent too many unknown invite codes or tokens; refused until its window ends")]
    private static partial void LogGuessingBlocked(ILogger logger);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Agent stream of device {DeviceId} ended {Status} ({Cause})")]
    private static partial void LogStreamEnded(ILogger logger, string deviceId, StatusCode status, string cause);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Agent stream of device {DeviceId} ended INTERNAL: a report could not be stored ({Cause})")]
    private static partial void LogStreamFailed(ILogger logger, string deviceId, string cause);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Could not mark device {DeviceId} offline ({ErrorType})")]
    private static partial void LogOfflineFailed(ILogger logger, string deviceId, string errorType);
}
