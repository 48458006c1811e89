using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Reach;

/// <summary>
/// GET /api/reach?schoolYear=YYYY&amp;level=program|region|municipality|school&amp;id=N[&amp;municipality=name][&amp;suppress=true]:
/// the dashboards' figures as JSON for BI tools, behind the same sign-in and the same scope rules as the pages. Students
/// count for classroom components, families (and the adults and youth reached) for components taught to households;
/// with suppress=true every count below 10 is null, as in the CSV for sharing.
/// </summary>
public static class ReachApi
{
    public const int SuppressBelow = Suppression.Below;

    public sealed record Figures(string Component, int? Classes, int? StudentsEnrolled, int? StudentsCompleted, int? LessonsDelivered, int? ActiveInstructors,
        int? Target, int? FamiliesEnrolled, int? FamiliesReached, int? FamiliesCompleted, int? AdultsReached, int? YouthReached);
    public sealed record Response(string Level, int Id, string? Municipality, int SchoolYear, DateTimeOffset? AsOf, int? SuppressedBelow, IReadOnlyList<Figures> Components);

    public static void MapReachApi(this WebApplication app) => app.MapGet("/api/reach", async (HttpContext http, GreatDbContext db, Great.Web.Curriculum.CurriculumCatalogue curriculum,
        Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, int schoolYear, string level, int? id, string? municipality, bool? suppress) =>
    {
        var user = UserScope.From(http.User);
        if (!await authorization.CanAsync(http.User, Operations.ReadReach)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        municipality = municipality is null ? null : TypedTextBinderProvider.Clean(municipality);
        if (!Enum.TryParse<RollupLevel>(level, ignoreCase: true, out var rollupLevel) || rollupLevel == RollupLevel.Class)
            return Results.BadRequest(new { error = "level must be program, region, municipality or school" });

        int scope;
        int? regionForTargets = null, schoolForTargets = null;
        switch (rollupLevel)
        {
            case RollupLevel.Program:
                if (!await authorization.CanAsync(http.User, Operations.Administer)) return Results.StatusCode(StatusCodes.Status403Forbidden);
                scope = 0;
                break;
            case RollupLevel.Region or RollupLevel.Municipality:
                if (id is null || !await db.Regions.VisibleTo(user).AnyAsync(r => r.Id == id)) return Results.NotFound();
                if (rollupLevel == RollupLevel.Municipality && string.IsNullOrEmpty(municipality)) return Results.BadRequest(new { error = "municipality is required" });
                scope = id.Value;
                regionForTargets = rollupLevel == RollupLevel.Region ? id : null;
                break;
            default:
                if (id is null || !await db.Schools.VisibleTo(user).AnyAsync(s => s.Id == id)) return Results.NotFound();
                scope = id.Value;
                schoolForTargets = id;
                break;
        }
        var name = rollupLevel == RollupLevel.Municipality ? municipality! : "";
        var rows = await db.ReachRollups.AsNoTracking()
            .Where(r => r.Level == rollupLevel && r.ScopeId == scope && r.Municipality == name && r.SchoolYear == schoolYear)
            .Where(ReachRollup.OfAComponent).ToListAsync();
        var targets = await db.ReachTargets.AsNoTracking()
            .Where(t => t.SchoolYear == schoolYear && ((regionForTargets != null && t.RegionId == regionForTargets && t.SchoolId == null)
                || (schoolForTargets != null && t.SchoolId == schoolForTargets) || (rollupLevel == RollupLevel.Program && t.SchoolId == null)))
            .ToListAsync();
        var hide = suppress == true;
        int? C(int n) => hide && Suppression.Hides(n) ? null : n;
        var figures = rows.OrderBy(r => curriculum.OrderOf(r.ComponentCode)).Select(r =>
            {
                var families = curriculum.TakesHouseholds(r.ComponentCode);
                int? F(int n) => families ? C(n) : null;
                int? S(int n) => families ? null : C(n);
                return new Figures(r.ComponentCode, C(r.Classes), S(r.StudentsEnrolled), S(r.StudentsCompleted), C(r.LessonsDelivered), C(r.ActiveInstructors),
                    targets.Where(t => t.ComponentCode == r.ComponentCode).Sum(t => (int?)t.StudentsToComplete),
                    F(r.FamiliesEnrolled), F(r.FamiliesReached), F(r.FamiliesCompleted), F(r.AdultsReached), F(r.YouthReached));
            })
            .ToList();
        return Results.Ok(new Response(rollupLevel.ToString().ToLowerInvariant(), scope, rollupLevel == RollupLevel.Municipality ? municipality : null,
            schoolYear, rows.Count == 0 ? null : rows.Max(r => r.ComputedAt), hide ? SuppressBelow : null, figures));
    });
}
