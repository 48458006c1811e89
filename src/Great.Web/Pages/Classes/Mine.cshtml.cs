using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>The instructor's home: their classes with the next lesson to teach, and their certifications.</summary>
[Authorize(Policy = Operations.TeachOwnClasses)]
public class MineModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time) : PageModel
{
    public IReadOnlyList<ClassSummary> Current { get; private set; } = [];
    public IReadOnlyList<ClassSummary> Past { get; private set; } = [];
    public IReadOnlyList<CertificationRow> Certifications { get; private set; } = [];
    public ClassSummary? TeachNext { get; private set; }

    public sealed record CertificationRow(string ComponentCode, CertificationLevel Level, DateOnly CertifiedOn, DateOnly ExpiresOn, CertificationStatus Status);

    public async Task OnGetAsync()
    {
        var user = UserScope.From(User);
        var classes = await ClassSummary.LoadAsync(db, db.Classes.AsNoTracking().VisibleTo(user), curriculum, time);
        Current = classes.Where(c => c.Status is ClassStatus.Planned or ClassStatus.Active)
            .OrderBy(c => c.NextLesson?.PlannedOn ?? DateOnly.MaxValue).ToList();
        Past = classes.Where(c => c.Status is ClassStatus.Finished or ClassStatus.Cancelled)
            .OrderByDescending(c => c.SchoolYear).ToList();
        TeachNext = Current.FirstOrDefault(c => c.NextLesson is not null);

        var instructor = await db.Instructors.AsNoTracking().Include(i => i.Certifications).Include(i => i.Agency.Region)
            .VisibleTo(user).FirstOrDefaultAsync();
        if (instructor is not null)
        {
            var today = instructor.Agency.Region.Today(time);
            Certifications = instructor.Certifications.OrderBy(c => c.ComponentCode)
                .Select(c => new CertificationRow(c.ComponentCode, c.Level, c.CertifiedOn, c.ExpiresOn, c.StatusOn(today))).ToList();
        }
    }
}
