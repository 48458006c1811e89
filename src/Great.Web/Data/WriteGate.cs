namespace Great.Web.Data;

/// <summary>
/// SQLite lets one writer at a time into the file. The writers of this process (each save that opens its own
/// transaction) queue here, first come first served, rather than race for the file lock, where a loser sleeps in
/// SQLite's busy handler (up to 100 ms a try) while later writers get in first. PostgreSQL locks rows, not the
/// database: there the gate lets everyone through. A writer that waits longer than the database itself would
/// (30 s) goes on without the gate and leaves the waiting to SQLite.
/// </summary>
/// <remarks>A queue of its own, so the order is the one a writer arrived in by construction (SemaphoreSlim does not document one).</remarks>
public sealed class WriteGate(bool serialize)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private bool _held;

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (!serialize) return null;
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return new Pass(this);
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(turn);
        }
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Patience);
            await using (timeout.Token.Register(() => turn.TrySetCanceled()))
            {
                try
                {
                    await turn.Task;
                    return new Pass(this);
                }
                catch (OperationCanceledException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return null;
                }
            }
        }
    }

    public IDisposable? Enter() => EnterAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Hands the gate to the next writer still waiting, or opens it.</summary>
    private void Leave()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult()) return;
            }
            _held = false;
        }
    }

    private sealed class Pass(WriteGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Leave();
        }
    }
}
