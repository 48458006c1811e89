using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Sites;

/// <summary>
/// Create or edit a community site: a manager in their own region (another region's site is 404), an administrator
/// anywhere; a coordinator may add one in a region of their schools, and is then its coordinator (see AddSite).
/// </summary>
[Authorize(Policy = Operations.AddSite)]
public class EditModel(GreatDbContext db, IAuthorizationService authorization, SignInManager<GreatUser> signIn, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public SiteInput Input { get; set; } = new();
    public SelectList Regions { get; private set; } = null!;
    public bool IsNew => Input.Id == 0;

    /// <summary>A community site is a place kept with the schools (see ADR-008): its kind says it is not a school.</summary>
    public sealed class SiteInput
    {
        public int Id { get; set; }
        public int RegionId { get; set; }
        public string Municipality { get; set; } = "";
        public string Name { get; set; } = "";
        public PlaceKind? Kind { get; set; }
    }

    public sealed class Validator : AbstractValidator<SiteInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Municipality).Must(m => !string.IsNullOrWhiteSpace(m)).WithMessage(L["Enter the municipality."]).MaximumLength(FieldLengths.ShortName);
            RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(L["Enter a name."]).MaximumLength(FieldLengths.Name)
                .Must((x, name) => !db.Schools.Any(s => s.Kind != PlaceKind.School && s.RegionId == x.RegionId && s.Municipality == x.Municipality.Trim() && s.Name == name.Trim() && s.Id != x.Id))
                .WithMessage(L["Another site in this municipality has this name."]);
            RuleFor(x => x.Kind).NotNull().WithMessage(L["Choose the kind of site."]).Must(k => k is not (null or PlaceKind.School) && Enum.IsDefined(k.Value)).WithMessage(L["Choose the kind of site."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not null)
        {
            if (!await authorization.CanAsync(User, Operations.ManageSites)) return Forbid();
            var site = await db.Schools.AsNoTracking().VisibleTo(UserScope.From(User)).FirstOrDefaultAsync(s => s.Id == id && s.Kind != PlaceKind.School);
            if (site is null) return NotFound();
            Input = new SiteInput { Id = site.Id, RegionId = site.RegionId, Municipality = site.Municipality, Name = site.Name, Kind = site.Kind };
        }
        await LoadRegionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserScope.From(User);
        if (Input.Id != 0 && !await authorization.CanAsync(User, Operations.ManageSites)) return Forbid();
        var site = Input.Id == 0 ? null : await db.Schools.VisibleTo(user).FirstOrDefaultAsync(s => s.Id == Input.Id && s.Kind != PlaceKind.School);
        if (Input.Id != 0 && site is null) return NotFound();
        // Only a region the user may see: a manager's own.
        if (!await db.Regions.VisibleTo(user).AnyAsync(r => r.Id == Input.RegionId)) ModelState.AddModelError("Input.RegionId", L["Choose a region."]);
        if (!ModelState.IsValid)
        {
            await LoadRegionsAsync();
            return Page();
        }
        if (site is null)
        {
            var codes = await db.Schools.Where(s => s.RegionId == Input.RegionId).Select(s => s.Code).ToListAsync();
            site = new School { Municipality = "", Name = "", Code = School.NextSiteCode(codes) };
            db.Schools.Add(site);
        }
        site.EditSite(Input.RegionId, Input.Municipality, Input.Name, Input.Kind!.Value);
        var keeper = user.IsCoordinator && IsNew ? await db.Users.FirstAsync(u => u.Id == user.UserId) : null;
        await using (var tx = await db.BeginWriteAsync())
        {
            await db.SaveChangesAsync();
            if (keeper is not null)
            {
                db.UserSchools.Add(new UserSchool { UserId = keeper.Id, SchoolId = site.Id });
                await db.SaveChangesAsync();
            }
            await tx.CommitAsync();
        }
        // The coordinator's places are in their sign-in: renewed, so the new site is theirs at once.
        if (keeper is not null) await signIn.RefreshSignInAsync(keeper);
        TempData["Message"] = L["Saved {0}.", site.Name].Value;
        return RedirectToPage("/Sites/Index");
    }

    private async Task LoadRegionsAsync()
    {
        var regions = await db.Regions.AsNoTracking().VisibleTo(UserScope.From(User)).OrderBy(r => r.Name).ToListAsync();
        if (Input.RegionId == 0 && regions.Count == 1) Input.RegionId = regions[0].Id;
        Regions = new SelectList(regions, "Id", "Name");
    }
}
