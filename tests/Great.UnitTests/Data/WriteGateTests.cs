using Great.Web.Data;
using Microsoft.Extensions.Logging;

namespace Great.UnitTests;

public class WriteGateTests
{
    private sealed class Recorder : ILogger<WriteGate>
    {
        public List<string> Warnings { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) lock (Warnings) Warnings.Add(formatter(state, exception));
        }
    }

    [Fact]
    public async Task Should_let_writers_in_one_at_a_time_in_the_order_they_came()
    {
        var gate = new WriteGate(serialize: true, TimeSpan.FromMinutes(5), new Recorder());
        var first = await gate.EnterAsync(CancellationToken.None);
        Assert.NotNull(first);
        var order = new List<int>();

        async Task WriteAsync(Task<IDisposable?> entering, int writer)
        {
            using var pass = await entering;
            lock (order) order.Add(writer);
        }

        // Each call takes its place in the queue before it returns: the arrival order is the order of the calls.
        var entering = new[] { gate.EnterAsync(CancellationToken.None), gate.EnterAsync(CancellationToken.None), gate.EnterAsync(CancellationToken.None) };
        Assert.All(entering, e => Assert.False(e.IsCompleted)); // all three wait while the first writer holds the gate
        var waiting = entering.Select((e, i) => WriteAsync(e, i + 1)).ToArray();
        first!.Dispose();
        await Task.WhenAll(waiting);
        Assert.Equal([1, 2, 3], order);

        // Open again once the last one left.
        using var again = await gate.EnterAsync(CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Should_let_a_writer_go_on_without_the_gate_after_its_patience_and_say_so()
    {
        var log = new Recorder();
        var gate = new WriteGate(serialize: true, TimeSpan.FromMilliseconds(50), log);
        using var holder = await gate.EnterAsync(CancellationToken.None);
        Assert.Null(await gate.EnterAsync(CancellationToken.None)); // returns only when its patience has run out
        Assert.Contains(log.Warnings, w => w.Contains("gave up waiting"));
    }

    [Fact]
    public async Task Should_let_everyone_through_when_the_database_locks_rows_itself()
    {
        var gate = new WriteGate(serialize: false, TimeSpan.FromSeconds(1), new Recorder());
        Assert.Null(await gate.EnterAsync(CancellationToken.None));
    }
}
