using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Great.Web.Resources;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Reach;

/// <summary>Start a full recompute of the reach figures and follow it: the job's state, then the figures' time and size.</summary>
public class IndexModel(GreatDbContext db, IBackgroundJobClient jobs, JobStorage storage, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<LevelRow> Levels { get; private set; } = [];
    public int PendingSchools { get; private set; }
    public string? JobId { get; private set; }
    public string? JobState { get; private set; }

    public sealed record LevelRow(RollupLevel Level, int Rows, DateTimeOffset? ComputedAt);

    public async Task OnGetAsync(string? job)
    {
        Levels = await db.ReachRollups.GroupBy(r => r.Level)
            .Select(g => new LevelRow(g.Key, g.Count(), g.Max(r => (DateTimeOffset?)r.ComputedAt))).ToListAsync();
        PendingSchools = await db.RollupRequests.Select(r => r.SchoolId).Distinct().CountAsync();
        if (job is not null)
        {
            using var connection = storage.GetConnection();
            JobId = job;
            JobState = connection.GetStateData(job)?.Name;
        }
    }

    public IActionResult OnPost()
    {
        var id = jobs.Enqueue<ReachRollupJob>(j => j.RunFullAsync(CancellationToken.None));
        TempData["Message"] = L["A full recompute has started."].Value;
        return RedirectToPage(new { job = id });
    }
}
