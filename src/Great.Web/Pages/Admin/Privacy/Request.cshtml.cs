using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Pages.Classes;
using Great.Web.Privacy;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Privacy;

/// <summary>
/// One data-subject request, answered: an access request closed once the record was handed over; a correction made
/// (which closes it); an erasure done with its reason (the name and school ids go now, the counts stay); or the time
/// extended once, with the reason told to the person.
/// </summary>
public class RequestModel(GreatDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public SubjectRequest Subject { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    [BindProperty] public string Outcome { get; set; } = "";
    /// <summary>The correction form's fields; bound by its own handler only, so the other forms are not checked against it.</summary>
    public StudentInput Correction { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Correction = new StudentInput { GivenName = Subject.Student.GivenName, FamilyName = Subject.Student.FamilyInitial, LocalId = Subject.Student.LocalId ?? "" };
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CheckOpen() || !CheckOutcome(required: false)) return Page();
        Subject.Close(Today, Outcome);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Request closed."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostExtendAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CheckOpen() || !CheckOutcome(required: true)) return Page();
        if (Subject.Extended)
        {
            ModelState.AddModelError(nameof(Outcome), L["The time to answer was extended once already."]);
            return Page();
        }
        Subject.Extend(Outcome);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Extended: now due by {0}.", Subject.DueOn.ToString("d")].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCorrectAsync(int id, StudentInput correction)
    {
        if (!await LoadAsync(id)) return NotFound();
        Correction = correction;
        if (Subject.Kind != SubjectRequestKind.Correction) return NotFound();
        if (!CheckOpen()) return Page();
        var student = Subject.Student;
        if (student.IsPseudonymised) ModelState.AddModelError(nameof(Correction), L["The name was removed: there is nothing left to correct."]);
        var localId = Correction.LocalId.Trim();
        if (ModelState.IsValid && localId.Length > 0
            && await db.Students.AnyAsync(s => s.SchoolId == student.SchoolId && s.LocalId == localId && s.Id != student.Id))
        {
            ModelState.AddModelError("Correction.LocalId", L["Another student of the school has the id {0}.", localId]);
        }
        if (!ModelState.IsValid) return Page();
        var changed = new List<string>();
        if (student.GivenName != Correction.GivenName.Trim()) changed.Add(L["Given name"]);
        if (student.FamilyInitial != Student.InitialOf(Correction.FamilyName)) changed.Add(L["Family initial"]);
        if ((student.LocalId ?? "") != localId) changed.Add(L["School id"]);
        student.Rename(Correction.GivenName, Student.InitialOf(Correction.FamilyName));
        student.Identify(localId, null);
        Subject.Close(Today, changed.Count == 0 ? L["Nothing needed correcting."] : L["Corrected: {0}.", string.Join(", ", changed)]);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Corrected, and the request closed."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEraseAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Subject.Kind != SubjectRequestKind.Erasure) return NotFound();
        if (!CheckOpen() || !CheckOutcome(required: true)) return Page();
        // The request and the erasure commit together: an erasure is never done without its request closed, nor the other way.
        Subject.Close(Today, Outcome);
        await StudentErasure.EraseAsync(db, [Subject.Student], $"Erasure request {Subject.Id}: {Outcome.Trim()}", time.GetUtcNow());
        TempData["Message"] = L["The name and school ids are removed, and the request closed."].Value;
        return RedirectToPage(new { id });
    }

    private bool CheckOpen()
    {
        if (Subject.IsOpen) return true;
        ModelState.AddModelError("", L["This request is closed."]);
        return false;
    }

    private bool CheckOutcome(bool required)
    {
        if (required && string.IsNullOrWhiteSpace(Outcome)) ModelState.AddModelError(nameof(Outcome), L["Give the reason."]);
        else if (Outcome.Trim().Length > FieldLengths.Reason) ModelState.AddModelError(nameof(Outcome), L["The reason is longer than {0} characters.", FieldLengths.Reason]);
        return ModelState.IsValid;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.SubjectRequests.Include(r => r.Student.School.Region).FirstOrDefaultAsync(r => r.Id == id);
        if (found is null) return false;
        Subject = found;
        Today = found.Student.School.Region.Today(time);
        return true;
    }
}
