using System.Net;
using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// Carries out queued deliveries, a bounded number at a time: webhooks (signed POST, per-attempt timeout) and e-mail,
/// each retried with <see cref="DeliveryBackoff"/> on failure, every attempt reported to its rule's delivery log.
/// Deliveries are at-least-once: each is in its rule's stored outbox until it succeeded or failed for good, and a rule
/// resumes its outbox after a restart. Every webhook carries <c>X-Fleet-Delivery: &lt;id&gt;</c>, the same on every
/// attempt, so a receiver can drop repeats.
/// </summary>
public sealed partial class AlertDeliveryWorker(
    AlertDispatcher dispatcher,
    AlertsOptions options,
    IHttpClientFactory httpClients,
    AlertMail mail,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<AlertDeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "fleet-alert-webhooks";
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Host", WebhookSignature.HeaderName, "Transfer-Encoding", DeliveryIdHeader,
    };

    /// <summary>The delivery's id, the same on every attempt and after a restart: receivers drop repeats by it.</summary>
    public const string DeliveryIdHeader = "X-Fleet-Delivery";

    private readonly SemaphoreSlim jobs = new(options.MaxQueuedDeliveries);
    private readonly DeliverySlots slots = new(options.MaxConcurrentDeliveries, options.MaxConcurrentDeliveriesPerAccount);
    private readonly DeliveryBackoff backoff = new(options.MaxAttempts, options.RetryBaseDelay, options.RetryMaxDelay);

    /// <summary>Randomness for the jitter; replaceable in tests.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A job in back-off holds no attempt slot (docs/security.md, Fair sharing): slots are taken per attempt.
            // Jobs in progress, back-off included, are bounded like the queue, so the queue keeps pushing back.
            await foreach (var job in dispatcher.Reader.ReadAllAsync(stoppingToken))
            {
                await jobs.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try { await DeliverAsync(job, stoppingToken); }
                    finally
                    {
                        dispatcher.Done(job.DeliveryId);
                        jobs.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every attempt of one job, until one succeeds, a failure is final, or attempts run out.</summary>
    public async Task DeliverAsync(AlertDeliveryJob job, CancellationToken cancellationToken)
    {
        for (var attempt = job.AttemptsMade + 1; ; attempt++)
        {
            AttemptOutcome outcome;
            try
            {
                await using var slot = await slots.AcquireAsync(AccountOf(job), cancellationToken);
                outcome = await AttemptAsync(job, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogAbandoned(logger, job.DeliveryId, attempt - 1);
                return;
            }
            var delay = outcome.Succeeded || !outcome.Retryable ? null : backoff.DelayAfter(attempt, Random());
            await RecordAsync(job, new AlertDeliveryAttempt(
                job.DeliveryId, job.Action.Type, Target(job.Action), attempt, time.GetUtcNow(),
                outcome.Succeeded, outcome.StatusCode, outcome.Error, Final: delay is null));
            if (delay is null)
                return;
            try
            {
                await Task.Delay(delay.Value, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                LogAbandoned(logger, job.DeliveryId, attempt);
                return;
            }
        }
    }

    private async Task<AttemptOutcome> AttemptAsync(AlertDeliveryJob job, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.WebhookTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            switch (job.Action.Type)
            {
                case AlertAction.Webhook:
                    return await PostAsync(job, linked.Token);
                case AlertAction.Email:
                    await mail.SendAsync(job.Action.Recipients ?? [], job.Subject, job.Text, linked.Token);
                    return new AttemptOutcome(true, null, null, false);
                default:
                    return new AttemptOutcome(false, null, DeliveryFailure.UnknownAction, false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, DeliveryFailure.Timeout, true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or MailKit.ServiceNotConnectedException
                                      or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException
                                      or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException)
        {
            // The account reads the delivery log: a category, never the exception's text about the network behind it.
            var category = job.Action.Type == AlertAction.Email ? DeliveryFailure.MailFailed : DeliveryFailure.Categorize(e);
            LogAttemptFailed(logger, job.DeliveryId, category);
            return new AttemptOutcome(false, null, category, category != DeliveryFailure.DestinationRefused);
        }
    }

    private async Task<AttemptOutcome> PostAsync(AlertDeliveryJob job, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, job.Action.Endpoint);
        request.Content = new ByteArrayContent(job.Body);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Compute(job.Secret, job.Body));
        request.Headers.TryAddWithoutValidation(DeliveryIdHeader, job.DeliveryId);
        foreach (var (name, value) in job.Action.Headers ?? new Dictionary<string, string>())
        {
            if (!ReservedHeaders.Contains(name))
                request.Headers.TryAddWithoutValidation(name, value);
        }
        using var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
            return new AttemptOutcome(true, status, null, false);
        var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        return new AttemptOutcome(false, status, DeliveryFailure.Http(status), retryable);
    }

    private async Task RecordAsync(AlertDeliveryJob job, AlertDeliveryAttempt attempt)
    {
        try
        {
            await grains.GetGrain<IAlertRuleGrain>(job.RuleGrainKey).RecordDelivery(attempt);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRecordFailed(logger, e, job.DeliveryId, attempt.Attempt);
        }
    }

    /// <summary>The account of a job: rule grain keys are <c>{accountId}/{ruleId}</c>.</summary>
    private static string AccountOf(AlertDeliveryJob job) => job.RuleGrainKey.Split('/')[0];

    private static string Target(AlertAction action) =>
        action.Type == AlertAction.Webhook ? action.Endpoint ?? "" : string.Join(", ", action.Recipients ?? []);

    private sealed record AttemptOutcome(bool Succeeded, int? StatusCode, string? Error, bool Retryable);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} abandoned after attempt {Attempt}: the silo is stopping")]
    private static partial void LogAbandoned(ILogger logger, string deliveryId, int attempt);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Attempt of delivery {DeliveryId} failed: {Category}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, string category);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Attempt {Attempt} of delivery {DeliveryId} could not be logged on its rule")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string deliveryId, int attempt);
}
