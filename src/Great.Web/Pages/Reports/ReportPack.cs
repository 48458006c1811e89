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
    private sealed record ClassFigures(int RegionId, string Municipality, string Component, string Edition, ClassStatus Status, int? InstructorId,
        DateOnly FirstLesson, DateOnly LastLesson, int Lessons, int StudentsEnrolled, int StudentsCompleted, int FamiliesEnrolled, int FamiliesCompleted);

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
            .Select(x => new ClassFigures(x.c.School.RegionId, x.c.School.Municipality, x.r.ComponentCode, x.c.Edition, x.c.Status, x.c.InstructorId,
                x.r.FirstLessonOn!.Value, x.r.LastLessonOn!.Value, x.r.LessonsDelivered, x.r.StudentsEnrolled, x.r.StudentsCompleted, x.r.FamiliesEnrolled,
                x.r.FamiliesCompleted))
            .ToListAsync();
        var cancelled = await db.Classes.AsNoTracking()
            .Where(c => c.Status == ClassStatus.Cancelled && c.CancelledOn >= start && c.CancelledOn <= end && (regionId == null || c.School.RegionId == regionId))
            .GroupBy(c => c.ComponentCode).Select(g => new { Component = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Component, g => g.Count);

        // Lessons and fidelity by month from the monthly roll-up; a month the period covers only in part (any two dates)
        // has its lessons counted from the records of its days in the period.
        var months = period.Months;
        var fidelityLevel = region is null ? RollupLevel.Program : RollupLevel.Region;
        var scopeId = regionId ?? 0;
        var fidelity = await db.FidelityRollups.AsNoTracking()
            .Where(f => f.Level == fidelityLevel && f.ScopeId == scopeId && months.Contains(f.Month)).ToListAsync();
        var partMonths = months.Where(m => !period.CoversMonth(m)).ToList();
        var lessonMonths = fidelity.Where(f => !partMonths.Contains(f.Month))
            .Select(f => (f.Month, Component: f.ComponentCode, Count: f.Lessons)).ToList();
        foreach (var part in partMonths)
        {
            var (from, to) = period.DaysOf(part);
            var counts = await db.LessonDeliveries.AsNoTracking()
                .Where(d => d.TaughtOn >= from && d.TaughtOn <= to && d.Class.Status != ClassStatus.Cancelled && (regionId == null || d.Class.School.RegionId == regionId))
                .GroupBy(d => d.Class.ComponentCode).Select(g => new { Component = g.Key, Count = g.Count() }).ToListAsync();
            lessonMonths.AddRange(counts.Select(c => (part, c.Component, c.Count)));
        }

        var officers = await OfficersAsync(db, regionId, period, today);
        var targetYears = (region is null ? regions : [region]).Select(r => (Region: r, SchoolYear: r.SchoolYearOf(end))).ToList();
        var targets = new Dictionary<string, int>();
        foreach (var (r, year) in targetYears)
        {
            foreach (var t in await db.ReachTargets.AsNoTracking().Where(t => t.RegionId == r.Id && t.SchoolId == null && t.SchoolYear == year).ToListAsync())
                targets[t.ComponentCode] = targets.GetValueOrDefault(t.ComponentCode) + t.StudentsToComplete;
        }
        var asOf = await db.ReachRollups.Where(r => r.Level == fidelityLevel && r.ScopeId == scopeId).MaxAsync(r => (DateTimeOffset?)r.ComputedAt);

        var components = curriculum.Current.Select(c => c.Code)
            .Concat(classes.Select(c => c.Component)).Concat(lessonMonths.Select(l => l.Component)).Concat(cancelled.Keys)
            .Distinct().OrderBy(curriculum.OrderOf).ToList();
        var finishedIn = classes.Where(c => period.Contains(c.LastLesson)
            && SchoolClass.IsOver(c.Status, c.Lessons, curriculum.Find(c.Component, c.Edition)?.LessonCount ?? int.MaxValue)).ToList();
        var completedIn = classes.Where(c => period.Contains(c.LastLesson)).ToList();
        var teaching = classes.Where(c => c.InstructorId is not null).Select(c => (c.Component, Officer: c.InstructorId!.Value)).Distinct().ToList();

        var officerRows = components.Select(code => new OfficerRow(code, officers.Trained.GetValueOrDefault(code), officers.Certified.GetValueOrDefault(code),
            officers.Active.GetValueOrDefault(code), teaching.Count(t => t.Component == code), officers.Lapsed.GetValueOrDefault(code))).ToList();
        var officersInAll = new OfficerRow("", officers.Trained.GetValueOrDefault(""), officers.Certified.GetValueOrDefault(""), officers.Active.GetValueOrDefault(""),
            teaching.Select(t => t.Officer).Distinct().Count(), officers.Lapsed.GetValueOrDefault(""));

        var regionNames = regions.ToDictionary(r => r.Id, r => r.Name);
        return new ReportPack
        {
            Period = period, Region = region, Today = today, AsOf = asOf, TargetYears = targetYears,
            Officers = officerRows, OfficersInAll = officersInAll,
            Classes = components.Select(code => new ClassRow(code, classes.Count(c => c.Component == code && period.Contains(c.FirstLesson)),
                finishedIn.Count(c => c.Component == code), cancelled.GetValueOrDefault(code),
                lessonMonths.Where(l => l.Component == code).Sum(l => l.Count))).ToList(),
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
                lessonMonths.Where(l => l.Month == m).Sum(l => l.Count),
                completedIn.Where(c => ReportPeriod.MonthKey(c.LastLesson) == m && !curriculum.TakesHouseholds(c.Component)).Sum(c => c.StudentsCompleted),
                completedIn.Where(c => ReportPeriod.MonthKey(c.LastLesson) == m && curriculum.TakesHouseholds(c.Component)).Sum(c => c.FamiliesCompleted))).ToList(),
            Fidelity = components.Select(code => new FidelityRow(code, FidelityFigures.Sum(fidelity.Where(f => f.ComponentCode == code)))).ToList(),
        };
    }

    /// <summary>Officers of the scope (by their agency's region) per component, and distinct over all of them (key "").</summary>
    private sealed record OfficerCounts(Dictionary<string, int> Trained, Dictionary<string, int> Certified, Dictionary<string, int> Active, Dictionary<string, int> Lapsed);

    /// <summary>
    /// Counted in the database from the certifications (a national programme has tens of thousands of officers), in
    /// two grouped passes: per officer and component, then per officer. Trained or certified on a day in the period;
    /// active, allowed to teach on the standing day (the period's last, or today); lapsed, allowed on its first day
    /// and no longer on the standing day.
    /// </summary>
    private static async Task<OfficerCounts> OfficersAsync(GreatDbContext db, int? regionId, ReportPeriod period, DateOnly today)
    {
        var (start, end) = (period.Start, period.End);
        var standing = period.StandingDay(today);
        var then = Certification.AllowsTeachingOn(start);
        var now = Certification.AllowsTeachingOn(standing);
        var certifications = db.Certifications.AsNoTracking();
        if (regionId is not null) certifications = certifications.Where(c => c.Instructor.Agency.RegionId == regionId);

        var perComponent = await certifications.GroupBy(c => new { c.InstructorId, c.ComponentCode })
            .Select(g => new
            {
                g.Key.ComponentCode,
                Trained = g.Count(c => c.TrainedOn >= start && c.TrainedOn <= end), Certified = g.Count(c => c.CertifiedOn >= start && c.CertifiedOn <= end),
                Then = g.AsQueryable().Count(then), Now = g.AsQueryable().Count(now),
            })
            .GroupBy(o => o.ComponentCode)
            .Select(g => new
            {
                Component = g.Key, Trained = g.Count(o => o.Trained > 0), Certified = g.Count(o => o.Certified > 0), Active = g.Count(o => o.Now > 0),
                Lapsed = g.Count(o => o.Then > 0 && o.Now == 0),
            }).ToListAsync();
        var overall = await certifications.GroupBy(c => c.InstructorId)
            .Select(g => new
            {
                Trained = g.Count(c => c.TrainedOn >= start && c.TrainedOn <= end), Certified = g.Count(c => c.CertifiedOn >= start && c.CertifiedOn <= end),
                Then = g.AsQueryable().Count(then), Now = g.AsQueryable().Count(now),
            })
            .GroupBy(o => 1)
            .Select(g => new
            {
                Trained = g.Count(o => o.Trained > 0), Certified = g.Count(o => o.Certified > 0), Active = g.Count(o => o.Now > 0),
                Lapsed = g.Count(o => o.Then > 0 && o.Now == 0),
            }).ToListAsync();
        var started = standing >= start; // a period yet to begin has no one lapsed in it
        Dictionary<string, int> Of(Func<(int Trained, int Certified, int Active, int Lapsed), int> figure) =>
            perComponent.Select(c => (c.Component, Value: figure((c.Trained, c.Certified, c.Active, started ? c.Lapsed : 0))))
                .Append(("", figure(overall is [var all] ? (all.Trained, all.Certified, all.Active, started ? all.Lapsed : 0) : default)))
                .ToDictionary(x => x.Item1, x => x.Item2);
        return new OfficerCounts(Of(f => f.Trained), Of(f => f.Certified), Of(f => f.Active), Of(f => f.Lapsed));
    }
}
