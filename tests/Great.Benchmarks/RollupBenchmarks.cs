using System.Diagnostics;
using System.Globalization;
using System.Text;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.Benchmarks;

/// <summary>
/// The nightly full roll-up against the same figures computed by one hand-written SQL query on the same file;
/// the two results are compared row by row, so the baseline is known to compute the same thing.
/// </summary>
public static class RollupBenchmarks
{
    private sealed record Figures(int Classes, int Enrolled, int Completed, int Lessons, int Instructors);

    public static async Task<(TimeSpan Rollup, TimeSpan Query, int Rows)> FullAsync(BenchmarkHost host, string databasePath, int repeat)
    {
        var (rollup, _) = await Load.MedianAsync(repeat, () => host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ReachRollupJob>().RunFullAsync();
            return 0;
        }));
        var sql = HandWrittenQuery(host.Services.GetRequiredService<CurriculumCatalogue>());
        var (query, computed) = await Load.MedianAsync(repeat, () => RunQueryAsync(databasePath, sql));

        var stored = await host.DbAsync(db => db.ReachRollups.AsNoTracking().ToDictionaryAsync(
            r => (r.Level, r.ScopeId, r.Municipality, r.SchoolYear, r.ComponentCode),
            r => new Figures(r.Classes, r.StudentsEnrolled, r.StudentsCompleted, r.LessonsDelivered, r.ActiveInstructors)));
        var differences = computed.Where(c => !stored.TryGetValue(c.Key, out var s) || s != c.Value).Take(5).ToList();
        if (stored.Count != computed.Count || differences.Count > 0)
            throw new InvalidOperationException($"The roll-up ({stored.Count} rows) and the hand-written query ({computed.Count} rows) disagree: " +
                string.Join("; ", differences.Select(d => $"{d.Key}: query {d.Value}, roll-up {(stored.TryGetValue(d.Key, out var s) ? s : null)}")));
        return (rollup, query, stored.Count);
    }

    /// <summary>
    /// Incremental roll-up after one lesson recorded: what the every-minute job does for the one school that asked.
    /// <paramref name="recordOne"/> records a lesson through the app (which writes the school's request).
    /// </summary>
    public static async Task<LoadResult> IncrementalAsync(BenchmarkHost host, int samples, Func<int, Task<bool>> recordOne)
    {
        await RunRequestedAsync(host); // what earlier scenarios asked for
        var latencies = new List<double>();
        var failures = 0;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            if (!await recordOne(i)) failures++;
            var pending = await host.DbAsync(db => db.RollupRequests.CountAsync());
            if (pending != 1) failures++;
            var started = Stopwatch.GetTimestamp();
            await RunRequestedAsync(host);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return LoadResult.From(latencies, failures, wall.Elapsed);
    }

    private static Task<int> RunRequestedAsync(BenchmarkHost host) => host.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<ReachRollupJob>().RunRequestedAsync();
        return 0;
    });

    private static async Task<Dictionary<(RollupLevel, int, string, int, string), Figures>> RunQueryAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        var result = new Dictionary<(RollupLevel, int, string, int, string), Figures>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(((RollupLevel)reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4)),
                new Figures(reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9)));
        }
        return result;
    }

    /// <summary>
    /// Every level's figures in one SELECT: each enrolment's progress computed once (a materialised CTE), then grouped
    /// by class, school, municipality, region and programme. Written for this comparison only; the app never runs it.
    /// </summary>
    private static string HandWrittenQuery(CurriculumCatalogue curriculum)
    {
        var rules = string.Join(", ", curriculum.Components.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"('{c.Code}', '{c.Edition}', {c.Completion.MinimumLessons}, {(c.Completion.RequiresLastLesson ? 1 : 0)}, {c.LessonCount})")));
        var levels = new (RollupLevel Level, string Key, string Municipality)[]
        {
            (RollupLevel.Class, "class_id", "''"), (RollupLevel.School, "school_id", "''"), (RollupLevel.Municipality, "region_id", "municipality"),
            (RollupLevel.Region, "region_id", "''"), (RollupLevel.Program, "0", "''"),
        };
        var selects = levels.Select(l => $"""
            SELECT {(int)l.Level} AS level, k.scope_id, k.municipality, k.yr, k.comp, k.classes, COALESCE(s.enrolled, 0), COALESCE(s.completed, 0), k.lessons, k.instructors
            FROM (SELECT {l.Key} AS scope_id, {l.Municipality} AS municipality, yr, comp, COUNT(*) AS classes, SUM(lessons) AS lessons,
                         COUNT(DISTINCT instructor) AS instructors
                  FROM facts GROUP BY 1, 2, yr, comp) k
            LEFT JOIN (SELECT {l.Key} AS scope_id, {l.Municipality} AS municipality, yr, comp, COUNT(DISTINCT student_id) AS enrolled,
                              COUNT(DISTINCT CASE WHEN completed = 1 THEN student_id END) AS completed
                       FROM progress GROUP BY 1, 2, yr, comp) s
              ON s.scope_id = k.scope_id AND s.municipality = k.municipality AND s.yr = k.yr AND s.comp = k.comp
            """);
        var sql = new StringBuilder($"""
            WITH rules(code, edition, min_lessons, requires_last, lesson_count) AS (VALUES {rules}),
            facts AS MATERIALIZED (
                SELECT c."Id" AS class_id, c."SchoolId" AS school_id, sc."Municipality" AS municipality, sc."RegionId" AS region_id,
                       c."SchoolYear" AS yr, c."ComponentCode" AS comp, c."InstructorId" AS instructor,
                       (SELECT COUNT(*) FROM "LessonDeliveries" d WHERE d."ClassId" = c."Id") AS lessons,
                       r.min_lessons, r.requires_last, r.lesson_count
                FROM "Classes" c JOIN "Schools" sc ON sc."Id" = c."SchoolId"
                JOIN rules r ON r.code = c."ComponentCode" AND r.edition = c."Edition"
                WHERE c."Status" <> {(int)ClassStatus.Cancelled}),
            progress AS MATERIALIZED (
                SELECT e."StudentId" AS student_id, f.class_id, f.school_id, f.municipality, f.region_id, f.yr, f.comp,
                       CASE WHEN COUNT(d."Id") >= f.min_lessons AND (f.requires_last = 0 OR MAX(d."LessonNumber" = f.lesson_count) = 1)
                            THEN 1 ELSE 0 END AS completed
                FROM facts f
                JOIN "Enrollments" e ON e."ClassId" = f.class_id AND e."WithdrawnOn" IS NULL
                LEFT JOIN "Attendance" a ON a."EnrollmentId" = e."Id" AND a."Present"
                LEFT JOIN "LessonDeliveries" d ON d."Id" = a."DeliveryId" AND d."LessonNumber" BETWEEN 1 AND f.lesson_count
                GROUP BY e."Id")
            """);
        sql.AppendLine().Append(string.Join("\nUNION ALL\n", selects));
        return sql.ToString();
    }
}
