using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Classes;

/// <summary>
/// A household's youth is a student of a school class: the coordinator finds the student and says so. Never guessed:
/// only students of classes the coordinator may see are offered, and nothing is linked until one is chosen.
/// </summary>
[Authorize(Policy = Operations.ManageRoster)]
public class LinkYouthModel(GreatDbContext db, CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L, NameAccessLog names) : PageModel
{
    public const int MaxMatches = 25;

    public Enrollment Member { get; private set; } = null!;
    public IReadOnlyList<Match> Matches { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public sealed record Match(int StudentId, string Name, string School, string Class);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await FindAsync();
        // The youth's name and the students found for them.
        await names.RecordAsync(NameView.LinkYouth, Member.ClassId, 1 + Matches.Count, Member.StudentId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int studentId)
    {
        if (!await LoadAsync(id)) return NotFound();
        // The student is an id from the form: only one enrolled in a classroom class this user may see.
        var student = await Candidates().Where(e => e.StudentId == studentId).Select(e => e.Student).FirstOrDefaultAsync();
        if (student is null) return NotFound();
        var group = Member.Class;
        if (group.CheckLink(Member, student) is { } refused)
        {
            ModelState.AddModelError("", L.Refusal(refused, curriculum.NameOf(group.ComponentCode), group.StartsOn, group.Status));
            await FindAsync();
            return Page();
        }
        var replaced = group.LinkYouth(Member, student);
        // The record made for the youth in this group is nobody else's: it goes, and only the student's stays.
        if (!await db.Enrollments.AnyAsync(e => e.StudentId == replaced.Id && e.Id != Member.Id)) db.Students.Remove(replaced);
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} is now linked to the student {1}.", replaced.DisplayName, student.DisplayName].Value;
        return RedirectToPage("/Classes/Households", new { id = group.Id });
    }

    /// <summary>Classroom enrolments (not household members) of classes in the user's scope, in the group's region.</summary>
    private IQueryable<Enrollment> Candidates()
    {
        var regionId = Member.Class.School.RegionId;
        return db.Enrollments.Where(e => e.HouseholdId == null && e.Class.School.RegionId == regionId
            && db.Classes.VisibleTo(UserScope.From(User)).Any(c => c.Id == e.ClassId));
    }

    private async Task FindAsync()
    {
        if (string.IsNullOrWhiteSpace(Q)) return;
        var name = Q.Trim();
        Matches = await Candidates().WhereContains(db, name, e => e.Student.GivenName)
            .OrderBy(e => e.Student.GivenName).ThenBy(e => e.Student.FamilyInitial)
            .Select(e => new Match(e.StudentId, e.Student.GivenName + " " + e.Student.FamilyInitial + ".", e.Class.School.Name, e.Class.Grade + " " + e.Class.Section))
            .Take(MaxMatches).ToListAsync();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var member = await db.Enrollments.Include(e => e.Student).Include(e => e.Class.School)
            .Include(e => e.Class.Enrollments)
            .FirstOrDefaultAsync(e => e.Id == id && e.HouseholdId != null && db.Classes.VisibleTo(UserScope.From(User)).Any(c => c.Id == e.ClassId));
        if (member is null) return false;
        Member = member;
        Q ??= member.Student.GivenName;
        return true;
    }
}
