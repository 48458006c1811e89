namespace Great.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition of another process or thread, checking it at a short interval, and fails with what was awaited.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var interval = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            try
            {
                await interval.WaitForNextTickAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:N0} s: {what}");
            }
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) => HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
