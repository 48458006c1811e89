using System.Security.Claims;
using System.Threading.Channels;
using Great.Web.Data;
using Great.Web.Domain;

namespace Great.Web.Privacy;

/// <summary>
/// The one place that records who saw students' names (<see cref="NameAccess"/>): each page or file that shows names
/// calls it once when it shows them, with how many. A showing of no names is not one. Figures pages never call it.
/// The records go to <see cref="NameAccessWriter"/>, so a page that only shows names never waits for the database's
/// writer (ADR-013).
/// </summary>
public sealed class NameAccessLog(NameAccessWriter writer, GreatDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public Task RecordAsync(NameView view, int? classId, int names, int? studentId = null) =>
        RecordAsync(view, [(classId, names)], studentId);

    /// <summary>A file that carries several classes' names (the phone's kit): one record per class, written together.</summary>
    public Task RecordAsync(NameView view, IEnumerable<(int ClassId, int Names)> classes) =>
        RecordAsync(view, classes.Select(c => ((int?)c.ClassId, c.Names)));

    private async Task RecordAsync(NameView view, IEnumerable<(int? ClassId, int Names)> shown, int? studentId = null)
    {
        var user = http.HttpContext?.User;
        var at = time.GetUtcNow();
        var records = shown.Where(s => s.Names > 0).Select(s => new NameAccess
        {
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "?" : "system",
            At = at,
            View = view,
            ClassId = s.ClassId,
            StudentId = studentId,
            Names = s.Names,
        }).ToList();
        if (records.Count == 0) return;
        var left = await writer.EnqueueAsync(records, CancellationToken.None);
        if (left.Count == 0) return;
        // The writer has stopped (the app is stopping; the server still answers what it was asked): saved here instead.
        db.NameAccesses.AddRange(left);
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// Writes the records of <see cref="NameAccessLog"/> off the request's path: a bounded in-process queue, drained by
/// one writer in batches of up to <see cref="BatchSize"/>, each batch one save (one transaction, one turn at the write
/// queue). A graceful stop writes everything queued before the process ends; records that arrive after the writer
/// stopped are saved by the request itself. A crash loses what was queued and not yet written — the last moments'
/// records, at most one batch under normal load (ADR-013).
/// </summary>
public sealed class NameAccessWriter(IServiceScopeFactory scopes, ILogger<NameAccessWriter> log) : BackgroundService
{
    public const int BatchSize = 500;

    // Bounded: under a burst the pages wait for room rather than the queue growing without end (nothing is dropped).
    private readonly Channel<NameAccess> _queue = Channel.CreateBounded<NameAccess>(
        new BoundedChannelOptions(10 * BatchSize) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private long _queued;
    private long _done;
    private TaskCompletionSource _batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queues the records; returns those it could not take because the writer has stopped (the caller saves them).</summary>
    public async Task<IReadOnlyList<NameAccess>> EnqueueAsync(IReadOnlyList<NameAccess> records, CancellationToken cancellationToken)
    {
        for (var i = 0; i < records.Count; i++)
        {
            try
            {
                await _queue.Writer.WriteAsync(records[i], cancellationToken);
            }
            catch (ChannelClosedException)
            {
                return records.Skip(i).ToList();
            }
            Interlocked.Increment(ref _queued);
        }
        return [];
    }

    /// <summary>Until every record queued before the call is written (or given up on, and logged).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued);
        while (true)
        {
            var next = Volatile.Read(ref _batchDone);
            if (Interlocked.Read(ref _done) >= target) return;
            await next.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<NameAccess>(BatchSize);
        // Not the stopping token: a stop completes the queue (StopAsync), and what is in it is still written.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record)) batch.Add(record);
            await WriteAsync(batch);
            Interlocked.Add(ref _done, batch.Count);
            batch.Clear();
            Interlocked.Exchange(ref _batchDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<NameAccess> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
                db.NameAccesses.AddRange(batch);
                await db.SaveChangesAsync();
                return;
            }
            catch (Exception e) when (attempt < 3)
            {
                log.LogWarning(e, "Writing {Count} name-access records failed (attempt {Attempt}); trying again", batch.Count, attempt);
            }
            catch (Exception e)
            {
                log.LogError(e, "{Count} name-access records could not be written and are lost", batch.Count);
                return;
            }
        }
    }
}
