using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Great.Web.Data;

/// <summary>
/// Copies every row of this (SQLite) database into an empty PostgreSQL database, keys and audit trail included,
/// then checks each table's row count: a programme that outgrows one machine keeps its whole history. Each table is
/// read with one SELECT and written with PostgreSQL's binary COPY (Npgsql's importer), each value passed through the
/// model's converters (SQLite's form to the model's, the model's to PostgreSQL's), with a line per table as it ends.
/// </summary>
public static class CopyToPostgres
{
    private const int ProgressEvery = 1_000_000;

    public static async Task<int> RunAsync(GreatDbContext source, string targetConnectionString, TextWriter output)
    {
        var options = new DbContextOptionsBuilder<PostgresGreatDbContext>().UseNpgsql(targetConnectionString).Options;
        await using var target = new PostgresGreatDbContext(options);
        // Building an index over tens of millions of rows outlasts the default 30 seconds.
        target.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        await target.Database.MigrateAsync();
        if (await target.Regions.AnyAsync() || await target.Users.AnyAsync())
        {
            output.WriteLine("The target database is not empty: copy-to-postgres only fills an empty database.");
            return 1;
        }

        var types = InDependencyOrder(target.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null));
        var mismatches = 0;
        var clock = Stopwatch.StartNew();
        await source.Database.OpenConnectionAsync();
        await target.Database.OpenConnectionAsync();
        try
        {
            // As pg_restore does: rows first, then each index built once and each foreign key checked in one pass,
            // instead of maintained and checked row by row (8 million marks' keys checked one by one took minutes).
            var later = await SetAsideAsync(target);
            foreach (var type in types)
            {
                var started = clock.Elapsed;
                var copied = await CopyTableAsync(source, target, type, output);
                var counted = await CountAsync(target, type);
                var seconds = (clock.Elapsed - started).TotalSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{type.GetTableName(),-28} {copied,11:N0} rows copied, {counted,11:N0} in the target, {seconds,7:N1} s"));
                if (copied != counted) mismatches++;
            }
            foreach (var (what, sql) in later)
            {
                var started = clock.Elapsed;
                await target.Database.ExecuteSqlRawAsync(sql);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-60} {(clock.Elapsed - started).TotalSeconds,7:N1} s"));
            }
            await ResetIdentitySequencesAsync(target, types);
        }
        finally
        {
            await source.Database.CloseConnectionAsync();
            await target.Database.CloseConnectionAsync();
        }
        output.WriteLine(mismatches == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Row counts equal in every table. Copied in {clock.Elapsed.TotalSeconds:N1} s.")
            : $"{mismatches} table(s) differ.");
        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>
    /// Drops the freshly migrated database's foreign keys and its indexes other than primary keys, and returns the
    /// statements that make them again (indexes first): what the copy runs once the rows are in.
    /// </summary>
    private static async Task<List<(string What, string Sql)>> SetAsideAsync(PostgresGreatDbContext target)
    {
        var keys = await target.Database.SqlQueryRaw<SetAside>("""
            SELECT conrelid::regclass::text AS "Table", conname AS "Name", pg_get_constraintdef(oid) AS "Definition"
            FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1, 2
            """).ToListAsync();
        var indexes = await target.Database.SqlQueryRaw<SetAside>("""
            SELECT i.tablename AS "Table", i.indexname AS "Name", i.indexdef AS "Definition"
            FROM pg_indexes i
            WHERE i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))
            ORDER BY 1, 2
            """).ToListAsync();
#pragma warning disable EF1002 // names and definitions come from PostgreSQL's own catalogue of the migrated schema
        foreach (var key in keys) await target.Database.ExecuteSqlRawAsync($"ALTER TABLE {key.Table} DROP CONSTRAINT \"{key.Name}\"");
        foreach (var index in indexes) await target.Database.ExecuteSqlRawAsync($"DROP INDEX \"{index.Name}\"");
#pragma warning restore EF1002
        return [.. indexes.Select(i => ($"index {i.Name}", i.Definition)),
                .. keys.Select(k => ($"foreign key {k.Name}", $"ALTER TABLE {k.Table} ADD CONSTRAINT \"{k.Name}\" {k.Definition}"))];
    }

    private sealed record SetAside(string Table, string Name, string Definition);

    /// <summary>One table: every column the model maps, read from SQLite, converted, written by binary COPY.</summary>
    private static async Task<long> CopyTableAsync(GreatDbContext source, PostgresGreatDbContext target, IEntityType targetType, TextWriter output)
    {
        var table = targetType.GetTableName()!;
        var sourceType = source.Model.FindEntityType(targetType.Name)!;
        var columns = targetType.GetProperties().Select(p => new Column(sourceType.FindProperty(p.Name)!, p)).ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Target.GetColumnName()}\""));

        await using var read = source.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // table and column names come from the model, not from input
        read.CommandText = $"SELECT {names} FROM \"{sourceType.GetTableName()}\"";
#pragma warning restore CA2100
        await using var reader = await read.ExecuteReaderAsync();
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
        // A table of tens of millions of rows takes minutes: no command timeout cuts it short.
        writer.Timeout = TimeSpan.FromHours(2);
        long rows = 0;
        while (await reader.ReadAsync())
        {
            await writer.StartRowAsync();
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Read(reader, i) is { } value) await writer.WriteAsync(value, columns[i].DataTypeName);
                else await writer.WriteNullAsync();
            }
            if (++rows % ProgressEvery == 0) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table,-28} {rows,11:N0} rows so far"));
        }
        return (long)await writer.CompleteAsync();
    }

    /// <summary>A column of both databases: read as SQLite's provider type, converted to the model's value, then to PostgreSQL's.</summary>
    private sealed class Column
    {
        private static readonly MethodInfo ReadAs = typeof(Column).GetMethod(nameof(ReadValue), BindingFlags.NonPublic | BindingFlags.Static)!;
        private readonly Func<DbDataReader, int, object?> _read;
        private readonly ValueConverter? _fromSource;
        private readonly ValueConverter? _toTarget;

        public IProperty Target { get; }
        public string DataTypeName { get; }

        public Column(IProperty source, IProperty target)
        {
            Target = target;
            _fromSource = source.GetTypeMapping().Converter;
            _toTarget = target.GetTypeMapping().Converter;
            var stored = Nullable.GetUnderlyingType(_fromSource?.ProviderClrType ?? source.ClrType) ?? _fromSource?.ProviderClrType ?? source.ClrType;
            _read = ReadAs.MakeGenericMethod(stored).CreateDelegate<Func<DbDataReader, int, object?>>();
            // "character varying(200)" is written as "character varying": COPY checks the length itself.
            var storeType = target.GetRelationalTypeMapping().StoreType;
            DataTypeName = storeType.Contains('(') ? storeType[..storeType.IndexOf('(')].Trim() : storeType;
        }

        public object? Read(DbDataReader reader, int ordinal)
        {
            var value = _read(reader, ordinal);
            if (value is null) return null;
            if (_fromSource is not null) value = _fromSource.ConvertFromProvider(value);
            return _toTarget is null || value is null ? value : _toTarget.ConvertToProvider(value);
        }

        private static object? ReadValue<T>(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

#pragma warning disable EF1002 // the table name comes from the model, not from input
    private static Task<long> CountAsync(PostgresGreatDbContext target, IEntityType type) =>
        target.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{type.GetTableName()}\"").SingleAsync();
#pragma warning restore EF1002

    /// <summary>Principal tables before the tables that point at them.</summary>
    private static List<IEntityType> InDependencyOrder(IEnumerable<IEntityType> all)
    {
        var remaining = all.ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0) throw new InvalidOperationException("Circular foreign keys: " + string.Join(", ", remaining.Select(t => t.GetTableName())));
            ordered.AddRange(ready);
            remaining.RemoveAll(ready.Contains);
        }
        return ordered;
    }

    /// <summary>Rows came with their ids: each identity sequence continues after the highest.</summary>
    internal static async Task ResetIdentitySequencesAsync(GreatDbContext target, IEnumerable<IEntityType> types)
    {
        foreach (var type in types)
        {
            var key = type.FindPrimaryKey();
            if (key is not { Properties.Count: 1 } || key.Properties[0].ValueGenerated != ValueGenerated.OnAdd
                || key.Properties[0].ClrType is not (Type t) || (t != typeof(int) && t != typeof(long))) continue;
            var table = type.GetTableName();
            var column = key.Properties[0].GetColumnName();
#pragma warning disable EF1002 // names come from the model, not from input
            await target.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\"");
#pragma warning restore EF1002
        }
    }
}
