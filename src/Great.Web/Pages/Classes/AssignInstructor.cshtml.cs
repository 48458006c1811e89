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

/// <summary>
/// Give a class its instructor. Only officers of the school's region who may teach the class's component today
/// (certification Active or Expiring) are offered, and only they are accepted, whatever the form says.
/// </summary>
[Authorize(Policy = Operations.AssignInstructors)]
public class AssignInstructorModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L)
    : PageModel
{
    [BindProperty] public int? InstructorId { get; set; }
    /// <summary>An officer who may stand in and record this class's lessons too.</summary>
    [BindProperty] public int? SubstituteId { get; set; }
    public SchoolClass Class { get; private set; } = null!;
    public IReadOnlyList<InstructorCandidates.Candidate> Candidates { get; private set; } = [];
    public string ComponentName => curriculum.NameOf(Class.ComponentCode);
    /// <summary>A Families group is led by a facilitator and a co-facilitator: the same two officers under their own names.</summary>
    public bool TakesHouseholds => curriculum.TakesHouseholds(Class.ComponentCode);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        InstructorId = Class.InstructorId;
        SubstituteId = Class.SubstituteInstructorId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (InstructorId is { } chosen && Candidates.All(c => c.Id != chosen))
        {
            ModelState.AddModelError(nameof(InstructorId), L["This officer is not certified to teach {0} now: choose one from the list.", ComponentName]);
            return Page();
        }
        if (SubstituteId is { } substitute && Candidates.All(c => c.Id != substitute))
        {
            ModelState.AddModelError(nameof(SubstituteId), L["This officer is not certified to teach {0} now: choose one from the list.", ComponentName]);
            return Page();
        }
        var officers = await db.Instructors.Include(i => i.Certifications)
            .Where(i => i.Id == InstructorId || i.Id == SubstituteId).ToDictionaryAsync(i => i.Id);
        Class.AssignInstructors(InstructorId is { } chosen2 ? officers[chosen2] : null, SubstituteId is { } sub ? officers[sub] : null,
            Class.School.Region.Today(time));
        await db.SaveChangesAsync();
        TempData["Message"] = (InstructorId is null ? L["The class has no instructor now."] : L["Instructor assigned."]).Value;
        return RedirectToPage("/Classes/Details", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var schoolClass = await db.Classes.VisibleTo(user).Include(c => c.School.Region).FirstOrDefaultAsync(c => c.Id == id);
        if (schoolClass is null) return false;
        Class = schoolClass;
        Candidates = await InstructorCandidates.LoadAsync(db, user, schoolClass.School.RegionId, schoolClass.ComponentCode,
            schoolClass.School.Region.Today(time));
        return true;
    }
}
