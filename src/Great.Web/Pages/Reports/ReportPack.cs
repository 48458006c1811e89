using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Reports;

/// <summary>
/// A funder's report for one period and one scope (a region, or the whole programme when <see cref="Region"/> is
/// null). Reach comes from the class rows of the roll-up (each class's figures with the days of its first and latest
/// lessons), fidelity from its monthly rows, lessons and officers teaching from the dated lesson records (one index,
/// no attendance), officers' standing from their certifications. See ADR-009 for what each figure means.
/// </summary>
public sealed class ReportPack
{
    public required ReportPeriod Period { get; init; }
    public Region? Region { get; init; }
    public DateOnly Today { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    /// <summary>The school year whose targets the figures are set against, per region: the one the period ends in.</summary>
    public IReadOnlyList<(Region Region, int SchoolYear)> TargetYears { get; init; } = [];
    public IReadOnlyList<OfficerRow> Officers { get; init; } = [];
    public required OfficerRow OfficersInAll { get; init; }
    public IReadOnlyList<ClassRow> Classes { get; init; } = [];
    public IReadOnlyList<ReachRow> Reach { get; init; } = [];
    public IReadOnlyList<AreaRow> Municipalities { get; init; } = [];
    public IReadOnlyList<MonthRow> Months { get; init; } = [];
    public IReadOnlyList<FidelityRow> Fidelity { get; init; } = [];

    public sealed record OfficerRow(string Component, int Trained, int Certified, int Active, int Teaching, int Lapsed);
    public sealed record ClassRow(string Component, int Started, int Finished, int Cancelled, int Lessons);
    /// <summary>Students of a classroom component, or families of one taught to households (<see cref="CountsFamilies"/>); never both.</summary>
    public sealed record ReachRow(string Component, bool CountsFamilies, int Enrolled, int Completed, int? Target)
    {
        public double? ShareOfTarget => Target is > 0 ? (double)Completed / Target.Value : null;
    }
    public sealed record AreaRow(string Region, string Municipality, int StudentsEnrolled, int StudentsCompleted, int FamiliesEnrolled, int FamiliesCompleted);
    public sealed record MonthRow(int Month, int Lessons, int StudentsCompleted, int FamiliesCompleted)
    {
        public DateOnly FirstDay => new(Month / 100, Month % 100, 1);
    }
    public sealed record FidelityRow(string Component, FidelityFigures Figures);

    /// <summary>One class's roll-up figures with what the report needs of the class itself.</summary>
    private sealed record ClassFigures(int RegionId, string Municipality, string Component, string Edition, ClassStatus Status, DateOnly FirstLesson,
        DateOnly LastLesson, int Lessons, int StudentsEnrolled, int StudentsCompleted, int FamiliesEnrolled, int FamiliesCompleted);

    public static async Task<ReportPack> LoadAsync(GreatDbContext db, CurriculumCatalogue curriculum, Region? region, IReadOnlyList<Region> regions,
        ReportPeriod period, DateOnly today)
    {
        var regionId = region?.Id;
        var (start, end) = (period.Start, period.End);

        // Classes taught in the period: first lesson on or before its last day, latest lesson on or after its first.
        var classes = await db.ReachRollups.AsNoTracking()
            .Where(r => r.Level == RollupLevel.Class && r.FirstLessonOn <= end && r.LastLessonOn >= start)
            .Join(db.Classes, r => r.ScopeId, c => c.Id, (r, c) => new { r, c })
            .Where(x => regionId == null || x.c.School.RegionId == regionId)
            .Select(x => new ClassFigures(x.c.School.RegionId, x.c.School.Municipality, x.r.ComponentCode, x.c.Edition, x.c.Status, x.r.FirstLessonOn!.Value,
                x.r.LastLessonOn!.Value, x.r.LessonsDelivered, x.r.StudentsEnrolled, x.r.StudentsCompleted, x.r.FamiliesEnrolled, x.r.FamiliesCompleted))
            .ToListAsync();
        var cancelled = await db.Classes.AsNoTracking()
            .Where(c => c.Status == ClassStatus.Cancelled && c.CancelledOn >= start && c.CancelledOn <= end && (regionId == null || c.School.RegionId == regionId))
            .GroupBy(c => c.ComponentCode).Select(g => new { Component = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Component, g => g.Count);

        // Lessons of classes not cancelled (as in the roll-up), by day taught and component; and who taught them.
        var lessons = db.LessonDeliveries.AsNoTracking()
            .Where(d => d.TaughtOn >= start && d.TaughtOn <= end && d.Class.Status != ClassStatus.Cancelled && (regionId == null || d.Class.School.RegionId == regionId));
        var lessonDays = await lessons.GroupBy(d => new { d.TaughtOn, d.Class.ComponentCode })
            .Select(g => new { g.Key.TaughtOn, g.Key.ComponentCode, Count = g.Count() }).ToListAsync();
        var teaching = await lessons.Select(d => new { d.Class.ComponentCode, d.InstructorId }).Distinct().ToListAsync();

        var instructors = await db.Instructors.AsNoTracking().Include(i => i.Certifications)
            .Where(i => regionId == null || i.Agency.RegionId == regionId).ToListAsync();

        var months = period.Months;
        var fidelityLevel = region is null ? RollupLevel.Program : RollupLevel.Region;
        var fidelityScope = regionId ?? 0;
        var fidelity = await db.FidelityRollups.AsNoTracking()
            .Where(f => f.Level == fidelityLevel && f.ScopeId == fidelityScope && months.Contains(f.Month)).ToListAsync();

        var targetYears = (region is null ? regions : [region]).Select(r => (Region: r, SchoolYear: r.SchoolYearOf(end))).ToList();
        var targets = new Dictionary<string, int>();
        foreach (var (r, year) in targetYears)
        {
            foreach (var t in await db.ReachTargets.AsNoTracking().Where(t => t.RegionId == r.Id && t.SchoolId == null && t.SchoolYear == year).ToListAsync())
                targets[t.ComponentCode] = targets.GetValueOrDefault(t.ComponentCode) + t.StudentsToComplete;
        }
        var asOfLevel = region is null ? RollupLevel.Program : RollupLevel.Region;
        var asOf = await db.ReachRollups.Where(r => r.Level == asOfLevel && r.ScopeId == fidelityScope).MaxAsync(r => (DateTimeOffset?)r.ComputedAt);

        var components = curriculum.Current.Select(c => c.Code)
            .Concat(classes.Select(c => c.Component)).Concat(lessonDays.Select(d => d.ComponentCode)).Concat(cancelled.Keys)
            .Distinct().OrderBy(curriculum.OrderOf).ToList();
        var finishedIn = classes.Where(c => period.Contains(c.LastLesson)
            && SchoolClass.IsOver(c.Status, c.Lessons, curriculum.Find(c.Component, c.Edition)?.LessonCount ?? int.MaxValue)).ToList();
        var completedIn = classes.Where(c => period.Contains(c.LastLesson)).ToList();

        var officerRows = components.Select(code =>
        {
            var standings = instructors.Select(i => i.StandingIn(code, period, today)).ToList();
            return new OfficerRow(code, standings.Count(s => s.Trained), standings.Count(s => s.Certified), standings.Count(s => s.Active),
                teaching.Count(t => t.ComponentCode == code), standings.Count(s => s.Lapsed));
        }).ToList();
        var teachers = teaching.Select(t => t.InstructorId).ToHashSet();
        var all = instructors.Select(i => (i.Id, Standings: components.Select(code => i.StandingIn(code, period, today)).ToList())).ToList();
        var officersInAll = new OfficerRow("", all.Count(o => o.Standings.Any(s => s.Trained)), all.Count(o => o.Standings.Any(s => s.Certified)),
            all.Count(o => o.Standings.Any(s => s.Active)), teachers.Count,
            all.Count(o => o.Standings.Any(s => s.Lapsed) && !o.Standings.Any(s => s.Active)));

        var regionNames = regions.ToDictionary(r => r.Id, r => r.Name);
        return new ReportPack
        {
            Period = period, Region = region, Today = today, AsOf = asOf, TargetYears = targetYears,
            Officers = officerRows, OfficersInAll = officersInAll,
            Classes = components.Select(code => new ClassRow(code, classes.Count(c => c.Component == code && period.Contains(c.FirstLesson)),
                finishedIn.Count(c => c.Component == code), cancelled.GetValueOrDefault(code),
                lessonDays.Where(d => d.ComponentCode == code).Sum(d => d.Count))).ToList(),
            Reach = components.Select(code =>
            {
                var families = curriculum.TakesHouseholds(code);
                var taught = classes.Where(c => c.Component == code).ToList();
                var done = completedIn.Where(c => c.Component == code).ToList();
                return new ReachRow(code, families, families ? taught.Sum(c => c.FamiliesEnrolled) : taught.Sum(c => c.StudentsEnrolled),
                    families ? done.Sum(c => c.FamiliesCompleted) : done.Sum(c => c.StudentsCompleted), targets.TryGetValue(code, out var t) && t > 0 ? t : null);
            }).ToList(),
            Municipalities = classes.GroupBy(c => (c.RegionId, c.Municipality))
                .Select(g => new AreaRow(regionNames.GetValueOrDefault(g.Key.RegionId, ""), g.Key.Municipality,
                    g.Where(c => !curriculum.TakesHouseholds(c.Component)).Sum(c => c.StudentsEnrolled),
                    g.Where(c => !curriculum.TakesHouseholds(c.Component) && period.Contains(c.LastLesson)).Sum(c => c.StudentsCompleted),
                    g.Where(c => curriculum.TakesHouseholds(c.Component)).Sum(c => c.FamiliesEnrolled),
                    g.Where(c => curriculum.TakesHouseholds(c.Component) && period.Contains(c.LastLesson)).Sum(c => c.FamiliesCompleted)))
                .OrderBy(a => a.Region, StringComparer.CurrentCulture).ThenBy(a => a.Municipality, StringComparer.CurrentCulture).ToList(),
            Months = months.Select(m => new MonthRow(m,
                lessonDays.Where(d => ReportPeriod.MonthKey(d.TaughtOn) == m).Sum(d => d.Count),
                completedIn.Where(c => ReportPeriod.MonthKey(c.LastLesson) == m && !curriculum.TakesHouseholds(c.Component)).Sum(c => c.StudentsCompleted),
                completedIn.Where(c => ReportPeriod.MonthKey(c.LastLesson) == m && curriculum.TakesHouseholds(c.Component)).Sum(c => c.FamiliesCompleted))).ToList(),
            Fidelity = components.Select(code => new FidelityRow(code, FidelityFigures.Sum(fidelity.Where(f => f.ComponentCode == code)))).ToList(),
        };
    }
}
