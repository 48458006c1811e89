using System.Text;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Imports;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Classes;

/// <summary>
/// Import a class roster from a plain CSV: upload, preview what will change, confirm. Any bad row: nothing is
/// kept and every bad row is listed with its line. The confirmation writes everything in one transaction.
/// </summary>
[Authorize(Policy = Operations.ManageRoster)]
[RequestSizeLimit(64 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
public class ImportModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public string ComponentName => curriculum.NameOf(Class.ComponentCode);
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public RosterStage? Preview { get; private set; }
    public IReadOnlyList<string> IgnoredColumns { get; private set; } = [];
    public Guid? Pending { get; private set; }
    public string? FileName { get; private set; }
    [BindProperty(SupportsGet = true)] public bool Withdraw { get; set; } = true;

    public async Task<IActionResult> OnGetAsync(int id, Guid? pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (pending is null) return Page();
        var upload = await FindPendingAsync(pending.Value);
        if (upload is null) return RedirectToPage(new { id });
        Pending = upload.Id;
        FileName = upload.FileName;
        await StageAsync(upload);
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(PlainCsvRoster.TemplateFor(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName))).ToArray(),
            "text/csv", L["roster-template.csv"]);

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        (var upload, Errors) = await Upload.UploadAsync(file, L["Choose a CSV file."], Message, (name, content) => PlainCsvRoster.Parse(name, content, Message, out _));
        if (upload is null) return Page();
        return RedirectToPage(new { id, pending = upload.Id, withdraw = Withdraw });
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, Guid pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        var upload = await FindPendingAsync(pending);
        if (upload is null) return RedirectToPage(new { id });
        if (!await StageAsync(upload)) return Page();
        db.PendingImports.Remove(upload);
        Preview!.Record(UserScope.From(User).UserId!, time.GetUtcNow(), upload, Class.Id);
        await db.SaveChangesAsync();
        TempData["Message"] = Shared.ImportSummary.Of(L, Preview!);
        return RedirectToPage("/Classes/Roster", new { id });
    }

    /// <summary>Applies the file to the tracked class; the caller saves (confirm) or not (preview).</summary>
    private async Task<bool> StageAsync(PendingImport upload)
    {
        Errors = PlainCsvRoster.Parse(upload.FileName, upload.Content, Message, out var parsed);
        if (parsed is null || Errors.Count > 0) return false;
        IgnoredColumns = parsed.IgnoredColumns;
        var stage = await RosterStage.StartAsync(db, Class.SchoolId, Class.School.Region.Today(time), parsed.Rows);
        foreach (var row in parsed.Rows) stage.Enroll(row, Class);
        if (Withdraw) stage.WithdrawOthers(Class, upload.FileName);
        await stage.RecordConsentsAsync(L["{0} (import of {1})", User.Identity?.Name ?? "?", upload.FileName].Value, time.GetUtcNow());
        Preview = stage;
        return true;
    }

    private string Message(string text) => L[text].Value;

    private Uploads Upload => new(db, time, UserScope.From(User).UserId!, ImportKind.PlainCsv, Class.SchoolId, Class.Id);

    private Task<PendingImport?> FindPendingAsync(Guid pending) => Upload.FindAsync(pending);

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Classes.VisibleTo(UserScope.From(User)).Include(c => c.School.Region)
            .Include(c => c.Enrollments).ThenInclude(e => e.Student)
            .FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return false;
        Class = found;
        return true;
    }
}
