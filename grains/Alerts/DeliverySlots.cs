namespace Fleet.Grains.Alerts;

/// <summary>
/// Attempt slots of the delivery worker: at most <c>total</c> attempts at once, and at most <c>perAccount</c> of them for
/// one account. The account's slot is taken first, so an account waiting for its own slot holds none of the shared ones.
/// </summary>
public sealed class DeliverySlots(int total, int perAccount)
{
    private readonly SemaphoreSlim shared = new(total);
    private readonly Dictionary<string, AccountSlots> accounts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<IAsyncDisposable> AcquireAsync(string accountId, CancellationToken cancellationToken)
    {
        AccountSlots account;
        lock (gate)
        {
            if (!accounts.TryGetValue(accountId, out account!))
                accounts[accountId] = account = new AccountSlots(new SemaphoreSlim(perAccount));
            account.Users++;
        }
        try
        {
            await account.Semaphore.WaitAsync(cancellationToken);
            try
            {
                await shared.WaitAsync(cancellationToken);
            }
            catch
            {
                account.Semaphore.Release();
                throw;
            }
        }
        catch
        {
            Leave(accountId, account);
            throw;
        }
        return new Slot(this, accountId, account);
    }

    private void Leave(string accountId, AccountSlots account)
    {
        lock (gate)
        {
            if (--account.Users == 0)
                accounts.Remove(accountId);
        }
    }

    private sealed class AccountSlots(SemaphoreSlim semaphore)
    {
        public SemaphoreSlim Semaphore { get; } = semaphore;
        public int Users { get; set; }
    }

    private sealed class Slot(DeliverySlots owner, string accountId, AccountSlots account) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.shared.Release();
                account.Semaphore.Release();
                owner.Leave(accountId, account);
            }
            return ValueTask.CompletedTask;
        }
    }
}
