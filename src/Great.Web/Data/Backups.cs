using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Great.Web.Data;

/// <summary>Where and how often the SQLite database is copied (<c>Backups:*</c>).</summary>
public sealed class BackupOptions
{
    /// <summary>The folder of the copies; relative to the database's folder. Default: "backups" beside the database.</summary>
    public string Folder { get; set; } = "backups";
    /// <summary>Generations kept: the oldest beyond this go after each good copy.</summary>
    public int Keep { get; set; } = 7;
    /// <summary>When the job copies (cron, the server's UTC). Default: every night at 02:30.</summary>
    public string Schedule { get; set; } = "30 2 * * *";
    /// <summary>A last good copy older than this is a warning on the admin page and in /health.</summary>
    public int WarnAfterHours { get; set; } = 48;
}

/// <summary>A verified copy: its file, its moment, its size, and the rows it holds of the tables that matter most.</summary>
public sealed record BackupCopy(string Path, DateTimeOffset TakenAt, long Bytes, IReadOnlyDictionary<string, long> Rows);

/// <summary>
/// Consistent copies of the live SQLite database, taken while the app runs, with SQLite's online backup API inside
/// one read transaction: the rows counted in the source and the pages copied are the same snapshot, so the copy
/// must hold exactly those rows. A copy is written under a ".partial" name, checked (integrity_check and the counts),
/// and only then renamed to its final name: a file named great-*.db is always a whole, verified copy.
/// PostgreSQL is not copied by Great: its own tools do it (pg_dump, point-in-time recovery).
/// </summary>
public sealed class DatabaseBackup(GreatDbContext db, IOptions<BackupOptions> options, TimeProvider time, ILogger<DatabaseBackup> log)
{
    /// <summary>The tables whose rows are the record: lessons, attendance, rosters, certifications.</summary>
    public static readonly string[] CountedTables =
        ["Students", "Enrollments", "Classes", "LessonDeliveries", "Attendance", "Certifications", "Instructors", "Households", "AspNetUsers"];

    private const string Prefix = "great-", Suffix = ".db", Partial = ".partial", Stamp = "yyyyMMdd-HHmmssfff";

    public bool Applies => db.Database.IsSqlite();

    /// <summary>The database's own file.</summary>
    public string DatabasePath => Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    public string Folder => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DatabasePath)!, options.Value.Folder));

    public async Task<BackupCopy> TakeAsync(CancellationToken cancel = default)
    {
        if (!Applies) throw new InvalidOperationException("Great copies its SQLite database only: back PostgreSQL up with pg_dump or point-in-time recovery.");
        Directory.CreateDirectory(Folder);
        var takenAt = time.GetUtcNow();
        var final = Path.Combine(Folder, $"{Prefix}{takenAt.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture)}{Suffix}");
        var partial = final + Partial;
        File.Delete(partial);
        Dictionary<string, long> rows;
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        {
            await source.OpenAsync(cancel);
            await using var snapshot = source.BeginTransaction(deferred: true);
            rows = await CountAsync(source, cancel, snapshot);
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
            await copy.OpenAsync(cancel);
            source.BackupDatabase(copy);
        }
        try
        {
            await VerifyAsync(partial, rows, cancel);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        File.Move(partial, final);
        var taken = new BackupCopy(final, takenAt, new FileInfo(final).Length, rows);
        foreach (var old in Generations().Skip(Math.Max(1, options.Value.Keep))) File.Delete(old.Path);
        log.LogInformation("Backup {Path}: {Bytes:N0} bytes, {Students:N0} students, {Attendance:N0} attendance marks", final, taken.Bytes, rows["Students"], rows["Attendance"]);
        return taken;
    }

    /// <summary>The kept copies, newest first (their moment is in their name).</summary>
    public IReadOnlyList<(string Path, DateTimeOffset TakenAt)> Generations()
    {
        if (!Directory.Exists(Folder)) return [];
        var copies = new List<(string Path, DateTimeOffset TakenAt)>();
        foreach (var path in Directory.EnumerateFiles(Folder, $"{Prefix}*{Suffix}"))
        {
            if (DateTime.TryParseExact(Path.GetFileNameWithoutExtension(path)[Prefix.Length..], Stamp, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                copies.Add((path, new DateTimeOffset(at, TimeSpan.Zero)));
            }
        }
        return copies.OrderByDescending(c => c.TakenAt).ToList();
    }

    /// <summary>The newest kept copy's age; none when there is no copy.</summary>
    public TimeSpan? LastGoodAge() => Generations() is [var newest, ..] ? time.GetUtcNow() - newest.TakenAt : null;

    /// <summary>No good copy, or the last one older than <see cref="BackupOptions.WarnAfterHours"/> (its age from <see cref="LastGoodAge"/>: the folder is listed once).</summary>
    public bool IsOverdue(TimeSpan? lastGoodAge) => lastGoodAge is not { } age || age > TimeSpan.FromHours(options.Value.WarnAfterHours);

    /// <summary>A file is a whole SQLite database (integrity_check "ok"); with <paramref name="rows"/>, holding exactly those rows.</summary>
    public static async Task<Dictionary<string, long>> VerifyAsync(string file, IReadOnlyDictionary<string, long>? rows = null, CancellationToken cancel = default)
    {
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(cancel);
        await using (var check = copy.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            var answer = (string?)await check.ExecuteScalarAsync(cancel);
            if (answer != "ok") throw new InvalidDataException($"{file} is not a whole database: {answer}");
        }
        var found = await CountAsync(copy, cancel);
        if (rows is not null && rows.FirstOrDefault(r => found.GetValueOrDefault(r.Key, -1) != r.Value) is { Key: not null } wrong)
        {
            throw new InvalidDataException($"{file} holds {found.GetValueOrDefault(wrong.Key, -1):N0} rows of {wrong.Key}, the database {wrong.Value:N0}.");
        }
        return found;
    }

    private static async Task<Dictionary<string, long>> CountAsync(SqliteConnection connection, CancellationToken cancel, SqliteTransaction? snapshot = null)
    {
        var rows = new Dictionary<string, long>();
        foreach (var table in CountedTables)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = snapshot;
            count.CommandText = $"SELECT count(*) FROM \"{table}\"";
            try
            {
                rows[table] = (long)(await count.ExecuteScalarAsync(cancel))!;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 1) // no such table: not a Great database
            {
                throw new InvalidDataException($"{connection.DataSource} has no table {table}: it is not a Great database.");
            }
        }
        return rows;
    }
}

/// <summary>/health: the age of the last good copy (SQLite); degraded when it is overdue. PostgreSQL: not Great's to copy.</summary>
public sealed class BackupHealthCheck(DatabaseBackup backup, IOptions<BackupOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!backup.Applies) return Task.FromResult(HealthCheckResult.Healthy("PostgreSQL: backed up by the database's own tools (pg_dump, point-in-time recovery), not by Great."));
        var age = backup.LastGoodAge();
        var data = new Dictionary<string, object>();
        if (age is { } known) data["lastGoodBackupAgeHours"] = Math.Round(known.TotalHours, 1);
        return Task.FromResult(age is not { } last ? HealthCheckResult.Degraded("No good backup yet.", data: data)
            : backup.IsOverdue(age) ? HealthCheckResult.Degraded($"The last good backup is {last.TotalHours:N0} hours old (more than {options.Value.WarnAfterHours}).", data: data)
            : HealthCheckResult.Healthy($"The last good backup is {last.TotalHours:N1} hours old.", data));
    }
}

/// <summary>
/// Puts a verified copy in place of the SQLite database. A database that holds data is replaced only when asked
/// (<c>--replace</c>, with the app stopped) and never while a connection writes to it; it is not deleted but kept beside
/// the new one, with its -wal and -shm files, under ".before-restore-{moment}": restoring never loses a record either.
/// </summary>
public static class DatabaseRestore
{
    public static async Task<int> PutInPlaceAsync(string from, string target, bool replace, IReadOnlyDictionary<string, long> rows, DateTimeOffset now, TextWriter output, TextWriter errors)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        if (File.Exists(target))
        {
            var held = await HeldRowsAsync(target);
            if (held is null)
            {
                await errors.WriteLineAsync($"Refused: {target} is in use (a connection is writing to it). Stop the app, then restore. Nothing was changed.");
                return 1;
            }
            if (held > 0 && !replace)
            {
                await errors.WriteLineAsync($"Refused: {target} holds data ({held:N0} rows of students, classes, lessons and accounts). Stop the app and run again with --replace to put the copy in its place (the database is kept beside it). Nothing was changed.");
                return 1;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var incoming = target + ".restoring";
        File.Copy(from, incoming, overwrite: true);
        try
        {
            await DatabaseBackup.VerifyAsync(incoming, rows);
        }
        catch (InvalidDataException e)
        {
            File.Delete(incoming);
            await errors.WriteLineAsync($"Refused: the copy changed while it was read ({e.Message}). Nothing was changed.");
            return 1;
        }
        SqliteConnection.ClearAllPools();
        var kept = new List<string>();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (!File.Exists(target + suffix)) continue;
            File.Move(target + suffix, $"{target}.before-restore-{stamp}{suffix}");
            kept.Add($"{target}.before-restore-{stamp}{suffix}");
        }
        File.Move(incoming, target);
        await output.WriteLineAsync($"Restored {target} from {from}: " + string.Join(", ", rows.Select(r => $"{r.Key} {r.Value:N0}")) + "." +
            (kept.Count > 0 ? $" The database it replaced is kept as {string.Join(", ", kept)}." : ""));
        return 0;
    }

    /// <summary>Rows of the record the database holds; null when a connection is writing to it (it is in use).</summary>
    private static async Task<long?> HeldRowsAsync(string target)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false, DefaultTimeout = 1 }.ToString());
        await connection.OpenAsync();
        await using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 0";
        await busy.ExecuteNonQueryAsync();
        try
        {
            await using var exclusive = connection.CreateCommand();
            exclusive.CommandText = "BEGIN IMMEDIATE";
            await exclusive.ExecuteNonQueryAsync();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // busy, locked
        {
            return null;
        }
        long held = 0;
        foreach (var table in new[] { "Students", "Classes", "LessonDeliveries", "AspNetUsers" })
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
            if ((long)(await count.ExecuteScalarAsync())! == 0) continue;
            count.CommandText = $"SELECT count(*) FROM \"{table}\"";
            held += (long)(await count.ExecuteScalarAsync())!;
        }
        await using var rollback = connection.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync();
        return held;
    }
}
