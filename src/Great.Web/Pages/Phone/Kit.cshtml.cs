using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Phone;

/// <summary>
/// What an officer's phone keeps to record with no connection: the officer's own open classes with their rosters,
/// planned dates, lessons done and the curriculum's lesson titles in both languages, and the pages to keep with them.
/// Nobody else's class is in it (the same scope as every page).
/// </summary>
public class KitModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, NameAccessLog names) : PageModel
{
    public sealed record Kit(string User, DateTimeOffset PreparedAt, IReadOnlyList<string> Pages, IReadOnlyList<KitClass> Classes);
    public sealed record KitClass(int Id, string School, string Class, string Component, LocalizedText ComponentName, int LessonCount, DateOnly Today,
        DateOnly? StartsOn, IReadOnlyList<int> Done, IReadOnlyList<KitPlanned> Planned, IReadOnlyList<KitLesson> Lessons, IReadOnlyList<KitStudent> Students);
    public sealed record KitPlanned(int Lesson, DateOnly On);
    public sealed record KitLesson(int Number, LocalizedText Title);
    public sealed record KitStudent(int Enrollment, string Name, DateOnly From, DateOnly? Until);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = UserScope.From(User);
        var classes = await db.Classes.AsNoTracking().AsSplitQuery().VisibleTo(user)
            .Where(c => SchoolClass.OpenStatuses.Contains(c.Status))
            .Include(c => c.School.Region).Include(c => c.Deliveries).Include(c => c.PlannedLessons).Include(c => c.Enrollments).ThenInclude(e => e.Student)
            .OrderBy(c => c.Id).ToListAsync();
        var kept = classes.Select(c => (Class: c, Component: curriculum.Find(c.ComponentCode, c.Edition))).Where(x => x.Component is not null)
            .Select(x => new KitClass(x.Class.Id, x.Class.School.Name, x.Class.DisplayName, x.Class.ComponentCode, x.Component!.Name, x.Component.LessonCount,
                x.Class.School.Region.Today(time), x.Class.StartsOn,
                x.Class.Deliveries.Select(d => d.LessonNumber).Order().ToList(),
                x.Class.PlannedLessons.OrderBy(p => p.LessonNumber).Select(p => new KitPlanned(p.LessonNumber, p.PlannedOn)).ToList(),
                x.Component.Lessons.Select(l => new KitLesson(l.Number, l.Title)).ToList(),
                x.Class.Enrollments.Select(e => new KitStudent(e.Id, e.Student.DisplayName, e.EnrolledOn, e.WithdrawnOn))
                    .OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList()))
            .ToList();
        // The pages the phone keeps: the officer's classes, each class's record form, and the page shown for anything else offline.
        string[] pages = [Url.Page("/Classes/Mine")!, Url.Page("/Phone/Offline")!, .. kept.Select(c => Url.Page("/Lessons/Record", new { id = c.Id })!)];
        // Names leave for the phone: one record per class carried.
        await names.RecordAsync(NameView.PhoneKit, kept.Select(c => (c.Id, c.Students.Count)));
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new Kit(user.UserId ?? "", time.GetUtcNow(), pages, kept));
    }
}
