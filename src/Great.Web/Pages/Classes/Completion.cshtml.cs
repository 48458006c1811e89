using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>
/// The class completion report, and (with ?print=certificates) one printable certificate per student who
/// completed, in the class's own language: a print stylesheet, not a PDF library.
/// </summary>
public class CompletionModel(GreatDbContext db, CurriculumCatalogue curriculum, NameAccessLog names) : PageModel
{
    public ClassView Class { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public ClassProgress Progress { get; private set; } = null!;
    /// <summary>A Families group's households (its certificates are one per family); null for a class.</summary>
    public IReadOnlyList<HouseholdProgress.HouseholdView>? Households { get; private set; }
    public bool PrintCertificates { get; private set; }

    public sealed record ClassView(int Id, string School, string Municipality, string Region, string Culture, string Grade, string Section,
        ClassStatus Status, string? Instructor, DateOnly? LastLesson, string SchoolYearLabel);

    public async Task<IActionResult> OnGetAsync(int id, string? print)
    {
        var found = await db.Classes.AsNoTracking().VisibleTo(UserScope.From(User)).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.ComponentCode, c.Edition, School = c.School.Name, c.School.Municipality, Region = c.School.Region.Name,
                c.School.Region.DefaultCulture, c.School.Region.SchoolYearStartMonth, c.SchoolYear, c.Grade, c.Section, c.Status,
                Instructor = c.Instructor == null ? null : c.Instructor.GivenName + " " + c.Instructor.FamilyName,
                LastLesson = c.Deliveries.Max(d => (DateOnly?)d.TaughtOn), Recorded = c.Deliveries.Count(),
            }).FirstOrDefaultAsync();
        if (found is null || curriculum.Find(found.ComponentCode, found.Edition) is not { } component) return NotFound();
        Component = component;
        Class = new ClassView(found.Id, found.School, found.Municipality, found.Region, found.DefaultCulture, found.Grade, found.Section, found.Status,
            found.Instructor, found.LastLesson, Region.SchoolYearLabel(found.SchoolYear, found.SchoolYearStartMonth));
        var over = SchoolClass.IsOver(found.Status, found.Recorded, component.LessonCount);
        Progress = await ClassProgress.LoadAsync(db, id, component, over);
        if (component.TakesHouseholds) Households = await HouseholdProgress.LoadAsync(db, id, component, over);

        PrintCertificates = print == "certificates";
        await names.RecordAsync(PrintCertificates ? NameView.Certificates : NameView.Completion, id, NamesShown());
        return Page();
    }

    /// <summary>How many names the page carries: a certificate's names (those that may be named), or the report's rows.</summary>
    private int NamesShown()
    {
        if (!PrintCertificates) return Households?.Sum(h => h.Members.Count) ?? Progress.Students.Count;
        if (Households is not null)
        {
            return Households.Where(h => h.Status == CompletionStatus.Completed).Sum(h => h.Named.Count());
        }
        return Progress.Students.Count(s => s.Status == CompletionStatus.Completed && s.MayBeNamed);
    }
}
