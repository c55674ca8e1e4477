using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors;

/// <summary>
/// The promise every collector keeps: no exception escapes; a failure becomes Unknown with its reason.
/// </summary>
public static class FactGuard
{
    public static async Task<Fact> RunAsync(Func<CancellationToken, Task<Fact>> collect, CancellationToken cancellationToken)
    {
        try
        {
            return await collect(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Fact.Unknown("collection was cancelled (scan budget exhausted)");
        }
        catch (Exception e)
        {
            return Fact.Unknown($"collector failed: {e.GetType().Name}: {e.Message}");
        }
    }

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> collect, Func<string, T> unknown, CancellationToken cancellationToken)
    {
        try
        {
            return await collect(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return unknown("collection was cancelled (scan budget exhausted)");
        }
        catch (Exception e)
        {
            return unknown($"collector failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
