using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// SQLite lets one writer at a time. Without a busy timeout, a second writer is refused at once and the ADO.NET
/// provider retries after sleeping (150 ms on a busy line, measured as the record-lesson p95 under 16 officers);
/// with one, SQLite itself waits and takes the lock within a millisecond or two of its release.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
