namespace Fleet.Grains.Storage;

/// <summary>
/// A grain state that carries rows bound for another table (an outbox, e.g. a device's history rows). Group-commit
/// storage writes them in the same transaction as the state, so the grain awaits one commit instead of two and the
/// rows are never committed without the state that counts them. Storage that cannot (Orleans' ADO.NET provider) leaves
/// them pending: the grain appends them itself, as before.
/// </summary>
public interface IStateOutbox
{
    /// <summary>The rows pending now, as a write joining the state's transaction; null when none are.</summary>
    OutboxWrite? PendingWrite();

    /// <summary>The rows of <paramref name="write"/> are committed with the state: they leave the outbox.</summary>
    void Committed(OutboxWrite write);
}

/// <summary>
/// The first <see cref="Count"/> rows of an outbox and the statements that insert them. <see cref="Apply"/> may run
/// twice (its batch failed, then alone), so it must be idempotent.
/// </summary>
public sealed record OutboxWrite(int Count, Func<BatchTransaction, Task> Apply);
