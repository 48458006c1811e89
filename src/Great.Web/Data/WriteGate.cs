using Nito.AsyncEx;

namespace Great.Web.Data;

/// <summary>
/// SQLite lets one writer at a time into the file. The writers of this process queue here (Nito's AsyncLock, whose
/// waiters are served in the order they came) rather than race for the file lock, where a loser sleeps in SQLite's
/// busy handler while later writers get in first. PostgreSQL locks rows, not the database: there the gate lets
/// everyone through. A writer that waits longer than its patience goes on without the gate, leaves the waiting to
/// SQLite's busy timeout, and says so in the log. Why it exists at all: docs/decisions/ADR-004-sqlite-write-queue.md.
/// </summary>
public sealed class WriteGate(bool serialize, TimeSpan patience, ILogger<WriteGate> log)
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    private readonly AsyncLock _lock = new();

    /// <summary>A pass to dispose when the write is over; null when nothing is held (no queue, or patience ran out).</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (!serialize) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            return await _lock.LockAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("A writer gave up waiting for the write queue after {Seconds} s and goes on without it; SQLite's own lock decides now",
                patience.TotalSeconds);
            return null;
        }
    }
}
