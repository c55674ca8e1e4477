using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// A delivery in the rule's outbox: stored in the same write as the alert change that caused it, removed once it
/// succeeded or failed for good, so a silo that dies mid-retry leaves it for the next activation to resume
/// (<see cref="Attempts"/> carries on from the last recorded attempt).
/// </summary>
public sealed record PendingDelivery(string DeliveryId, AlertAction Action, byte[] Body, string Subject, string Text, int Attempts);
