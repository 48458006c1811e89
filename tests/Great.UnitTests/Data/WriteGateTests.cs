using Great.Web.Data;

namespace Great.UnitTests;

public class WriteGateTests
{
    [Fact]
    public async Task Should_let_writers_in_one_at_a_time_in_the_order_they_came()
    {
        var gate = new WriteGate(serialize: true);
        var first = await gate.EnterAsync(CancellationToken.None);
        Assert.NotNull(first);
        var order = new List<int>();

        async Task WriteAsync(ValueTask<IDisposable?> entering, int writer)
        {
            using var pass = await entering;
            lock (order) order.Add(writer);
        }

        // Each call takes its place in the queue before it returns: the arrival order is the order of the calls.
        var waiting = new[] { WriteAsync(gate.EnterAsync(CancellationToken.None), 1), WriteAsync(gate.EnterAsync(CancellationToken.None), 2),
            WriteAsync(gate.EnterAsync(CancellationToken.None), 3) };
        await Task.Delay(100);
        Assert.Empty(order); // all three wait while the first writer holds the gate
        first!.Dispose();
        first.Dispose(); // a second release of the same pass changes nothing
        await Task.WhenAll(waiting);
        Assert.Equal([1, 2, 3], order);

        // Still one at a time: the double release above did not open a second place.
        var holder = gate.Enter();
        var next = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        holder!.Dispose();
        Assert.NotNull(await next);
    }

    [Fact]
    public async Task Should_let_everyone_through_when_the_database_locks_rows_itself()
    {
        var gate = new WriteGate(serialize: false);
        Assert.Null(await gate.EnterAsync(CancellationToken.None));
        Assert.Null(gate.Enter());
    }
}
