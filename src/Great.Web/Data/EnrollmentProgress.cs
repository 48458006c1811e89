using Microsoft.EntityFrameworkCore;

namespace Great.Web.Data;

/// <summary>
/// The one definition of an enrolment's kept progress (<see cref="Domain.Enrollment.LessonsAttended"/> and
/// <see cref="Domain.Enrollment.HighestLessonAttended"/>): its present marks counted, and the highest lesson number among
/// them. The save pipeline recounts the enrolments a save touched (<see cref="DomainEventDispatcher"/>); the nightly
/// verification and the <c>rebuild-progress</c> command recount every enrolment and correct those that differ.
/// See docs/decisions/ADR-011-progress-kept-at-write-time.md.
/// </summary>
public static class EnrollmentProgress
{
    private const string Counted = """
        SELECT a."EnrollmentId" AS enrollment_id, COUNT(*) AS lessons, MAX(d."LessonNumber") AS highest
        FROM "Attendance" a JOIN "LessonDeliveries" d ON d."Id" = a."DeliveryId"
        WHERE a."Present"
        """;

    /// <summary>
    /// Every enrolment whose kept progress differs from a recount of its marks, with the recount: one pass over the
    /// present marks, grouped (not a subquery per enrolment).
    /// </summary>
    private const string Differing = $"""
        SELECT e."Id" AS id, COALESCE(t.lessons, 0) AS lessons, COALESCE(t.highest, 0) AS highest
        FROM "Enrollments" e LEFT JOIN ({Counted} GROUP BY a."EnrollmentId") t ON t.enrollment_id = e."Id"
        WHERE e."LessonsAttended" <> COALESCE(t.lessons, 0) OR e."HighestLessonAttended" <> COALESCE(t.highest, 0)
        """;

    /// <summary>Corrects every enrolment that differs from a recount (both providers have UPDATE … FROM); used by the migration that added the columns.</summary>
    public const string RebuildSql = $"""
        UPDATE "Enrollments" SET "LessonsAttended" = x.lessons, "HighestLessonAttended" = x.highest
        FROM ({Differing}) x WHERE "Enrollments"."Id" = x.id
        """;

    /// <summary>How many enrolments' kept progress differs from a recount of their attendance; changes nothing.</summary>
    public static async Task<int> CountDifferingAsync(GreatDbContext db, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM ({Differing}) x").SingleAsync(ct);

    /// <summary>Recounts every enrolment and corrects those that differ; returns how many were corrected.</summary>
    public static Task<int> RebuildAsync(GreatDbContext db, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    /// <summary>Recounts the given enrolments and every enrolment of the given classes, in the caller's transaction.</summary>
    public static async Task RecountAsync(GreatDbContext db, IEnumerable<int> enrollmentIds, IEnumerable<int> classIds, CancellationToken ct = default)
    {
        // Ids are integers from the change tracker, written inline; in chunks so no statement grows without bound.
        foreach (var chunk in enrollmentIds.Where(id => id > 0).Distinct().Order().Chunk(500))
        {
            await db.Database.ExecuteSqlRawAsync(RecountSql($"\"Id\" IN ({string.Join(", ", chunk)})"), ct);
        }
        foreach (var chunk in classIds.Where(id => id > 0).Distinct().Order().Chunk(500))
        {
            await db.Database.ExecuteSqlRawAsync(RecountSql($"\"ClassId\" IN ({string.Join(", ", chunk)})"), ct);
        }
    }

    // A few enrolments: a subquery each, through the index on Attendance(EnrollmentId).
    private static string RecountSql(string which) => $"""
        UPDATE "Enrollments" SET
            "LessonsAttended" = (SELECT COUNT(*) FROM "Attendance" a WHERE a."EnrollmentId" = "Enrollments"."Id" AND a."Present"),
            "HighestLessonAttended" = COALESCE((SELECT MAX(d."LessonNumber") FROM "Attendance" a JOIN "LessonDeliveries" d ON d."Id" = a."DeliveryId"
                                                WHERE a."EnrollmentId" = "Enrollments"."Id" AND a."Present"), 0)
        WHERE {which}
        """;
}
