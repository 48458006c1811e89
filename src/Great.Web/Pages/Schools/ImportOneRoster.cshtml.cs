using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Imports;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Schools;

/// <summary>
/// Import a school's rosters from a OneRoster 1.1 or 1.2 CSV zip: upload, map the export's classes to Great classes,
/// preview, confirm. All or nothing; every bad line listed with its file.
/// </summary>
[RequestSizeLimit(64 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
public class ImportOneRosterModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public School School { get; private set; } = null!;
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public RosterStage? Preview { get; private set; }
    public IReadOnlyList<string> Ignored { get; private set; } = [];
    public IReadOnlyList<OneRosterImport.ClassMapping> Classes { get; private set; } = [];
    private IReadOnlyList<SchoolClass> Targets { get; set; } = [];
    public IReadOnlyList<(int Id, string Name)> UnmappedClasses { get; private set; } = [];
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;
    public Guid? Pending { get; private set; }
    public string? FileName { get; private set; }

    [BindProperty] public List<Choice> Mappings { get; set; } = [];

    /// <summary>What becomes of the students the file would withdraw from classes under way: "keep" or "withdraw", chosen by a person.</summary>
    [BindProperty] public string? Withdrawals { get; set; }

    public const string Keep = "keep";
    public const string Withdraw = "withdraw";

    /// <summary>A student the file would take out of a class under way, and what they would lose.</summary>
    public sealed record Leaver(string Name, int LessonsAttended, int LessonsShort);

    public sealed record ClassUnderWay(int ClassId, string Name, int LessonsRecorded, int LessonCount, IReadOnlyList<Leaver> Students);

    /// <summary>The classes under way (lessons recorded) the file would withdraw students from: shown apart, never applied without a choice.</summary>
    public IReadOnlyList<ClassUnderWay> UnderWay { get; private set; } = [];

    public sealed class Choice
    {
        public string SourcedId { get; set; } = "";
        public string Value { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(int id, Guid? pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (pending is not null && await FindPendingAsync(pending.Value) is { } upload) await StageAsync(upload);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        (var upload, Errors) = await Upload.UploadAsync(file, L["Choose a OneRoster zip file."], Message, (name, content) => OneRosterPackage.Parse(name, content, Message, out _));
        if (upload is null) return Page();
        return RedirectToPage(new { id, pending = upload.Id });
    }

    /// <summary>A post that names no step starts again.</summary>
    public IActionResult OnPost(int id) => RedirectToPage(new { id });

    /// <summary>Shows the preview again with the class mapping as now chosen; writes nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, Guid pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (await FindPendingAsync(pending) is not { } upload) return RedirectToPage(new { id });
        await StageAsync(upload);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, Guid pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (await FindPendingAsync(pending) is not { } upload) return RedirectToPage(new { id });
        if (!await StageAsync(upload)) return Page();
        if (UnderWay.Count > 0 && Withdrawals is not (Keep or Withdraw))
        {
            var count = UnderWay.Sum(c => c.Students.Count);
            ModelState.AddModelError(nameof(Withdrawals),
                L.Plural("Choose whether to keep or withdraw the {0} students this file would withdraw from classes under way.", count, count));
            return Page();
        }
        db.PendingImports.Remove(upload);
        Preview!.Record(UserScope.From(User).UserId!, time.GetUtcNow(), upload, classId: null);
        await db.SaveChangesAsync();
        TempData["Message"] = Shared.ImportSummary.Of(L, Preview!);
        // The coordinator lands on what was imported: the class itself, or the school with its imported classes first.
        return Targets.Count == 1
            ? RedirectToPage("/Classes/Details", new { id = Targets[0].Id })
            : RedirectToPage("/Schools/Details", new { id, imported = string.Join(',', Targets.Select(t => t.Id)) });
    }

    private async Task<bool> StageAsync(PendingImport upload)
    {
        Pending = upload.Id;
        FileName = upload.FileName;
        Errors = OneRosterPackage.Parse(upload.FileName, upload.Content, Message, out var package);
        if (package is null) return false;
        Ignored = package.Ignored;
        var choices = Mappings.Where(m => m.SourcedId.Length > 0).GroupBy(m => m.SourcedId).ToDictionary(g => g.Key, g => g.First().Value);
        var result = await OneRosterImport.StageAsync(db, School, package, choices, curriculum, School.Region.Today(time), Message,
            keepUnderWay: Withdrawals == Keep);
        Errors = result.Errors;
        UnderWay = result.Stage is null || result.LessonsRecorded is not { } recorded ? [] : result.Stage.Leaving
            .Where(e => recorded.ContainsKey(e.Class.Id))
            .GroupBy(e => e.Class)
            .Select(g => (Class: g.Key, Component: curriculum.Find(g.Key.ComponentCode, g.Key.Edition), Leaving: g.ToList()))
            .Where(x => x.Component is not null)
            .Select(x => new ClassUnderWay(x.Class.Id, $"{x.Component!.Name.Current} {x.Class.Grade} {x.Class.Section}", recorded[x.Class.Id], x.Component.LessonCount,
                x.Leaving.Select(e => new Leaver(e.Student.DisplayName, e.LessonsAttended,
                        x.Component.Completion.LessonsShort(e.LessonsAttended, e.HighestLessonAttended == x.Component.LessonCount)))
                    .OrderBy(l => l.LessonsShort).ThenBy(l => l.Name, StringComparer.CurrentCulture).ToList()))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        Preview = result.Stage;
        Classes = result.Classes;
        Targets = result.Targets;
        return Errors.Count == 0;
    }

    private string Message(string text) => L[text].Value;

    private Uploads Upload => new(db, time, UserScope.From(User).UserId!, ImportKind.OneRoster, School.Id, null);

    private Task<PendingImport?> FindPendingAsync(Guid pending) => Upload.FindAsync(pending);

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Schools.VisibleTo(UserScope.From(User)).Include(s => s.Region).FirstOrDefaultAsync(s => s.Id == id);
        if (found is null) return false;
        School = found;
        UnmappedClasses = await OneRosterImport.LinkableClassesAsync(db, id, curriculum);
        return true;
    }
}
