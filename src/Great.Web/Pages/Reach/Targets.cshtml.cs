using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Reach;

/// <summary>Reach targets: students to complete per school year and component, for the region or split by school.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Operations.SetTargets)]
public class TargetsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public TargetInput Input { get; set; } = new();
    public Region Region { get; private set; } = null!;
    public IReadOnlyList<ReachTarget> Targets { get; private set; } = [];
    public IReadOnlyList<School> Schools { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;

    public sealed class TargetInput
    {
        public int? SchoolId { get; set; }
        public int SchoolYear { get; set; }
        public string ComponentCode { get; set; } = "";
        public int? StudentsToComplete { get; set; }
    }

    public sealed class Validator : AbstractValidator<TargetInput>
    {
        public Validator(CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.ComponentCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Choose a component."])
                .Must(c => curriculum.CurrentEdition(c) is not null).WithMessage(L["Choose a component."]);
            RuleFor(x => x.StudentsToComplete).NotNull().WithMessage(L["Enter the number of students to complete."])
                .InclusiveBetween(0, 10_000_000).WithMessage(L["Enter a number from 0 to 10,000,000."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? regionId)
    {
        if (!await LoadAsync(regionId)) return NotFound();
        Input.SchoolYear = Years[1];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? regionId)
    {
        if (!await LoadAsync(regionId)) return NotFound();
        if (!Years.Contains(Input.SchoolYear)) ModelState.AddModelError("Input.SchoolYear", L["Choose a school year."]);
        if (Input.SchoolId is { } school && Schools.All(s => s.Id != school)) ModelState.AddModelError("Input.SchoolId", L["Choose a school."]);
        if (!ModelState.IsValid) return Page();

        var target = await db.ReachTargets.FirstOrDefaultAsync(t => t.RegionId == Region.Id && t.SchoolId == Input.SchoolId
            && t.SchoolYear == Input.SchoolYear && t.ComponentCode == Input.ComponentCode);
        if (target is null)
        {
            target = new ReachTarget { RegionId = Region.Id, SchoolId = Input.SchoolId, SchoolYear = Input.SchoolYear, ComponentCode = Input.ComponentCode };
            db.ReachTargets.Add(target);
        }
        target.Aim(Input.StudentsToComplete!.Value);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Target saved."].Value;
        return RedirectToPage(new { regionId = Region.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int? regionId, int targetId)
    {
        if (!await LoadAsync(regionId)) return NotFound();
        var target = await db.ReachTargets.FirstOrDefaultAsync(t => t.Id == targetId && t.RegionId == Region.Id);
        if (target is null) return NotFound();
        db.ReachTargets.Remove(target);
        await db.SaveChangesAsync();
        return RedirectToPage(new { regionId = Region.Id });
    }

    private async Task<bool> LoadAsync(int? regionId)
    {
        var user = UserScope.From(User);
        var id = user.FixedRegionId ?? regionId;
        if (regionId is not null && regionId != id) return false;
        var region = await db.Regions.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id);
        if (region is null) return false;
        Region = region;
        var current = region.SchoolYearOf(region.Today(time));
        Years = [current - 1, current, current + 1];
        Schools = await db.Schools.AsNoTracking().Where(s => s.RegionId == region.Id).OrderBy(s => s.Name).ToListAsync();
        Targets = await db.ReachTargets.AsNoTracking().Include(t => t.School).Where(t => t.RegionId == region.Id)
            .OrderByDescending(t => t.SchoolYear).ThenBy(t => t.SchoolId).ThenBy(t => t.ComponentCode).ToListAsync();
        return true;
    }
}
