using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Pages.Reports;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Reports;

/// <summary>
/// The report pack's figures counted straight from the records (classes, lessons, rosters, attendance, certifications),
/// without the roll-up: what the pack must equal. Each figure follows the definition the pack prints.
/// </summary>
public sealed record DirectReport(
    IReadOnlyDictionary<string, (int Trained, int Certified, int Active, int Teaching, int Lapsed)> Officers,
    IReadOnlyDictionary<string, (int Started, int Finished, int Cancelled, int Lessons)> Classes,
    IReadOnlyDictionary<string, (int Enrolled, int Completed)> Reach,
    IReadOnlyDictionary<(string Region, string Municipality), (int StudentsEnrolled, int StudentsCompleted, int FamiliesEnrolled, int FamiliesCompleted)> Municipalities,
    IReadOnlyDictionary<int, (int Lessons, int StudentsCompleted, int FamiliesCompleted)> Months,
    IReadOnlyDictionary<string, (int LessonsWithDosage, int Observations, int Passed)> Fidelity)
{
    public static async Task<DirectReport> CountAsync(GreatDbContext db, CurriculumCatalogue curriculum, int? regionId, ReportPeriod p, DateOnly today)
    {
        var classes = await db.Classes.AsNoTracking().Where(c => regionId == null || c.School.RegionId == regionId)
            .Select(c => new { c.Id, c.ComponentCode, c.Edition, c.Status, c.CancelledOn, c.InstructorId, Region = c.School.Region.Name, c.School.Municipality })
            .ToListAsync();
        var ids = classes.Select(c => c.Id).ToHashSet();
        var deliveries = (await db.LessonDeliveries.AsNoTracking()
                .Select(d => new { d.ClassId, d.TaughtOn, d.InstructorId, d.LessonNumber, Dosage = d.MinutesTaught != null,
                    Observations = d.Observations.Count, Passed = d.Observations.Count(o => o.Outcome == ObservationOutcome.Pass) }).ToListAsync())
            .Where(d => ids.Contains(d.ClassId)).ToList();
        var enrollments = (await db.Enrollments.AsNoTracking().Select(e => new { e.Id, e.ClassId, e.HouseholdId, e.Role, e.WithdrawnOn }).ToListAsync())
            .Where(e => ids.Contains(e.ClassId)).ToList();
        var present = (await db.Attendance.AsNoTracking().Where(a => a.Present).Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber }).ToListAsync())
            .ToLookup(a => a.EnrollmentId, a => a.LessonNumber);
        var byClass = deliveries.ToLookup(d => d.ClassId);

        var live = classes.Where(c => c.Status != ClassStatus.Cancelled).Select(c =>
        {
            var taught = byClass[c.Id].ToList();
            var component = curriculum.Find(c.ComponentCode, c.Edition)!;
            var students = enrollments.Where(e => e.ClassId == c.Id && e.WithdrawnOn == null && e.HouseholdId == null).ToList();
            var members = enrollments.Where(e => e.ClassId == c.Id && e.HouseholdId != null).ToList();
            var households = members.GroupBy(m => m.HouseholdId!.Value).Where(h => h.Any(m => m.WithdrawnOn == null)).ToList();
            var familiesCompleted = component.Households is { } rule
                ? households.Count(h => component.Completion.IsMetBy(
                    rule.SessionsCounted(h.SelectMany(m => present[m.Id].Select(s => (s, m.Role!.Value)))), component.LessonCount))
                : 0;
            return new
            {
                c.ComponentCode, c.Region, c.Municipality, Families = component.TakesHouseholds, Instructor = c.InstructorId,
                First = taught.Count == 0 ? (DateOnly?)null : taught.Min(d => d.TaughtOn), Last = taught.Count == 0 ? (DateOnly?)null : taught.Max(d => d.TaughtOn),
                Over = c.Status == ClassStatus.Finished || taught.Count >= component.LessonCount,
                Enrolled = students.Count, Completed = students.Count(s => component.Completion.IsMetBy(present[s.Id], component.LessonCount)),
                FamiliesEnrolled = households.Count, FamiliesCompleted = familiesCompleted,
            };
        }).ToList();
        var taughtIn = live.Where(c => c.First <= p.End && c.Last >= p.Start).ToList();
        var endedIn = taughtIn.Where(c => p.Contains(c.Last!.Value)).ToList();
        var liveIds = classes.Where(c => c.Status != ClassStatus.Cancelled).Select(c => c.Id).ToHashSet();
        var component = classes.ToDictionary(c => c.Id, c => c.ComponentCode);
        var lessons = deliveries.Where(d => liveIds.Contains(d.ClassId) && p.Contains(d.TaughtOn)).ToList();

        var instructors = await db.Instructors.AsNoTracking().Include(i => i.Certifications).Where(i => regionId == null || i.Agency.RegionId == regionId).ToListAsync();
        var standing = p.End < today ? p.End : today;
        var codes = curriculum.Current.Select(c => c.Code).ToList();

        return new DirectReport(
            codes.ToDictionary(code => code, code => (
                instructors.Count(i => i.Certifications.Any(c => c.ComponentCode == code && p.Contains(c.TrainedOn))),
                instructors.Count(i => i.Certifications.Any(c => c.ComponentCode == code && p.Contains(c.CertifiedOn))),
                instructors.Count(i => i.MayTeach(code, standing)),
                taughtIn.Where(c => c.ComponentCode == code && c.Instructor is not null).Select(c => c.Instructor).Distinct().Count(),
                instructors.Count(i => standing >= p.Start && i.MayTeach(code, p.Start) && !i.MayTeach(code, standing)))),
            codes.ToDictionary(code => code, code => (
                live.Count(c => c.ComponentCode == code && c.First is { } first && p.Contains(first)),
                endedIn.Count(c => c.ComponentCode == code && c.Over),
                classes.Count(c => c.ComponentCode == code && c.Status == ClassStatus.Cancelled && c.CancelledOn is { } on && p.Contains(on)),
                lessons.Count(d => component[d.ClassId] == code))),
            codes.ToDictionary(code => code, code => curriculum.TakesHouseholds(code)
                ? (taughtIn.Where(c => c.ComponentCode == code).Sum(c => c.FamiliesEnrolled), endedIn.Where(c => c.ComponentCode == code).Sum(c => c.FamiliesCompleted))
                : (taughtIn.Where(c => c.ComponentCode == code).Sum(c => c.Enrolled), endedIn.Where(c => c.ComponentCode == code).Sum(c => c.Completed))),
            taughtIn.GroupBy(c => (c.Region, c.Municipality)).ToDictionary(g => g.Key, g => (
                g.Where(c => !c.Families).Sum(c => c.Enrolled), g.Where(c => !c.Families && p.Contains(c.Last!.Value)).Sum(c => c.Completed),
                g.Where(c => c.Families).Sum(c => c.FamiliesEnrolled), g.Where(c => c.Families && p.Contains(c.Last!.Value)).Sum(c => c.FamiliesCompleted))),
            p.Months.ToDictionary(m => m, m => (
                lessons.Count(d => ReportPeriod.MonthKey(d.TaughtOn) == m),
                endedIn.Where(c => !c.Families && ReportPeriod.MonthKey(c.Last!.Value) == m).Sum(c => c.Completed),
                endedIn.Where(c => c.Families && ReportPeriod.MonthKey(c.Last!.Value) == m).Sum(c => c.FamiliesCompleted))),
            codes.ToDictionary(code => code, code =>
            {
                // Fidelity is kept by calendar month: every lesson of a month the period touches.
                var month = deliveries.Where(d => liveIds.Contains(d.ClassId) && component[d.ClassId] == code && p.Months.Contains(ReportPeriod.MonthKey(d.TaughtOn))).ToList();
                return (month.Count(d => d.Dosage), month.Sum(d => d.Observations), month.Sum(d => d.Passed));
            }));
    }

    /// <summary>Every figure of the pack beside the direct count, so a failure names the one that differs.</summary>
    public void AssertEqual(ReportPack pack)
    {
        foreach (var o in pack.Officers)
            Assert.True(Officers[o.Component] == (o.Trained, o.Certified, o.Active, o.Teaching, o.Lapsed), $"Officers {o.Component}: pack {o}, direct {Officers[o.Component]}");
        foreach (var c in pack.Classes)
            Assert.True(Classes[c.Component] == (c.Started, c.Finished, c.Cancelled, c.Lessons), $"Classes {c.Component}: pack {c}, direct {Classes[c.Component]}");
        foreach (var r in pack.Reach)
            Assert.True(Reach[r.Component] == (r.Enrolled, r.Completed), $"Reach {r.Component}: pack {r}, direct {Reach[r.Component]}");
        Assert.Equal(Municipalities.OrderBy(m => m.Key).Select(m => $"{m.Key}={m.Value}"),
            pack.Municipalities.Select(m => (Key: (m.Region, m.Municipality), Value: (m.StudentsEnrolled, m.StudentsCompleted, m.FamiliesEnrolled, m.FamiliesCompleted)))
                .OrderBy(m => m.Key).Select(m => $"{m.Key}={m.Value}"));
        Assert.Equal(Months.OrderBy(m => m.Key).Select(m => $"{m.Key}={m.Value}"),
            pack.Months.Select(m => $"{m.Month}={(m.Lessons, m.StudentsCompleted, m.FamiliesCompleted)}"));
        foreach (var f in pack.Fidelity)
            Assert.True(Fidelity[f.Component] == (f.Figures.LessonsWithDosage, f.Figures.Observations, f.Figures.ObservationsPassed),
                $"Fidelity {f.Component}: pack {f.Figures}, direct {Fidelity[f.Component]}");
    }
}
