using System.Globalization;
using System.Text;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Great.Web.Resources;

namespace Great.Web.Pages.Calendar;

/// <summary>
/// An officer's planned lessons as an iCalendar feed for a phone calendar. The secret in the URL is the only key
/// (calendar apps cannot sign in); the officer can replace or revoke it at any time.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class FeedModel(GreatDbContext db, CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (token.Length < 20) return NotFound();
        var instructor = await db.Instructors.AsNoTracking().FirstOrDefaultAsync(i => i.CalendarToken == token);
        if (instructor is null) return NotFound();

        var lessons = await db.PlannedLessons.AsNoTracking()
            .Where(p => p.Class.InstructorId == instructor.Id && SchoolClass.OpenStatuses.Contains(p.Class.Status))
            .Select(p => new { p.Id, p.LessonNumber, p.PlannedOn, p.Class.ComponentCode, p.Class.Edition, p.Class.Grade, p.Class.Section, School = p.Class.School.Name, p.ClassId })
            .ToListAsync();
        // In the officer's language: the account's (the language switch changes it), else the officer record's.
        var language = await db.Users.Where(u => u.InstructorId == instructor.Id).Select(u => u.Culture).FirstOrDefaultAsync() ?? instructor.Culture;
        var culture = CultureInfo.GetCultureInfo(language);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Great//Lesson plan//EN" };
        foreach (var lesson in lessons.OrderBy(l => l.PlannedOn))
        {
            var component = curriculum.Find(lesson.ComponentCode, lesson.Edition);
            var title = component?.LessonNumber(lesson.LessonNumber)?.Title.For(culture) ?? "";
            var heading = LocalizationServices.InCulture(language, () => L["Lesson {0}: {1}", lesson.LessonNumber, title].Value);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"great-planned-lesson-{lesson.Id}",
                Summary = $"{heading} · {component?.Name.For(culture)} {lesson.Grade} {lesson.Section}",
                Location = lesson.School,
                Description = Url.PageLink("/Classes/Details", values: new { id = lesson.ClassId }),
                DtStart = new CalDateTime(lesson.PlannedOn),
                DtEnd = new CalDateTime(lesson.PlannedOn.AddDays(1)),
            });
        }
        var ics = new CalendarSerializer(calendar).SerializeToString() ?? "";
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "great-lessons.ics");
    }
}
