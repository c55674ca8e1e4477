namespace Fleet.Browser.Tests.Infrastructure;

/// <summary>Awaits a condition that becomes true asynchronously (index projections, graph writes), with a deadline.</summary>
public static class Eventually
{
    public static async Task SucceedsAsync(Func<Task> attempt, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is InvalidOperationException or HttpRequestException)
            {
                await Task.Delay(250);
            }
            catch (Exception e)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {timeout.TotalSeconds:0} s: {e.Message}", e);
            }
        }
    }
}
