using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Great.Web.Data;

/// <summary>
/// Copies every row of this (SQLite) database into an empty PostgreSQL database, keys and audit trail included,
/// then checks each table's row count: a programme that outgrows one machine keeps its whole history.
/// </summary>
public static class CopyToPostgres
{
    private const int BatchSize = 5000;

    public static async Task<int> RunAsync(GreatDbContext source, string targetConnectionString, TextWriter output)
    {
        var options = new DbContextOptionsBuilder<PostgresGreatDbContext>().UseNpgsql(targetConnectionString).Options;
        await using var target = new PostgresGreatDbContext(options);
        await target.Database.MigrateAsync();
        if (await target.Regions.AnyAsync() || await target.Users.AnyAsync())
        {
            output.WriteLine("The target database is not empty: copy-to-postgres only fills an empty database.");
            return 1;
        }

        var types = InDependencyOrder(target.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(Dictionary<string, object>)));
        var copy = typeof(CopyToPostgres).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        var mismatches = 0;
        foreach (var type in types)
        {
            var copied = await (Task<int>)copy.MakeGenericMethod(type.ClrType).Invoke(null, [source, target])!;
            var counted = await CountAsync(target, type);
            output.WriteLine($"{type.GetTableName(),-28} {copied,10} rows copied, {counted,10} in the target");
            if (copied != counted) mismatches++;
        }
        await ResetIdentitySequencesAsync(target, types);
        output.WriteLine(mismatches == 0 ? "Row counts equal in every table." : $"{mismatches} table(s) differ.");
        return mismatches == 0 ? 0 : 1;
    }

    private static async Task<int> CopyTableAsync<T>(GreatDbContext source, PostgresGreatDbContext target) where T : class
    {
        var copied = 0;
        var batch = new List<T>(BatchSize);
        await foreach (var row in source.Set<T>().AsNoTracking().AsAsyncEnumerable())
        {
            batch.Add(row);
            if (batch.Count == BatchSize) copied += await FlushAsync(target, batch);
        }
        return copied + await FlushAsync(target, batch);
    }

    private static async Task<int> FlushAsync<T>(PostgresGreatDbContext target, List<T> batch) where T : class
    {
        if (batch.Count == 0) return 0;
        target.Set<T>().AddRange(batch);
        await target.SaveChangesAsync();
        target.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private static Task<int> CountAsync(PostgresGreatDbContext target, IEntityType type) =>
        (Task<int>)typeof(CopyToPostgres).GetMethod(nameof(CountOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [target])!;

    private static Task<int> CountOfAsync<T>(PostgresGreatDbContext target) where T : class => target.Set<T>().CountAsync();

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
