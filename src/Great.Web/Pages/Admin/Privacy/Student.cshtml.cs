using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
    NameAccessLog names, NameAccessWriter writer, IStringLocalizer<SharedResource> L) : PageModel, IPreparesInput
{
    public SubjectRecord Record { get; private set; } = null!;
    /// <summary>The language the record is shown in (?lang=es prints it in Spanish; the view switches to it).</summary>
    public string Language { get; private set; } = "en";
    public DateOnly Today { get; private set; }

    /// <summary>A request received about the student (posted with the field names alone: Kind, ReceivedOn, Details).</summary>
    [BindProperty] public RequestInput Input { get; set; } = new();

    public sealed class RequestInput
    {
        public SubjectRequestKind? Kind { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public string Details { get; set; } = "";
        /// <summary>The day in the student's region, which a request cannot be received after.</summary>
        [BindNever] public DateOnly Today { get; set; }
    }

    public sealed class Validator : AbstractValidator<RequestInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Kind).Must(k => k is { } kind && Enum.IsDefined(kind)).WithMessage(L["Choose what the person asks for."]);
            RuleFor(x => x.ReceivedOn).Cascade(CascadeMode.Stop).NotNull().WithMessage(L["Give the day the request was received."])
                .Must((x, received) => PastDay.IsValid(received!.Value, x.Today)).WithMessage(L["The day received must be between 2000 and today."]);
            RuleFor(x => x.Details).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Say who asks and what for."])
                .Must(d => d.Trim().Length <= FieldLengths.Reason).WithMessage(L["The details are longer than {0} characters.", FieldLengths.Reason]);
        }
    }

    public async Task PrepareInputAsync()
    {
        if (int.TryParse(RouteData.Values["id"]?.ToString(), out var id) && await TodayOfAsync(id) is { } today) Input.Today = today;
    }

    public async Task<IActionResult> OnGetAsync(int id, string? lang)
    {
        if (!await LoadAsync(id)) return NotFound();
        Language = LocalizationServices.Normalize(lang ?? CultureInfo.CurrentUICulture.Name);
        Input.ReceivedOn = Today;
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
        if (!ModelState.IsValid) return Page();
        var student = await db.Students.FirstAsync(s => s.Id == id);
        var request = SubjectRequest.Receive(student, Input.Kind!.Value, Input.ReceivedOn!.Value, Today, Input.Details, User.Identity?.Name ?? "?");
        db.SubjectRequests.Add(request);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Request logged: due by {0}.", request.DueOn.ToString("d")].Value;
        return RedirectToPage("/Admin/Privacy/Request", new { id = request.Id });
    }

    internal static readonly JsonSerializerOptions Json = new(AuditInterceptor.Json) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private async Task<bool> LoadAsync(int id)
    {
        // Who saw the student includes showings still queued for writing (ADR-013): the record waits for them.
        await writer.FlushAsync(HttpContext.RequestAborted);
        var found = await SubjectRecord.LoadAsync(db, id, options.Value.Policy, curriculum.NameOf);
        if (found is null) return false;
        Record = found;
        Today = (await TodayOfAsync(id))!.Value;
        return true;
    }

    /// <summary>The day in the student's region; null for no such student.</summary>
    private async Task<DateOnly?> TodayOfAsync(int id) =>
        await db.Students.Where(s => s.Id == id).Select(s => s.School.Region.TimeZone).FirstOrDefaultAsync() is { } zone ? Region.TodayIn(zone, time) : null;
}
