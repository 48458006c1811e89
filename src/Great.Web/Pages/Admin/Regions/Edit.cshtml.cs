using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Regions;

/// <summary>Add a region, or change one: its time zone, school calendar and default language.</summary>
public class EditModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public RegionInput Input { get; set; } = new();
    public bool IsNew => Input.Id == 0;

    public sealed class RegionInput
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public string CountryCode { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public int SchoolYearStartMonth { get; set; } = 1;
        public string DefaultCulture { get; set; } = "es";
    }

    public sealed class Validator : AbstractValidator<RegionInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage(L["Enter a name."]).MaximumLength(FieldLengths.ShortName)
                .Must((x, name) => !db.Regions.Any(r => r.Name == name.Trim() && r.Id != x.Id)).WithMessage(L["Another region has this name."]);
            RuleFor(x => x.CountryCode).Matches("^[A-Za-z]{2}$").WithMessage(L["Enter the two-letter country code (e.g. SV)."]);
            RuleFor(x => x.TimeZone).Must(tz => TimeZoneInfo.TryFindSystemTimeZoneById(tz ?? "", out _))
                .WithMessage(L["Enter a time zone such as America/El_Salvador."]);
            RuleFor(x => x.SchoolYearStartMonth).InclusiveBetween(1, 12).WithMessage(L["Choose a month."]);
            RuleFor(x => x.DefaultCulture).Must(Languages.IsSupported).WithMessage(L["Choose English or Spanish."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null) return Page();
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (region is null) return NotFound();
        Input = new RegionInput
        {
            Id = region.Id, Name = region.Name, CountryCode = region.CountryCode, TimeZone = region.TimeZone,
            SchoolYearStartMonth = region.SchoolYearStartMonth, DefaultCulture = region.DefaultCulture,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var region = Input.Id == 0 ? null : await db.Regions.FirstOrDefaultAsync(r => r.Id == Input.Id);
        if (Input.Id != 0 && region is null) return NotFound();
        if (region is null)
        {
            region = new Region { Name = "", CountryCode = "", TimeZone = "" };
            db.Regions.Add(region);
        }
        region.Edit(Input.Name, Input.CountryCode, Input.TimeZone, Input.SchoolYearStartMonth, Input.DefaultCulture);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", region.Name].Value;
        return RedirectToPage("/Admin/Index");
    }
}
