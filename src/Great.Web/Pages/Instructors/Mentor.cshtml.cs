using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Instructors;

/// <summary>
/// The regional manager assigns a provisional certification its mentor: an officer of the region certified at Mentor
/// or Trainer level for the component. The mentor is emailed by the morning reminders (see ReminderJob).
/// </summary>
public class MentorModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public Certification Certification { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public string ComponentName => curriculum.NameOf(Certification.ComponentCode);
    /// <summary>The region's mentors for the component, the officer left out.</summary>
    public IReadOnlyList<Instructor> Candidates { get; private set; } = [];

    [BindProperty] public int? MentorId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        MentorId = Certification.MentorId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // Only an officer of the certification's region can be found: another region's id is no candidate at all.
        var mentor = await db.Instructors.Include(i => i.Certifications)
            .FirstOrDefaultAsync(i => i.Id == MentorId && i.Agency.RegionId == Certification.Instructor.Agency.RegionId);
        var refused = mentor is null ? CertificationRule.MentorNotQualified : Certification.CheckMentor(mentor, Today);
        if (refused is not null)
        {
            ModelState.AddModelError(nameof(MentorId), L[$"CertificationRule.{refused}"]);
            return Page();
        }
        Certification.AssignMentor(mentor!, Today);
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} is now the mentor of {1} for {2}: they will be reminded by email.", mentor!.FullName, Certification.Instructor.FullName, ComponentName].Value;
        return RedirectToPage("/Instructors/Details", new { id = Certification.InstructorId });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.Certifications.Include(c => c.Instructor.Agency.Region).Include(c => c.Mentor)
            .Where(c => db.Instructors.VisibleTo(user).Any(i => i.Id == c.InstructorId))
            .FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return false;
        Certification = found;
        Today = found.Instructor.Agency.Region.Today(time);
        var regionId = found.Instructor.Agency.RegionId;
        Candidates = (await db.Instructors.AsNoTracking().Include(i => i.Certifications)
                .Where(i => i.Agency.RegionId == regionId && i.Id != found.InstructorId
                    && i.Certifications.Any(c => c.ComponentCode == found.ComponentCode && c.Level >= CertificationLevel.Mentor))
                .ToListAsync())
            .Where(i => i.MayMentor(found.ComponentCode, Today)).OrderBy(i => i.FamilyName).ThenBy(i => i.GivenName).ToList();
        return true;
    }
}
