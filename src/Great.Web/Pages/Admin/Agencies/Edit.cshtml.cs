using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Agencies;

public class EditModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public AgencyInput Input { get; set; } = new();
    public SelectList Regions { get; private set; } = null!;
    public bool IsNew => Input.Id == 0;

    public sealed class AgencyInput
    {
        public int Id { get; set; }
        public int RegionId { get; set; }
        public string Name { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<AgencyInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.RegionId).Must(id => db.Regions.Any(r => r.Id == id)).WithMessage(L["Choose a region."]);
            RuleFor(x => x.Name).NotEmpty().WithMessage(L["Enter a name."]).MaximumLength(FieldLengths.Name)
                .Must((x, name) => !db.Agencies.Any(a => a.RegionId == x.RegionId && a.Name == name.Trim() && a.Id != x.Id))
                .WithMessage(L["Another agency in this region has this name."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not null)
        {
            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
            if (agency is null) return NotFound();
            Input = new AgencyInput { Id = agency.Id, RegionId = agency.RegionId, Name = agency.Name };
        }
        await LoadRegionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadRegionsAsync();
            return Page();
        }
        var agency = Input.Id == 0 ? null : await db.Agencies.FirstOrDefaultAsync(a => a.Id == Input.Id);
        if (Input.Id != 0 && agency is null) return NotFound();
        if (agency is null)
        {
            agency = new Agency { Name = "" };
            db.Agencies.Add(agency);
        }
        agency.Edit(Input.RegionId, Input.Name);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", agency.Name].Value;
        return RedirectToPage("/Admin/Agencies/Index");
    }

    private async Task LoadRegionsAsync() =>
        Regions = new SelectList(await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync(), "Id", "Name");
}
