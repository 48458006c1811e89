using FluentValidation;
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
/// When students' names are removed: the rule, the removals to come by school and day, and the schools held back
/// for a stated reason (placing and lifting a hold is audited like any change).
/// </summary>
public class RetentionModel(GreatDbContext db, IOptions<RetentionOptions> options, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public RetentionPolicy Policy => options.Value.Policy;
    public IReadOnlyList<RetentionSchedule.Upcoming> Upcoming { get; private set; } = [];
    public IReadOnlyList<RetentionHold> Holds { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Schools { get; private set; } = [];

    /// <summary>The hold form as posted (kept to show it again with its errors).</summary>
    public HoldInput Hold { get; private set; } = new();

    public sealed class HoldInput
    {
        public int? SchoolId { get; set; }
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<HoldInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.SchoolId).Cascade(CascadeMode.Stop).Must(id => id is { } school && db.Schools.Any(s => s.Id == school)).WithMessage(L["Choose a school."])
                .Must(id => !db.RetentionHolds.Any(h => h.SchoolId == id)).WithMessage((_, id) => L["{0} is already held.", db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefault() ?? ""]);
            RuleFor(x => x.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Say why the names are kept."])
                .Must(r => r.Trim().Length <= FieldLengths.Reason).WithMessage(L["The reason is longer than {0} characters.", FieldLengths.Reason]);
        }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostHoldAsync(HoldInput hold)
    {
        Hold = hold;
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var school = await db.Schools.SingleAsync(s => s.Id == hold.SchoolId);
        db.RetentionHolds.Add(new RetentionHold { SchoolId = school.Id, Reason = hold.Reason.Trim(), HeldBy = User.Identity?.Name ?? "?", HeldAt = time.GetUtcNow() });
        await db.SaveChangesAsync();
        TempData["Message"] = L["The names at {0} are kept until the hold is lifted.", school.Name].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReleaseAsync(int holdId)
    {
        var hold = await db.RetentionHolds.Include(h => h.School).FirstOrDefaultAsync(h => h.Id == holdId);
        if (hold is null) return NotFound();
        db.RetentionHolds.Remove(hold);
        await db.SaveChangesAsync();
        TempData["Message"] = L["The hold on {0} is lifted: its names follow the retention rule again.", hold.School.Name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Upcoming = await RetentionSchedule.UpcomingAsync(db, Policy);
        Holds = await db.RetentionHolds.AsNoTracking().Include(h => h.School).OrderBy(h => h.School.Name).ToListAsync();
        Schools = (await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
    }
}
