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

namespace Great.Web.Pages.Lessons;

/// <summary>A coordinator or an administrator removes a lesson recorded by mistake, saying why; the trail keeps the record and the reason.</summary>
[Authorize(Roles = $"{Roles.SchoolCoordinator},{Roles.Admin}")]
public class DeleteModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public LessonDelivery Delivery { get; private set; } = null!;
    public string ComponentName => curriculum.NameOf(Delivery.Class.ComponentCode);
    [BindProperty] public string Reason { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), L["Give the reason: it stays in the audit trail."]);
        else if (Reason.Length > 500) ModelState.AddModelError(nameof(Reason), L["Keep the reason under 500 characters."]);
        if (!ModelState.IsValid) return Page();
        db.AuditReason = Reason.Trim();
        db.LessonDeliveries.Remove(Delivery);
        db.RequestRollup(Delivery.Class.SchoolId, time.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = L["The record of lesson {0} was deleted.", Delivery.LessonNumber].Value;
        return RedirectToPage("/Classes/Details", new { id = Delivery.ClassId });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.LessonDeliveries.Include(d => d.Class.School).Include(d => d.Attendance)
            .Where(d => db.Classes.VisibleTo(user).Any(c => c.Id == d.ClassId))
            .FirstOrDefaultAsync(d => d.Id == id);
        if (found is null) return false;
        Delivery = found;
        return true;
    }
}
