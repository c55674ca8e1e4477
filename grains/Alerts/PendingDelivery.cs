using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// A delivery in the rule's outbox: stored in the same write as the alert change that caused it, removed once it
/// succeeded or failed for good, so a silo that dies mid-retry leaves it for the next activation to resume
/// (<see cref="Attempts"/> carries on from the last recorded attempt).
/// </summary>
[GenerateSerializer, Alias("fleet.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] AlertAction Action,
    [property: Id(2)] byte[] Body,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Text,
    [property: Id(5)] int Attempts);
