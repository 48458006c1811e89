using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// A testing knob for the crash tests (ADR-017), inert unless <c>Testing:HoldCommitOfWritesTo</c> names a table: a
/// transaction that wrote to that table is held just before its commit — every row written, none committed — and
/// says so on standard error, so a test can kill the process at exactly that moment and prove that nothing of it
/// survives. Never set in a deployment: writes to that table would wait for ever.
/// </summary>
public sealed partial class CommitHold(string table) : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string Setting = "Testing:HoldCommitOfWritesTo";
    public const string Announcement = "Holding the commit of a transaction that wrote to";

    private readonly Regex _writes = new($@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+""?{Regex.Escape(table)}""?[\s(]", RegexOptions.IgnoreCase);
    private readonly ConditionalWeakTable<DbTransaction, object> _wrote = [];

    /// <summary>The knob when the setting names a table, else nothing.</summary>
    public static IInterceptor[] From(IConfiguration config) => config[Setting] is { Length: > 0 } table ? [new CommitHold(table)] : [];

    private void Note(DbCommand command)
    {
        if (command.Transaction is { } tx && _writes.IsMatch(command.CommandText)) _wrote.AddOrUpdate(tx, this);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Note(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Note(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Note(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Holds(transaction)) Thread.Sleep(Timeout.Infinite);
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        // Until the process is killed, or the commit is called off by a stop request (the graceful shutdown test).
        if (Holds(transaction)) await Task.Delay(Timeout.Infinite, cancellationToken);
        return result;
    }

    private bool Holds(DbTransaction transaction)
    {
        if (!_wrote.TryGetValue(transaction, out _)) return false;
        // Straight to standard error, not through the logger's queue: the test must see it while the commit waits.
        Console.Error.WriteLine($"{Announcement} {table} ({Setting}).");
        Console.Error.Flush();
        return true;
    }
}
