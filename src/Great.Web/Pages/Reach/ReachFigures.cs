using System.Globalization;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Reach;

/// <summary>
/// Reach figures of one scope and school year, per component, read from the roll-up only, with targets. For a component
/// taught to households (Families) the people counted are families: Enrolled and Completed are families, the target is
/// families to complete, and <see cref="Families"/> adds who was reached.
/// </summary>
public sealed record ReachFigures(string Component, int Classes, int Enrolled, int Completed, int Lessons, int Instructors, int? Target)
{
    public FamilyFigures? Families { get; init; }
    public bool CountsFamilies => Families is not null;

    /// <summary>Completions against the target on the day the figures are read; none without a target.</summary>
    public TargetPace? Pace { get; init; }

    /// <summary>One scope's figures for the school year holding <paramref name="today"/> in <paramref name="region"/>, each with its pace.</summary>
    public static async Task<IReadOnlyList<ReachFigures>> LoadAsync(GreatDbContext db, CurriculumCatalogue curriculum, RollupLevel level, int scopeId, string municipality,
        Region region, DateOnly today, IReadOnlyDictionary<string, int> targets)
    {
        var schoolYear = region.SchoolYearOf(today);
        var (start, end) = YearSpan(region, schoolYear);
        var rows = await db.ReachRollups.AsNoTracking()
            .Where(r => r.Level == level && r.ScopeId == scopeId && r.Municipality == municipality && r.SchoolYear == schoolYear)
            .Where(ReachRollup.OfAComponent)
            .ToListAsync();
        return rows.Select(r => r.ComponentCode).Concat(targets.Keys).Distinct()
            .Select(code => From(code, rows.FirstOrDefault(r => r.ComponentCode == code), targets.GetValueOrDefault(code) is var t and > 0 ? t : null,
                curriculum.TakesHouseholds(code)))
            .Select(f => f.Target is { } target ? f with { Pace = TargetPace.Of(f.Completed, target, start, end, today) } : f)
            .OrderBy(f => curriculum.OrderOf(f.Component))
            .ToList();
    }

    /// <summary>One component's figures from its roll-up row (none: zeros), counting families where the component is taught to households.</summary>
    public static ReachFigures From(string code, ReachRollup? r, int? target, bool countsFamilies)
    {
        var families = countsFamilies ? FamilyFigures.Of(r) : null;
        return new ReachFigures(code, r?.Classes ?? 0, families?.Enrolled ?? r?.StudentsEnrolled ?? 0, families?.Completed ?? r?.StudentsCompleted ?? 0,
            r?.LessonsDelivered ?? 0, r?.ActiveInstructors ?? 0, target) { Families = families };
    }

    /// <summary>Families reached by a component taught to households, and its members who came, by role.</summary>
    public sealed record FamilyFigures(int Enrolled, int Reached, int Completed, int Adults, int Youth)
    {
        public static FamilyFigures Of(ReachRollup? r) =>
            new(r?.FamiliesEnrolled ?? 0, r?.FamiliesReached ?? 0, r?.FamiliesCompleted ?? 0, r?.AdultsReached ?? 0, r?.YouthReached ?? 0);
    }

    /// <summary>For sharing outside the programme: small counts could identify children, so they read "&lt;10".</summary>
    public static string Count(int value, bool suppress) =>
        suppress && Suppression.Hides(value) ? $"<{Suppression.Below}" : value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The first and last day of a school year in a region.</summary>
    public static (DateOnly Start, DateOnly End) YearSpan(Region region, int schoolYear)
    {
        var start = new DateOnly(schoolYear, region.SchoolYearStartMonth, 1);
        return (start, start.AddYears(1).AddDays(-1));
    }
}
