using System.Collections.Concurrent;
using System.Diagnostics;

namespace Great.Benchmarks;

/// <summary>Latencies of one scenario: percentiles and throughput.</summary>
public sealed record LoadResult(int Requests, int Failures, TimeSpan Wall, double P50Ms, double P95Ms, double MaxMs)
{
    public double PerSecond => Requests / Wall.TotalSeconds;

    public static LoadResult From(IReadOnlyCollection<double> latenciesMs, int failures, TimeSpan wall)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LoadResult(sorted.Length, failures, wall, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Length == 0 ? 0 : sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public static class Load
{
    /// <summary>
    /// <paramref name="clients"/> loops running at once; each calls <paramref name="request"/> with its own index and a
    /// running number until it returns null (nothing left) or <paramref name="perClient"/> requests are done. Only the
    /// request itself is timed; the returned bool says whether the app answered as it should.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int clients, int perClient, Func<int, int, Task<bool>?> request)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; n < perClient; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var call = request(client, n);
                if (call is null) break;
                var ok = await call;
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref failures);
            }
        })));
        wall.Stop();
        return LoadResult.From(latencies, failures, wall.Elapsed);
    }

    /// <summary>Runs <paramref name="work"/> <paramref name="times"/> times one after the other; the median duration.</summary>
    public static async Task<(TimeSpan Median, T Last)> MedianAsync<T>(int times, Func<Task<T>> work)
    {
        var durations = new List<TimeSpan>();
        T last = default!;
        for (var i = 0; i < times; i++)
        {
            var clock = Stopwatch.StartNew();
            last = await work();
            durations.Add(clock.Elapsed);
        }
        durations.Sort();
        return (durations[durations.Count / 2], last);
    }
}
