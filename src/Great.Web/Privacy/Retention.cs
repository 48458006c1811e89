using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Privacy;

/// <summary>Configuration of <see cref="RetentionPolicy"/> (<c>Privacy:Retention:SchoolYearsKept</c>).</summary>
public sealed class RetentionOptions
{
    public int SchoolYearsKept { get; set; } = RetentionPolicy.DefaultSchoolYearsKept;

    public RetentionPolicy Policy => new(Math.Max(0, SchoolYearsKept));
}

/// <summary>A student whose name is still kept, with the school year of their last class (none: never enrolled).</summary>
/// <remarks>Properties, not a positional record: queries filter and group on them, which EF translates only through a member initialiser.</remarks>
public sealed class KeptStudent
{
    public int StudentId { get; init; }
    public int SchoolId { get; init; }
    public int RegionId { get; init; }
    public int? LastSchoolYear { get; init; }
}

/// <summary>
/// Which names are removed when: the students still named, each with the school year of their last class, and the
/// schools on hold. The retention job takes the ones due; the administrators' page shows what comes next.
/// </summary>
public static class RetentionSchedule
{
    /// <summary>Every student still named, with their last class's school year (the class at any place: a Families group at a site counts).</summary>
    public static IQueryable<KeptStudent> KeptStudents(GreatDbContext db) =>
        db.Students.Where(s => s.PseudonymisedAt == null)
            .Select(s => new KeptStudent
            {
                StudentId = s.Id, SchoolId = s.SchoolId, RegionId = s.School.RegionId,
                LastSchoolYear = db.Enrollments.Where(e => e.StudentId == s.Id).Max(e => (int?)e.Class.SchoolYear),
            });

    /// <summary>Students enrolled anywhere at a held school are kept with it, as are the held school's own students.</summary>
    public static IQueryable<KeptStudent> NotHeld(this IQueryable<KeptStudent> students, GreatDbContext db) =>
        students.Where(k => !db.RetentionHolds.Any(h => h.SchoolId == k.SchoolId)
            && !db.Enrollments.Any(e => e.StudentId == k.StudentId && db.RetentionHolds.Any(h => h.SchoolId == e.Class.SchoolId)));

    /// <summary>The students of a region whose names are due for removal today.</summary>
    public static IQueryable<KeptStudent> Due(GreatDbContext db, RetentionPolicy policy, Region region, DateOnly today)
    {
        var dueThrough = policy.DueThrough(region.SchoolYearOf(today));
        return KeptStudents(db).Where(k => k.RegionId == region.Id && k.LastSchoolYear != null && k.LastSchoolYear <= dueThrough).NotHeld(db);
    }

    /// <summary>
    /// The name removals still to come, by school and day: how many names go, and whether the school is on hold.
    /// Students never enrolled in a class are not scheduled (they have no last class to count from).
    /// </summary>
    public static async Task<IReadOnlyList<Upcoming>> UpcomingAsync(GreatDbContext db, RetentionPolicy policy)
    {
        var groups = await KeptStudents(db).Where(k => k.LastSchoolYear != null)
            .GroupBy(k => new { k.SchoolId, k.LastSchoolYear })
            .Select(g => new { g.Key.SchoolId, Last = g.Key.LastSchoolYear!.Value, Students = g.Count() }).ToListAsync();
        var schoolIds = groups.Select(g => g.SchoolId).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, Region = s.Region.Name, s.Region.SchoolYearStartMonth }).ToDictionaryAsync(s => s.Id);
        var held = (await db.RetentionHolds.Select(h => h.SchoolId).ToListAsync()).ToHashSet();
        return groups.Select(g =>
            {
                var school = schools[g.SchoolId];
                return new Upcoming(g.SchoolId, school.Name, school.Region, policy.RemovalDay(g.Last, school.SchoolYearStartMonth), g.Last, g.Students, held.Contains(g.SchoolId));
            })
            .OrderBy(u => u.On).ThenBy(u => u.School, StringComparer.CurrentCulture).ToList();
    }

    public sealed record Upcoming(int SchoolId, string School, string Region, DateOnly On, int LastSchoolYear, int Students, bool Held);
}

/// <summary>
/// The one way a student's name leaves Great: each is pseudonymised (<see cref="Student.Pseudonymise"/>), and the
/// values earlier audit entries kept of them (a name typed, a name corrected) are cleared, in one save. The trail then
/// holds that it happened, when, by whom and why — not the name.
/// </summary>
public static class StudentErasure
{
    public static async Task EraseAsync(GreatDbContext db, IReadOnlyList<Student> students, string reason, DateTimeOffset at)
    {
        if (students.Count == 0) return;
        var ids = students.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var earlier = await db.AuditEntries.Where(a => a.Entity == nameof(Student) && EF.Parameter(ids).Contains(a.EntityId)).ToListAsync();
        foreach (var entry in earlier) entry.ForgetValues();
        foreach (var student in students) student.Pseudonymise(at, reason);
        await db.SaveChangesAsync();
    }
}
