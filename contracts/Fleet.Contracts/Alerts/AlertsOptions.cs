namespace Fleet.Contracts.Alerts;

/// <summary>Alert rules and their deliveries (section <c>Fleet:Alerts</c>).</summary>
public sealed class AlertsOptions
{
    public const string Section = "Fleet:Alerts";

    /// <summary>At least this long between two on-change evaluations of one rule.</summary>
    public TimeSpan MinEvaluationInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Shortest polling interval a rule may ask for (a reminder's granularity).</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One webhook attempt is abandoned after this long (a hanging target costs one worker this long, never ingestion).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Lets webhooks reach loopback and private (RFC 1918, unique-local) addresses: on-premises receivers and tests.
    /// Link-local (cloud metadata), unspecified and multicast addresses stay refused (docs/security.md).
    /// </summary>
    public bool AllowPrivateWebhookDestinations { get; set; }

    public int MaxAttempts { get; set; } = 6;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries waiting for a worker, per silo; beyond it a delivery is refused and logged as failed.</summary>
    public int MaxQueuedDeliveries { get; set; } = 10_000;

    /// <summary>Delivery attempts in flight at once, per silo (a delivery waiting out its back-off holds none).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>
    /// Attempts in flight at once for one account, per silo: an account whose endpoint hangs holds at most this many of
    /// <see cref="MaxConcurrentDeliveries"/>, so other accounts' deliveries go on (docs/security.md, Fair sharing).
    /// </summary>
    public int MaxConcurrentDeliveriesPerAccount { get; set; } = 4;

    /// <summary>Bounds of each rule's grain state.</summary>
    public int HistoryLimit { get; set; } = 200;
    public int DeliveryLogLimit { get; set; } = 200;
    public int EndedAlertsKept { get; set; } = 20;
    public int EntitiesPerAlert { get; set; } = 25;
    public int MaxStoredResultIds { get; set; } = 5_000;
}
