namespace Great.Web.Data;

/// <summary>
/// SQLite lets one writer at a time into the file. The writers of this process (each save that opens its own
/// transaction) queue here, first come first served, rather than race for the file lock, where a loser sleeps in
/// SQLite's busy handler (up to 100 ms a try) while later writers get in first. PostgreSQL locks rows, not the
/// database: there the gate lets everyone through. A writer that waits longer than the database itself would
/// (30 s) goes on without the gate and leaves the waiting to SQLite.
/// </summary>
public sealed class WriteGate(bool serialize)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null) return null;
        return await _semaphore.WaitAsync(Patience, cancellationToken) ? new Pass(_semaphore) : null;
    }

    public IDisposable? Enter()
    {
        if (_semaphore is null) return null;
        return _semaphore.Wait(Patience) ? new Pass(_semaphore) : null;
    }

    private sealed class Pass(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}
