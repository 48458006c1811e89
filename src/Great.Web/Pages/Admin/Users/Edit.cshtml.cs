using FluentValidation;
using Great.Web.Pages;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Users;

/// <summary>
/// Edit an account: its name, its language and its scope (a manager's region, a coordinator's schools and sites).
/// The email and the role stay: another role is another account. A changed scope ends the account's open sessions
/// (its security stamp changes), so what it may see is read again at its next sign-in.
/// </summary>
public class EditModel(GreatDbContext db, UserManager<GreatUser> users, IStringLocalizer<SharedResource> L) : PageModel, IPreparesInput
{
    [BindProperty] public EditInput Input { get; set; } = new();
    public string Email { get; private set; } = "";
    public SelectList Regions { get; private set; } = null!;
    /// <summary>Which scope fields the form shows: those of the account's role (<see cref="IAccountScope"/>).</summary>
    public IAccountScope Scope => Input;
    public IReadOnlyList<SelectListItem> Schools { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Sites { get; private set; } = [];

    public sealed class EditInput : IAccountScope
    {
        public string DisplayName { get; set; } = "";
        public string Culture { get; set; } = "en";
        public int? RegionId { get; set; }
        public List<int> SchoolIds { get; set; } = [];
        public List<int> SiteIds { get; set; } = [];
        /// <summary>Not posted: the account's role, for the scope rules.</summary>
        [BindNever] public string Role { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<EditInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.DisplayName).NotEmpty().WithMessage(L["Enter the person's name."]).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.Culture).Must(Languages.IsSupported).WithMessage(L["Choose English or Spanish."]);
            Include(new AccountScopeValidator(db, L));
        }
    }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        var places = user.Schools.Select(s => s.SchoolId).ToList();
        var sites = await db.Schools.Where(s => places.Contains(s.Id) && s.Kind != PlaceKind.School).Select(s => s.Id).ToListAsync();
        Input = new EditInput
        {
            DisplayName = user.DisplayName, Culture = user.Culture, RegionId = user.RegionId,
            SchoolIds = places.Except(sites).ToList(), SiteIds = sites, Role = await RoleOfAsync(user),
        };
        await LoadListsAsync(user);
        return Page();
    }

    /// <summary>The role is the account's, never the form's: the scope rules are checked for it.</summary>
    public async Task PrepareInputAsync()
    {
        if (RouteData.Values["id"] is string id && await FindAsync(id) is { } user) Input.Role = await RoleOfAsync(user);
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await LoadListsAsync(user);
            return Page();
        }
        var before = (user.RegionId, Places: user.Schools.Select(s => s.SchoolId).Order().ToList());
        user.DisplayName = Input.DisplayName.Trim();
        user.Culture = Input.Culture;
        IAccountScope scope = Input;
        if (scope.TakesRegion) user.RegionId = Input.RegionId;
        if (scope.TakesPlaces)
        {
            var places = Input.SchoolIds.Concat(Input.SiteIds).Distinct().ToList();
            user.Schools.RemoveAll(s => !places.Contains(s.SchoolId));
            user.Schools.AddRange(places.Where(p => user.Schools.All(s => s.SchoolId != p)).Select(p => new UserSchool { UserId = user.Id, SchoolId = p }));
        }
        var scopeChanged = before.RegionId != user.RegionId || !before.Places.SequenceEqual(user.Schools.Select(s => s.SchoolId).Order());
        await users.UpdateAsync(user);
        if (scopeChanged) await users.UpdateSecurityStampAsync(user);
        TempData["Message"] = L["Saved {0}.", user.Email!].Value;
        return RedirectToPage("/Admin/Index");
    }

    private GreatUser? _user;

    /// <summary>The account, read once per request (the input's preparation and the handler both ask for it).</summary>
    private async Task<GreatUser?> FindAsync(string id)
    {
        _user ??= await db.Users.Include(u => u.Schools).FirstOrDefaultAsync(u => u.Id == id);
        if (_user is not null) Email = _user.Email ?? "";
        return _user;
    }

    private async Task<string> RoleOfAsync(GreatUser user) => (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";

    private async Task LoadListsAsync(GreatUser user)
    {
        Regions = new SelectList(await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync(), "Id", "Name");
        Schools = await db.Schools.AsNoTracking().Where(s => s.Kind == PlaceKind.School).OrderBy(s => s.Region.Name).ThenBy(s => s.Name)
            .Select(s => new SelectListItem(s.Region.Name + " · " + s.Name, s.Id.ToString(), Input.SchoolIds.Contains(s.Id))).ToListAsync();
        Sites = await db.Schools.AsNoTracking().Where(s => s.Kind != PlaceKind.School).OrderBy(s => s.Region.Name).ThenBy(s => s.Name)
            .Select(s => new SelectListItem(s.Region.Name + " · " + s.Name, s.Id.ToString(), Input.SiteIds.Contains(s.Id))).ToListAsync();
    }
}
