using System.Globalization;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Classes;

/// <summary>Plan a class's lesson dates: generate them from a first day and weekdays, skipping the school's holidays, then adjust any date.</summary>
[Authorize(Policy = Operations.ManageClasses)]
public class PlanModel(GreatDbContext db, CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;

    [BindProperty] public DateOnly? FirstDay { get; set; }
    [BindProperty] public List<DayOfWeek> Weekdays { get; set; } = [];
    [BindProperty] public string Holidays { get; set; } = "";
    /// <summary>Planned dates in lesson order (index 0 is lesson 1), for the edit form.</summary>
    [BindProperty] public List<DateOnly?> Dates { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Dates = PlannedDates();
        var holidays = await db.SchoolHolidays.Where(h => h.SchoolId == Class.SchoolId).OrderBy(h => h.Date).Select(h => h.Date).ToListAsync();
        Holidays = string.Join("\n", holidays.Select(d => d.ToString("yyyy-MM-dd")));
        FirstDay = Class.PlannedLessons.OrderBy(p => p.LessonNumber).Select(p => (DateOnly?)p.PlannedOn).FirstOrDefault();
        // The weekdays the class is planned on (all of them, not the first lesson's alone); Tuesday for a class not planned yet.
        var planned = Class.PlannedLessons.Select(p => p.PlannedOn.DayOfWeek).Distinct().Order().ToList();
        Weekdays = planned.Count > 0 ? planned : [DayOfWeek.Tuesday];
        return Page();
    }

    /// <summary>Dates generated and shown in the edit form, not saved yet: the coordinator checks them, then saves.</summary>
    public bool Generated { get; private set; }

    /// <summary>
    /// Generates the dates into the edit form without saving them (a slip in the first day or the weekdays changes
    /// nothing); the chosen weekdays and holidays stay as typed. Save dates then keeps the dates and the holidays.
    /// </summary>
    public async Task<IActionResult> OnPostGenerateAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (FirstDay is null) ModelState.AddModelError(nameof(FirstDay), L["Enter the day of the first lesson."]);
        else if (!SchoolClass.IsPlannable(FirstDay.Value)) ModelState.AddModelError(nameof(FirstDay), PlannableMessage);
        if (Weekdays.Count == 0) ModelState.AddModelError(nameof(Weekdays), L["Choose at least one weekday."]);
        var holidays = ParseHolidays();
        Dates = PlannedDates();
        if (!ModelState.IsValid) return Page();
        var dates = SchoolClass.LessonDates(FirstDay!.Value, Weekdays.ToHashSet(), holidays, Component.LessonCount);
        if (dates.Count < Component.LessonCount)
        {
            ModelState.AddModelError(nameof(FirstDay), PlannableMessage);
            return Page();
        }
        Dates = dates.Select(d => (DateOnly?)d).ToList();
        Generated = true;
        // The form's fields show the generated dates, not the ones posted.
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var holidays = ParseHolidays();
        for (var number = 1; number <= Component.LessonCount; number++)
        {
            var date = Dates.ElementAtOrDefault(number - 1);
            if (date is null) ModelState.AddModelError($"Dates[{number - 1}]", L["Enter a date for lesson {0}.", number]);
            else if (!SchoolClass.IsPlannable(date.Value)) ModelState.AddModelError($"Dates[{number - 1}]", L["Lesson {0}: {1}", number, PlannableMessage]);
        }
        if (!ModelState.IsValid) return Page();
        // The school's holidays are kept for the next class planned there.
        var saved = await db.SchoolHolidays.Where(h => h.SchoolId == Class.SchoolId).ToListAsync();
        db.SchoolHolidays.RemoveRange(saved.Where(h => !holidays.Contains(h.Date)));
        db.SchoolHolidays.AddRange(holidays.Where(d => saved.All(h => h.Date != d)).Select(d => new SchoolHoliday { SchoolId = Class.SchoolId, Date = d }));
        Class.Plan(Dates.Take(Component.LessonCount).Select(d => d!.Value).ToList());
        await db.SaveChangesAsync();
        TempData["Message"] = L["Lesson dates saved."].Value;
        return RedirectToPage("/Classes/Details", new { id });
    }

    /// <summary>The holidays as typed, one date per line; each line that is not a date is an error naming it.</summary>
    private HashSet<DateOnly> ParseHolidays()
    {
        var holidays = new HashSet<DateOnly>();
        var lines = Holidays.Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var text = lines[line].Trim();
            if (text.Length == 0) continue;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) holidays.Add(day);
            else ModelState.AddModelError(nameof(Holidays), L["Holidays, line {0}: '{1}' is not a date like 2026-09-15.", line + 1, text]);
        }
        return holidays;
    }

    private List<DateOnly?> PlannedDates() => Enumerable.Range(1, Component.LessonCount)
        .Select(n => Class.PlannedLessons.FirstOrDefault(p => p.LessonNumber == n)?.PlannedOn).ToList();

    private string PlannableMessage => L["Plan lessons between {0} and {1}.", SchoolClass.FirstPlannableDay.ToString("yyyy-MM-dd"), SchoolClass.LastPlannableDay.ToString("yyyy-MM-dd")];

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Classes.VisibleTo(UserScope.From(User)).Include(c => c.PlannedLessons).Include(c => c.School)
            .FirstOrDefaultAsync(c => c.Id == id);
        if (found is null || curriculum.Find(found.ComponentCode, found.Edition) is not { } component) return false;
        Class = found;
        Component = component;
        return true;
    }
}
