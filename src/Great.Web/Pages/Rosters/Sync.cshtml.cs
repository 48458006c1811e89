using System.Text.Json;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Imports;
using Great.Web.Jobs;
using Great.Web.Resources;
using Great.Web.Security;
using Great.Web.Sync;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Rosters;

/// <summary>
/// A school's roster from its connection: preview the whole roster pulled now and confirm it (the first time, or to
/// map a class that is new in the source), then "Sync now" or wait for the nightly pull; each run with its counts,
/// duration and error. The pulled roster waits for confirmation in the database, so what was previewed is what is applied.
/// </summary>
[Authorize(Policy = Operations.ManageRoster)]
public class SyncModel(GreatDbContext db, RosterSync sync, CurriculumCatalogue curriculum, IBackgroundJobClient jobs, TimeProvider time,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public RosterConnectionSchool Mapped { get; private set; } = null!;
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public RosterStage? Preview { get; private set; }
    public IReadOnlyList<OneRosterImport.ClassMapping> Classes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> UnmappedClasses { get; private set; } = [];
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;
    public IReadOnlyList<RosterSyncRun> Runs { get; private set; } = [];
    public RosterSyncRun? LastApplied { get; private set; }
    public Guid? Pending { get; private set; }

    [BindProperty] public List<Choice> Mappings { get; set; } = [];

    public sealed class Choice
    {
        public string SourcedId { get; set; } = "";
        public string Value { get; set; } = "";
    }

    public RosterSyncRun? LastFailed => Runs.FirstOrDefault() is { Outcome: RosterSyncOutcome.Failed } failed ? failed : null;

    public DateTimeOffset Local(DateTimeOffset at) => Mapped.School.Region.LocalTime(at);

    public async Task<IActionResult> OnGetAsync(int id, Guid? pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (pending is not null && await FindPendingAsync(pending.Value) is { } pulled) await StageAsync(pulled);
        return Page();
    }

    /// <summary>Pulls the school's whole roster now and shows what it would change; applies nothing.</summary>
    public async Task<IActionResult> OnPostPullAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var startedAt = time.GetUtcNow();
        var (package, errors) = await sync.PullWholeAsync(Mapped, Message, HttpContext.RequestAborted);
        if (package is null)
        {
            Errors = errors;
            return Page();
        }
        var kept = await Upload.KeepAsync(Mapped.Connection.Name, JsonSerializer.SerializeToUtf8Bytes(package), at: startedAt);
        return RedirectToPage(new { id, pending = kept.Id });
    }

    /// <summary>Shows the preview again with the class mapping as now chosen; writes nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, Guid pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (await FindPendingAsync(pending) is not { } pulled) return RedirectToPage(new { id });
        await StageAsync(pulled);
        return Page();
    }

    /// <summary>Applies the previewed roster; from now on the school follows its source.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id, Guid pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (await FindPendingAsync(pending) is not { } pulled) return RedirectToPage(new { id });
        if (await sync.TakeAsync(Mapped.ConnectionId) is not { } lease)
        {
            Errors = [new(Mapped.Connection.Name, 0, L["A sync of this connection is running now: wait for it to end, then confirm again."])];
            await StageAsync(pulled);
            return Page();
        }
        try
        {
            var result = await StageAsync(pulled);
            if (result is null || result.Errors.Count > 0) return Page();
            var userId = UserScope.From(User).UserId;
            var run = new RosterSyncRun
            {
                ConnectionId = Mapped.ConnectionId, SchoolId = Mapped.SchoolId, Trigger = RosterSyncTrigger.Confirmed,
                StartedAt = pulled.CreatedAt, UserId = userId, Delta = false,
            };
            sync.Record(Mapped, result, pulled.CreatedAt, userId, run);
            run.Applied(time.GetUtcNow());
            db.RosterSyncRuns.Add(run);
            db.PendingImports.Remove(pulled);
            await db.SaveChangesAsync();
            TempData["Message"] = L["Applied: {0} added, {1} changed, {2} withdrawn, {3} unchanged. The roster now follows {4} every night.",
                run.Added, run.Changed, run.Withdrawn, run.Unchanged, Mapped.Connection.Name].Value;
        }
        finally
        {
            await sync.ReleaseAsync(Mapped.ConnectionId, lease);
        }
        return RedirectToPage(new { id });
    }

    /// <summary>Queues a pull of what changed, for every school of the connection; its run appears in the history.</summary>
    public async Task<IActionResult> OnPostSyncNowAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Mapped.IsFollowing) return RedirectToPage(new { id });
        var user = UserScope.From(User);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        jobs.Enqueue<RosterSyncJob>(j => j.RunOneAsync(Mapped.ConnectionId, user.UserId, culture));
        TempData["Message"] = L["The sync has started: its result appears in the history below in a minute or two."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<OneRosterImport.Result?> StageAsync(PendingImport pulled)
    {
        Pending = pulled.Id;
        var package = JsonSerializer.Deserialize<OneRosterPackage>(pulled.Content)!;
        var choices = Mappings.Where(m => m.SourcedId.Length > 0).GroupBy(m => m.SourcedId).ToDictionary(g => g.Key, g => g.First().Value);
        var result = await sync.StageAsync(Mapped, package, choices, following: false, Message);
        Errors = [.. Errors, .. result.Errors];
        Preview = result.Stage;
        Classes = result.Classes;
        return result;
    }

    private string Message(string text) => L[text].Value;

    private Uploads Upload => new(db, time, UserScope.From(User).UserId!, ImportKind.RosterSync, Mapped.SchoolId, null);

    private Task<PendingImport?> FindPendingAsync(Guid pending) => Upload.FindAsync(pending);

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.RosterConnectionSchools.VisibleTo(UserScope.From(User))
            .Include(s => s.Connection).Include(s => s.School).ThenInclude(s => s.Region).FirstOrDefaultAsync(s => s.Id == id);
        if (found is null) return false;
        Mapped = found;
        Runs = await db.RosterSyncRuns.AsNoTracking().Where(r => r.ConnectionId == found.ConnectionId && (r.SchoolId == null || r.SchoolId == found.SchoolId))
            .OrderByDescending(r => r.StartedAt).Take(50).ToListAsync();
        LastApplied = await db.RosterSyncRuns.AsNoTracking().Where(r => r.ConnectionId == found.ConnectionId && r.Outcome == RosterSyncOutcome.Applied
                && (r.SchoolId == null || r.SchoolId == found.SchoolId))
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync();
        UnmappedClasses = await OneRosterImport.LinkableClassesAsync(db, found.SchoolId, curriculum);
        return true;
    }
}
