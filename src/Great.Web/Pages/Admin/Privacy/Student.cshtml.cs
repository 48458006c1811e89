using System.Globalization;
using System.Text.Json;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Admin.Privacy;

/// <summary>
/// What Great holds about one student, readable (in English or Spanish, whatever the administrator's language, to
/// hand to a family) or as JSON; and a data-subject request received about them, logged with its due day.
/// </summary>
public class StudentModel(GreatDbContext db, CurriculumCatalogue curriculum, IOptions<RetentionOptions> options, TimeProvider time,
    NameAccessLog names, IStringLocalizer<SharedResource> L) : PageModel
{
    public SubjectRecord Record { get; private set; } = null!;
    /// <summary>The language the record is shown in (?lang=es prints it in Spanish; the view switches to it).</summary>
    public string Language { get; private set; } = "en";
    public DateOnly Today { get; private set; }

    [BindProperty] public SubjectRequestKind? Kind { get; set; }
    [BindProperty] public DateOnly? ReceivedOn { get; set; }
    [BindProperty] public string Details { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, string? lang)
    {
        if (!await LoadAsync(id)) return NotFound();
        Language = LocalizationServices.Normalize(lang ?? CultureInfo.CurrentUICulture.Name);
        ReceivedOn = Today;
        await names.RecordAsync(NameView.SubjectRecord, null, 1, id);
        return Page();
    }

    /// <summary>The same record as a JSON file: names of things in English, values as held.</summary>
    public async Task<IActionResult> OnGetJsonAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await names.RecordAsync(NameView.SubjectExport, null, 1, id);
        var json = JsonSerializer.SerializeToUtf8Bytes(Record, Json);
        return File(json, "application/json; charset=utf-8", $"student-{id}.json");
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var student = await db.Students.FirstAsync(s => s.Id == id);
        if (Kind is not { } kind || !Enum.IsDefined(kind)) ModelState.AddModelError(nameof(Kind), L["Choose what the person asks for."]);
        if (ReceivedOn is not { } received) ModelState.AddModelError(nameof(ReceivedOn), L["Give the day the request was received."]);
        else if (!PastDay.IsValid(received, Today)) ModelState.AddModelError(nameof(ReceivedOn), L["The day received must be between 2000 and today."]);
        if (string.IsNullOrWhiteSpace(Details)) ModelState.AddModelError(nameof(Details), L["Say who asks and what for."]);
        else if (Details.Trim().Length > FieldLengths.Reason) ModelState.AddModelError(nameof(Details), L["The details are longer than {0} characters.", FieldLengths.Reason]);
        if (!ModelState.IsValid) return Page();
        var request = SubjectRequest.Receive(student, Kind!.Value, ReceivedOn!.Value, Today, Details, User.Identity?.Name ?? "?");
        db.SubjectRequests.Add(request);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Request logged: due by {0}.", request.DueOn.ToString("d")].Value;
        return RedirectToPage("/Admin/Privacy/Request", new { id = request.Id });
    }

    internal static readonly JsonSerializerOptions Json = new(AuditInterceptor.Json) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private async Task<bool> LoadAsync(int id)
    {
        var found = await SubjectRecord.LoadAsync(db, id, options.Value.Policy, curriculum.NameOf);
        if (found is null) return false;
        Record = found;
        var zone = await db.Students.Where(s => s.Id == id).Select(s => s.School.Region.TimeZone).FirstAsync();
        Today = Region.TodayIn(zone, time);
        return true;
    }
}
