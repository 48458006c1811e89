using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>The reach roll-up as kept, and the same figures counted the slow way, to compare row by row.</summary>
public static class RollupFigures
{
    public sealed record Figures(RollupLevel Level, int ScopeId, string Municipality, int SchoolYear, string Component,
        int Classes, int Enrolled, int Completed, int Lessons, int Instructors,
        int FamiliesEnrolled, int FamiliesReached, int FamiliesCompleted, int AdultsReached, int YouthReached);

    /// <summary>The roll-up as kept, in a stable order.</summary>
    public static Task<List<Figures>> KeptAsync(GreatAppFactory app) => app.QueryAsync(db => db.ReachRollups.AsNoTracking()
        .Select(r => new Figures(r.Level, r.ScopeId, r.Municipality, r.SchoolYear, r.ComponentCode, r.Classes, r.StudentsEnrolled,
            r.StudentsCompleted, r.LessonsDelivered, r.ActiveInstructors, r.FamiliesEnrolled, r.FamiliesReached, r.FamiliesCompleted, r.AdultsReached, r.YouthReached))
        .ToListAsync()
        .ContinueWith(t => t.Result.OrderBy(f => f.Level).ThenBy(f => f.ScopeId).ThenBy(f => f.Municipality).ThenBy(f => f.SchoolYear).ThenBy(f => f.Component).ToList()));

    /// <summary>
    /// The same figures counted the slow way, row by row in C#, from raw attendance: students of classes, and for groups
    /// taught to households each household judged by the curriculum's household rule (the domain's, not the SQL's).
    /// </summary>
    public static async Task<List<Figures>> DirectCountAsync(GreatAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var curriculum = scope.ServiceProvider.GetRequiredService<CurriculumCatalogue>();
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var classes = await db.Classes.AsNoTracking().Where(c => c.Status != ClassStatus.Cancelled).ToListAsync();
        var allEnrollments = await db.Enrollments.AsNoTracking().ToListAsync();
        var enrollments = allEnrollments.Where(e => e.WithdrawnOn == null).ToList();
        var households = await db.Households.AsNoTracking().ToListAsync();
        var present = (await db.Attendance.AsNoTracking().Where(a => a.Present).Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber }).ToListAsync())
            .ToLookup(a => a.EnrollmentId, a => a.LessonNumber);
        var lessons = (await db.LessonDeliveries.AsNoTracking().GroupBy(d => d.ClassId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .ToDictionary(g => g.Key, g => g.Count);

        var rows = classes.Select(c =>
        {
            var component = curriculum.Find(c.ComponentCode, c.Edition)!;
            var own = enrollments.Where(e => e.ClassId == c.Id && e.HouseholdId == null).ToList();
            var members = allEnrollments.Where(e => e.ClassId == c.Id && e.HouseholdId != null).ToList();
            var groupHouseholds = component.Households is { } rule
                ? households.Where(h => h.ClassId == c.Id && members.Any(m => m.HouseholdId == h.Id && m.WithdrawnOn == null))
                    .Select(h =>
                    {
                        var presence = members.Where(m => m.HouseholdId == h.Id).SelectMany(m => present[m.Id].Select(n => (n, m.Role!.Value))).ToList();
                        return (Reached: presence.Count > 0, Completed: component.Completion.IsMetBy(rule.SessionsCounted(presence), component.LessonCount));
                    }).ToList()
                : [];
            var reachedMembers = members.Where(m => present[m.Id].Any()).ToList();
            return new
            {
                Class = c, School = schools[c.SchoolId], Students = own.Select(e => e.StudentId),
                Completed = own.Where(e => component.Completion.IsMetBy(present[e.Id], component.LessonCount)).Select(e => e.StudentId),
                Lessons = lessons.GetValueOrDefault(c.Id),
                Families = (Enrolled: groupHouseholds.Count, Reached: groupHouseholds.Count(h => h.Reached), Completed: groupHouseholds.Count(h => h.Completed),
                    Adults: component.TakesHouseholds ? reachedMembers.Count(m => m.Role == MemberRole.Adult) : 0,
                    Youth: component.TakesHouseholds ? reachedMembers.Count(m => m.Role == MemberRole.Youth) : 0),
            };
        }).ToList();

        List<Figures> Level<TKey>(RollupLevel level, Func<dynamic, TKey> key, Func<TKey, (int Scope, string Municipality)> scope) => rows
            .GroupBy(r => (Key: key(r), r.Class.SchoolYear, r.Class.ComponentCode))
            .Select(g => new Figures(level, scope(g.Key.Key).Scope, scope(g.Key.Key).Municipality, g.Key.SchoolYear, g.Key.ComponentCode,
                g.Count(), g.SelectMany(r => r.Students).Distinct().Count(), g.SelectMany(r => r.Completed).Distinct().Count(),
                g.Sum(r => r.Lessons), g.Where(r => r.Class.InstructorId != null).Select(r => r.Class.InstructorId).Distinct().Count(),
                g.Sum(r => r.Families.Enrolled), g.Sum(r => r.Families.Reached), g.Sum(r => r.Families.Completed), g.Sum(r => r.Families.Adults), g.Sum(r => r.Families.Youth)))
            .ToList();
        // Each scope above a class once more for all its components: its officers, each counted once; no other count.
        List<Figures> AllComponents<TKey>(RollupLevel level, Func<dynamic, TKey> key, Func<TKey, (int Scope, string Municipality)> scope) => rows
            .GroupBy(r => (Key: key(r), r.Class.SchoolYear))
            .Select(g => new Figures(level, scope(g.Key.Key).Scope, scope(g.Key.Key).Municipality, g.Key.SchoolYear, ReachRollup.AllComponents,
                0, 0, 0, 0, g.Where(r => r.Class.InstructorId != null).Select(r => r.Class.InstructorId).Distinct().Count(), 0, 0, 0, 0, 0))
            .ToList();
        List<Figures> Both<TKey>(RollupLevel level, Func<dynamic, TKey> key, Func<TKey, (int Scope, string Municipality)> scope) =>
            [.. Level(level, key, scope), .. AllComponents(level, key, scope)];

        return Both(RollupLevel.School, r => (int)r.School.Id, k => (k, ""))
            .Concat(Both(RollupLevel.Municipality, r => ((int)r.School.RegionId, (string)r.School.Municipality), k => (k.Item1, k.Item2)))
            .Concat(Both(RollupLevel.Region, r => (int)r.School.RegionId, k => (k, "")))
            .Concat(Both(RollupLevel.Program, _ => 0, k => (0, "")))
            .Concat(Level(RollupLevel.Class, r => (int)r.Class.Id, k => (k, "")))
            .OrderBy(f => f.Level).ThenBy(f => f.ScopeId).ThenBy(f => f.Municipality).ThenBy(f => f.SchoolYear).ThenBy(f => f.Component).ToList();
    }
}
