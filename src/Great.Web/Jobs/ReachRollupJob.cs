using System.Globalization;
using System.Text;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Jobs;

/// <summary>
/// Turns attendance into reach figures (ReachRollup rows) with set-based SQL: one statement computes every
/// school × school year × component; municipalities, regions and the programme are sums of their schools
/// (a student belongs to one school), with instructors counted distinct at each level.
/// Safe to run twice: each run replaces the rows it computes, in one transaction.
/// </summary>
public sealed class ReachRollupJob(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, ILogger<ReachRollupJob> log)
{
    // CTE names never match a table's: SQLite compares names without case ("classes" would hide "Classes").

    /// <summary>Nightly: every school, then every upper level.</summary>
    public async Task RunFullAsync()
    {
        var started = time.GetTimestamp();
        await using var tx = await db.Database.BeginTransactionAsync();
        await SerializeAsync();
        await db.RollupRequests.ExecuteDeleteAsync();
        await ComputeSchoolsAsync(schoolId: null);
        await AggregateUpperLevelsAsync();
        await tx.CommitAsync();
        log.LogInformation("Full reach roll-up in {Elapsed} ms", time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Every minute: the schools whose rosters or lessons changed, each once.</summary>
    public async Task RunRequestedAsync()
    {
        var requested = await db.RollupRequests.AsNoTracking().Select(r => new { r.SchoolId, r.RequestedAt }).ToListAsync();
        foreach (var request in requested)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await SerializeAsync();
            // Only the request seen now is taken: a change arriving during the computation asks again.
            await db.RollupRequests.Where(r => r.SchoolId == request.SchoolId && r.RequestedAt == request.RequestedAt).ExecuteDeleteAsync();
            await RecomputeSchoolAsync(request.SchoolId);
            await tx.CommitAsync();
        }
    }

    /// <summary>
    /// One roll-up at a time across all nodes: two would each delete and insert the same rows. SQLite serialises
    /// writers by itself; PostgreSQL is asked for a transaction-scoped advisory lock.
    /// </summary>
    private async Task SerializeAsync()
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72420001)");
    }

    /// <summary>One school, and the levels above it.</summary>
    public async Task RecomputeSchoolAsync(int schoolId)
    {
        await ComputeSchoolsAsync(schoolId);
        await AggregateUpperLevelsAsync();
    }

    private async Task ComputeSchoolsAsync(int? schoolId)
    {
        var now = ProviderValue(time.GetUtcNow());
        if (schoolId is null)
        {
            await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" IN ({(int)RollupLevel.School}, {(int)RollupLevel.Class})", null, now);
        }
        else
        {
            await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.School} AND \"ScopeId\" = @school", schoolId, now);
            await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.Class} AND \"ScopeId\" IN (SELECT \"Id\" FROM \"Classes\" WHERE \"SchoolId\" = @school)", schoolId, now);
        }
        await ExecuteAsync(BaseLevelSql(RollupLevel.School, "c.\"SchoolId\"", schoolId), schoolId, now);
        await ExecuteAsync(BaseLevelSql(RollupLevel.Class, "c.\"Id\"", schoolId), schoolId, now);
    }

    /// <summary>
    /// Schools and classes straight from attendance, in one statement each: the same query grouped by school or by class.
    /// </summary>
    private string BaseLevelSql(RollupLevel level, string key, int? schoolId)
    {
        var schoolFilter = schoolId is null ? "" : "AND c.\"SchoolId\" = @school";
        return $"""
            WITH rules(code, edition, min_lessons, requires_last, lesson_count) AS ({RulesValues()}),
            attended AS (
                SELECT a."EnrollmentId" AS enrollment_id, COUNT(*) AS lessons,
                       MAX(CASE WHEN d."LessonNumber" = r.lesson_count THEN 1 ELSE 0 END) AS has_last
                FROM "Attendance" a
                JOIN "LessonDeliveries" d ON d."Id" = a."DeliveryId"
                JOIN "Classes" c ON c."Id" = d."ClassId"
                JOIN rules r ON r.code = c."ComponentCode" AND r.edition = c."Edition"
                WHERE a."Present" AND d."LessonNumber" BETWEEN 1 AND r.lesson_count {schoolFilter}
                GROUP BY a."EnrollmentId"),
            student_counts AS (
                SELECT {key} AS scope_id, c."SchoolYear" AS school_year, c."ComponentCode" AS component,
                       COUNT(DISTINCT e."StudentId") AS enrolled,
                       COUNT(DISTINCT CASE WHEN t.lessons >= r.min_lessons AND (r.requires_last = 0 OR t.has_last = 1)
                                           THEN e."StudentId" END) AS completed
                FROM "Enrollments" e
                JOIN "Classes" c ON c."Id" = e."ClassId"
                JOIN rules r ON r.code = c."ComponentCode" AND r.edition = c."Edition"
                LEFT JOIN attended t ON t.enrollment_id = e."Id"
                WHERE e."WithdrawnOn" IS NULL AND c."Status" <> {(int)ClassStatus.Cancelled} {schoolFilter}
                GROUP BY {key}, c."SchoolYear", c."ComponentCode"),
            class_counts AS (
                SELECT {key} AS scope_id, c."SchoolYear" AS school_year, c."ComponentCode" AS component,
                       COUNT(*) AS classes, COUNT(DISTINCT c."InstructorId") AS instructors,
                       SUM((SELECT COUNT(*) FROM "LessonDeliveries" d WHERE d."ClassId" = c."Id")) AS lessons,
                       MAX((SELECT MAX(d."TaughtOn") FROM "LessonDeliveries" d WHERE d."ClassId" = c."Id")) AS last_lesson
                FROM "Classes" c
                WHERE c."Status" <> {(int)ClassStatus.Cancelled} {schoolFilter}
                GROUP BY {key}, c."SchoolYear", c."ComponentCode")
            INSERT INTO "ReachRollups" ("Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Classes",
                "StudentsEnrolled", "StudentsCompleted", "LessonsDelivered", "ActiveInstructors", "LastLessonOn", "ComputedAt")
            SELECT {(int)level}, k.scope_id, '', k.school_year, k.component, k.classes,
                   COALESCE(s.enrolled, 0), COALESCE(s.completed, 0), k.lessons, k.instructors,
                   {(level == RollupLevel.Class ? "k.last_lesson" : "CAST(NULL AS DATE)")}, @now
            FROM class_counts k
            LEFT JOIN student_counts s ON s.scope_id = k.scope_id AND s.school_year = k.school_year AND s.component = k.component
            """;
    }

    /// <summary>Municipality, region and programme rows from the school rows; instructors distinct per level.</summary>
    private async Task AggregateUpperLevelsAsync()
    {
        var now = ProviderValue(time.GetUtcNow());
        var school = (int)RollupLevel.School;
        var active = $"c.\"Status\" <> {(int)ClassStatus.Cancelled} AND c.\"InstructorId\" IS NOT NULL";
        await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" NOT IN ({school}, {(int)RollupLevel.Class})", null, now);
        await ExecuteAsync($"""
            INSERT INTO "ReachRollups" ("Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Classes",
                "StudentsEnrolled", "StudentsCompleted", "LessonsDelivered", "ActiveInstructors", "ComputedAt")
            SELECT {(int)RollupLevel.Municipality}, s."RegionId", s."Municipality", r."SchoolYear", r."ComponentCode",
                   SUM(r."Classes"), SUM(r."StudentsEnrolled"), SUM(r."StudentsCompleted"), SUM(r."LessonsDelivered"),
                   (SELECT COUNT(DISTINCT c."InstructorId") FROM "Classes" c JOIN "Schools" s2 ON s2."Id" = c."SchoolId"
                    WHERE s2."RegionId" = s."RegionId" AND s2."Municipality" = s."Municipality" AND c."SchoolYear" = r."SchoolYear"
                      AND c."ComponentCode" = r."ComponentCode" AND {active}), @now
            FROM "ReachRollups" r JOIN "Schools" s ON s."Id" = r."ScopeId"
            WHERE r."Level" = {school}
            GROUP BY s."RegionId", s."Municipality", r."SchoolYear", r."ComponentCode"
            """, null, now);
        await ExecuteAsync($"""
            INSERT INTO "ReachRollups" ("Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Classes",
                "StudentsEnrolled", "StudentsCompleted", "LessonsDelivered", "ActiveInstructors", "ComputedAt")
            SELECT {(int)RollupLevel.Region}, s."RegionId", '', r."SchoolYear", r."ComponentCode",
                   SUM(r."Classes"), SUM(r."StudentsEnrolled"), SUM(r."StudentsCompleted"), SUM(r."LessonsDelivered"),
                   (SELECT COUNT(DISTINCT c."InstructorId") FROM "Classes" c JOIN "Schools" s2 ON s2."Id" = c."SchoolId"
                    WHERE s2."RegionId" = s."RegionId" AND c."SchoolYear" = r."SchoolYear" AND c."ComponentCode" = r."ComponentCode" AND {active}), @now
            FROM "ReachRollups" r JOIN "Schools" s ON s."Id" = r."ScopeId"
            WHERE r."Level" = {school}
            GROUP BY s."RegionId", r."SchoolYear", r."ComponentCode"
            """, null, now);
        await ExecuteAsync($"""
            INSERT INTO "ReachRollups" ("Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Classes",
                "StudentsEnrolled", "StudentsCompleted", "LessonsDelivered", "ActiveInstructors", "ComputedAt")
            SELECT {(int)RollupLevel.Program}, 0, '', r."SchoolYear", r."ComponentCode",
                   SUM(r."Classes"), SUM(r."StudentsEnrolled"), SUM(r."StudentsCompleted"), SUM(r."LessonsDelivered"),
                   (SELECT COUNT(DISTINCT c."InstructorId") FROM "Classes" c
                    WHERE c."SchoolYear" = r."SchoolYear" AND c."ComponentCode" = r."ComponentCode" AND {active}), @now
            FROM "ReachRollups" r
            WHERE r."Level" = {school}
            GROUP BY r."SchoolYear", r."ComponentCode"
            """, null, now);
    }

    /// <summary>The curriculum's completion rules as a VALUES list: the rules live in curriculum/, not in the database.</summary>
    private string RulesValues()
    {
        var rows = new StringBuilder();
        foreach (var c in curriculum.Components)
        {
            if (rows.Length > 0) rows.Append(", ");
            rows.Append(CultureInfo.InvariantCulture, $"('{c.Code.Replace("'", "''")}', '{c.Edition.Replace("'", "''")}', {c.Completion.MinimumLessons}, {(c.Completion.RequiresLastLesson ? 1 : 0)}, {c.LessonCount})");
        }
        return "VALUES " + rows;
    }

    private Task<int> ExecuteAsync(string sql, int? schoolId, object now)
    {
        var parameters = new List<object>();
        var command = sql.Replace("@now", "{0}");
        parameters.Add(now);
        if (schoolId is not null)
        {
            command = command.Replace("@school", "{1}");
            parameters.Add(schoolId.Value);
        }
        return db.Database.ExecuteSqlRawAsync(command, parameters);
    }

    /// <summary>A moment as the provider stores it (SQLite keeps DateTimeOffset as a sortable number).</summary>
    private object ProviderValue(DateTimeOffset moment)
    {
        var converter = db.Model.FindEntityType(typeof(ReachRollup))!.FindProperty(nameof(ReachRollup.ComputedAt))!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(moment) ?? moment;
    }
}
