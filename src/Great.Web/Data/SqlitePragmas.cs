using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// Set on every SQLite connection Great opens.
/// The busy timeout: SQLite lets one writer at a time. Without a busy timeout, a second writer is refused at once and
/// the ADO.NET provider retries after sleeping (150 ms on a busy line, measured as the record-lesson p95 under 16
/// officers); with one, SQLite itself waits and takes the lock within a millisecond or two of its release.
/// The size limit (<c>Database:MaxPageCount</c>, optional, read at each connection's opening so a change applies at
/// once): the most pages the file may grow to, so a database that shares its disk cannot fill it; a save beyond it
/// fails whole (SQLITE_FULL) and the user is told the database is full.
/// </summary>
public sealed class SqlitePragmas(IConfiguration config) : DbConnectionInterceptor
{
    /// <summary>SQLite's own ceiling, for a connection (reused from the pool) whose limit was lifted.</summary>
    private const long NoLimit = 4294967294;

    private string Pragmas => $"PRAGMA busy_timeout = 30000; PRAGMA max_page_count = {config.GetValue<long?>("Database:MaxPageCount") ?? NoLimit};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
