using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Observations;

/// <summary>One observation, for the observed officer (who acknowledges it), the observer and the region's manager.</summary>
public class DetailsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public Observation Observation { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public Lesson? Plan => Component.LessonNumber(Observation.Delivery.LessonNumber);
    public bool MayAcknowledge => UserScope.From(User).InstructorId == Observation.ObservedInstructorId && Observation.AcknowledgedAt is null;
    public Region Region => Observation.Delivery.Class.School.Region;
    /// <summary>The certification this observation signed off, if it did.</summary>
    public bool SignedOff { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var officer = UserScope.From(User).InstructorId ?? 0;
        try
        {
            Observation.Acknowledge(officer, time.GetUtcNow());
        }
        catch (ObservationRuleException e)
        {
            ModelState.AddModelError("", L.Refusal(e.Rule));
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = L["Observation acknowledged."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Observations.VisibleTo(UserScope.From(User))
            .Include(o => o.Delivery.Class.School.Region).Include(o => o.ObservedInstructor)
            .FirstOrDefaultAsync(o => o.Id == id);
        if (found is null || curriculum.Find(found.Delivery.Class.ComponentCode, found.Delivery.Class.Edition) is not { } component) return false;
        (Observation, Component) = (found, component);
        SignedOff = await db.Certifications.AnyAsync(c => c.SignOffObservationId == id);
        return true;
    }
}
