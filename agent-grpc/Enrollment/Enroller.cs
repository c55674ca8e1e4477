using Fleet.Agent.Configuration;
using Fleet.Agent.Connection;
using Fleet.Agent.Protocol;
using Fleet.Compliance.Facts;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Enrollment;

/// <summary>
/// Trades a one-time invite code and this device's facts for a device id and agent token, and
/// stores them (owner-readable only). Tries the server URLs in order while they are unreachable;
/// a refused code is final.
/// </summary>
public sealed partial class Enroller(Func<string, Wire.AgentService.AgentServiceClient> clientFor, AgentStore store, TimeProvider time, ILogger<Enroller> logger)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public async Task<AgentConfig> EnrollAsync(IReadOnlyList<string> serverUrls, string inviteCode, DeviceFacts facts, CancellationToken cancellationToken,
        ServerTrust? trust = null)
    {
        if (serverUrls.Count == 0)
        {
            throw new ArgumentException("at least one server URL is needed", nameof(serverUrls));
        }
        var request = new Wire.EnrollRequest { InviteCode = inviteCode, Facts = FactsMapper.ToWire(facts) };
        RpcException? lastUnavailable = null;
        foreach (var url in serverUrls)
        {
            try
            {
                var response = await clientFor(url).EnrollAsync(request, deadline: time.GetUtcNow().Add(Deadline).UtcDateTime, cancellationToken: cancellationToken).ConfigureAwait(false);
                var config = new AgentConfig
                {
                    // The server that answered first, then the others, so `run` starts where enrollment worked.
                    ServerUrls = [url, .. serverUrls.Where(u => u != url)],
                    DeviceId = response.DeviceId,
                    AccountId = response.AccountId,
                    Token = response.AgentToken,
                    EnrolledAt = time.GetUtcNow(),
                    CaCertificatesPem = trust?.CaCertificatesPem,
                    AllowInsecure = trust?.AllowInsecure ?? false,
                };
                store.SaveConfig(config);
                LogEnrolled(logger, config.DeviceId, url);
                return config;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                LogUnavailable(logger, url, e.Status.Detail);
                lastUnavailable = e;
            }
        }
        throw lastUnavailable!;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Enrolled as device {DeviceId} with {Url}")]
    private static partial void LogEnrolled(ILogger logger, string deviceId, string url);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Url} is unavailable: {Detail}")]
    private static partial void LogUnavailable(ILogger logger, string url, string detail);
}
