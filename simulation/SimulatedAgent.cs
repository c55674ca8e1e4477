using Grpc.Core;
using Microsoft.Extensions.Logging;
using Wire = Fleet.Agent.V1;

namespace Fleet.Simulation;

/// <summary>
/// One simulated agent speaking the real protocol: Connect with its token, Hello, a report, heartbeats, a new
/// report whenever its facts change or the server asks for a scan. Reconnects with backoff if the stream ends.
/// </summary>
public sealed partial class SimulatedAgent(
    SimulatedDevice device, string deviceId, string agentToken, Wire.AgentService.AgentServiceClient client,
    TimeSpan heartbeatEvery, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private IClientStreamWriter<Wire.AgentMessage>? _writer;
    // Strictly increasing across restarts without storing anything: the server ignores a sequence it already applied.
    private long _sequence = time.GetUtcNow().ToUnixTimeMilliseconds();

    public SimulatedDevice Device => device;
    public string DeviceId => deviceId;

    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ConnectOnceAsync(stopping);
                failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                LogTokenRefused(logger, device.Facts.Hostname);
                return;
            }
            catch (RpcException e)
            {
                failures++;
                LogStreamEnded(logger, device.Facts.Hostname, e.StatusCode);
            }
            var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5))) * (0.5 + Random.Shared.NextDouble() / 2));
            await Task.Delay(delay, time, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ConnectOnceAsync(CancellationToken stopping)
    {
        var headers = new Metadata { { "authorization", $"Bearer {agentToken}" } };
        using var call = client.Connect(headers, cancellationToken: stopping);
        await _send.WaitAsync(stopping);
        try
        {
            _writer = call.RequestStream;
            await _writer.WriteAsync(new Wire.AgentMessage { Hello = new Wire.Hello { AgentVersion = CompanyFleet.AgentVersion } }, stopping);
            await _writer.WriteAsync(new Wire.AgentMessage { Report = CompanyFleet.Report(device, ++_sequence, time.GetUtcNow()) }, stopping);
        }
        finally
        {
            _send.Release();
        }

        using var heartbeats = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var beating = HeartbeatAsync(heartbeats.Token);
        try
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync(stopping))
            {
                if (message.BodyCase == Wire.ServerMessage.BodyOneofCase.ScanNow)
                    await ReportAsync(stopping);
            }
        }
        finally
        {
            _writer = null;
            await heartbeats.CancelAsync();
            await beating;
        }
    }

    /// <summary>Sends the current facts now (after a change, or when the server asked for a scan). False when not connected.</summary>
    public async Task<bool> ReportAsync(CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not { } writer)
                return false;
            await writer.WriteAsync(new Wire.AgentMessage { Report = CompanyFleet.Report(device, ++_sequence, time.GetUtcNow()) }, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            return false; // The stream is closing; the reconnect sends the current facts anyway.
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(heartbeatEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await _send.WaitAsync(cancellationToken);
                try
                {
                    if (_writer is { } writer)
                        await writer.WriteAsync(new Wire.AgentMessage { Heartbeat = new Wire.Heartbeat { SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(time.GetUtcNow()) } }, cancellationToken);
                }
                finally
                {
                    _send.Release();
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is RpcException or InvalidOperationException) { }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Simulated agent {Hostname}: its token was refused; it stops (in demo mode, delete demo.json in the data folder to enrol a fresh demo fleet)")]
    private static partial void LogTokenRefused(ILogger logger, string hostname);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Debug, Message = "Simulated agent {Hostname}: stream ended with {Status}; reconnecting")]
    private static partial void LogStreamEnded(ILogger logger, string hostname, StatusCode status);
}
