using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Schools;

public class EditModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public SchoolInput Input { get; set; } = new();
    public SelectList Regions { get; private set; } = null!;
    public bool IsNew => Input.Id == 0;

    public sealed class SchoolInput
    {
        public int Id { get; set; }
        public int RegionId { get; set; }
        public string Municipality { get; set; } = "";
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<SchoolInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.RegionId).Must(id => db.Regions.Any(r => r.Id == id)).WithMessage(L["Choose a region."]);
            RuleFor(x => x.Municipality).NotEmpty().WithMessage(L["Enter the municipality."]).MaximumLength(FieldLengths.ShortName);
            RuleFor(x => x.Name).NotEmpty().WithMessage(L["Enter a name."]).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.Code).NotEmpty().WithMessage(L["Enter the school code."]).MaximumLength(FieldLengths.Code)
                .Must((x, code) => !db.Schools.Any(s => s.RegionId == x.RegionId && s.Code == code.Trim() && s.Id != x.Id))
                .WithMessage(L["Another school in this region has this code."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not null)
        {
            var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.Kind == PlaceKind.School);
            if (school is null) return NotFound();
            Input = new SchoolInput { Id = school.Id, RegionId = school.RegionId, Municipality = school.Municipality, Code = school.Code, Name = school.Name };
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
        var school = Input.Id == 0 ? null : await db.Schools.FirstOrDefaultAsync(s => s.Id == Input.Id && s.Kind == PlaceKind.School);
        if (Input.Id != 0 && school is null) return NotFound();
        if (school is null)
        {
            school = new School { Municipality = "", Name = "", Code = "" };
            db.Schools.Add(school);
        }
        school.EditSchool(Input.RegionId, Input.Municipality, Input.Code, Input.Name);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", school.Name].Value;
        return RedirectToPage("/Admin/Schools/Index");
    }

    private async Task LoadRegionsAsync() =>
        Regions = new SelectList(await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync(), "Id", "Name");
}
