using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>
/// The households of a Families group, each with its members and where it stands under the component's household rule:
/// the sessions that count for it (enough adults and youth of it there together), reached, completed.
/// </summary>
public static class HouseholdProgress
{
    public sealed record HouseholdView(int Id, string Label, IReadOnlyList<MemberView> Members, int SessionsCounted, bool Reached, CompletionStatus Status)
    {
        /// <summary>Its members still enrolled whose guardians did not refuse: those a certificate names.</summary>
        public IEnumerable<MemberView> Named => Members.Where(m => !m.Withdrawn && StudentConsent.AllowsNaming(m.TakePart));

        /// <summary>How a certificate names the family.</summary>
        public string Names => string.Join(", ", Named.Select(m => m.Name));
    }

    public sealed record MemberView(int EnrollmentId, string Name, MemberRole Role, bool Linked, bool Withdrawn, int SessionsAttended,
        ConsentStatus TakePart = ConsentStatus.Unknown);

    public static async Task<IReadOnlyList<HouseholdView>> LoadAsync(GreatDbContext db, int classId, CurriculumComponent component, bool classOver)
    {
        var rule = component.Households ?? throw new ArgumentException("Not a component taught to households.", nameof(component));
        var households = await db.Households.AsNoTracking().Where(h => h.ClassId == classId).Select(h => new { h.Id, h.Label }).ToListAsync();
        var members = (await db.Enrollments.AsNoTracking().Where(e => e.ClassId == classId && e.HouseholdId != null)
                .Select(e => new { e.Id, HouseholdId = e.HouseholdId!.Value, Role = e.Role!.Value, e.IsLinked, e.WithdrawnOn, e.Student.GivenName, e.Student.FamilyInitial,
                    TakePart = e.Student.Consents.Where(c => c.Kind == ConsentKind.TakePart).Select(c => (ConsentStatus?)c.Status).FirstOrDefault() })
                .ToListAsync()).ToLookup(e => e.HouseholdId);
        var present = (await db.Attendance.AsNoTracking().Where(a => a.Delivery.ClassId == classId && a.Present)
                .Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber }).ToListAsync())
            .ToLookup(a => a.EnrollmentId, a => a.LessonNumber);
        var recorded = (await db.LessonDeliveries.AsNoTracking().Where(d => d.ClassId == classId).Select(d => d.LessonNumber).ToListAsync()).ToHashSet();
        return households.Select(h =>
        {
            var own = members[h.Id].OrderBy(m => m.Role).ThenBy(m => m.GivenName, StringComparer.CurrentCulture).ToList();
            var counted = rule.SessionsCounted(own.SelectMany(m => present[m.Id].Select(n => (n, m.Role)))).ToHashSet();
            return new HouseholdView(h.Id, h.Label,
                own.Select(m => new MemberView(m.Id, $"{m.GivenName} {m.FamilyInitial}.", m.Role, m.IsLinked, m.WithdrawnOn is not null, present[m.Id].Count(),
                    m.TakePart ?? ConsentStatus.Unknown)).ToList(),
                counted.Count, own.Any(m => present[m.Id].Any()), component.Completion.Assess(counted, recorded, component.LessonCount, classOver));
        }).OrderBy(h => h.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
