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
[Authorize(Policy = Policies.Coordinator)]
public class AssignInstructorModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L)
    : PageModel
{
    [BindProperty] public int? InstructorId { get; set; }
    public SchoolClass Class { get; private set; } = null!;
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public string ComponentName => curriculum.NameOf(Class.ComponentCode);

    public sealed record Candidate(int Id, string Name, string Agency, CertificationStatus Status, DateOnly ExpiresOn);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        InstructorId = Class.InstructorId;
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
        Class.InstructorId = InstructorId;
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
        var today = schoolClass.School.Region.Today(time);
        var officers = await db.Instructors.AsNoTracking().VisibleTo(user)
            .Where(i => i.Agency.RegionId == schoolClass.School.RegionId && i.Certifications.Any(c => c.ComponentCode == schoolClass.ComponentCode))
            .Include(i => i.Agency).Include(i => i.Certifications)
            .ToListAsync();
        Candidates = officers.Where(i => i.MayTeach(schoolClass.ComponentCode, today))
            .Select(i => new Candidate(i.Id, $"{i.FamilyName}, {i.GivenName}", i.Agency.Name, i.StatusFor(schoolClass.ComponentCode, today),
                i.Certifications.Where(c => c.ComponentCode == schoolClass.ComponentCode && c.StatusOn(today).AllowsTeaching()).Max(c => c.ExpiresOn)))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        return true;
    }
}
