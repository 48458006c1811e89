using Great.Web.Domain;
using FluentValidation;
using Great.Web.Data;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Users;

/// <summary>Create an account with a role and its scope; it gets a one-time password to change at first sign-in.</summary>
public class CreateModel(
    GreatDbContext db, UserManager<GreatUser> users, IStringLocalizer<SharedResource> L)
    : PageModel
{
    [BindProperty] public UserInput Input { get; set; } = new();
    public IReadOnlyList<string> RoleChoices => Roles.All;
    public SelectList Regions { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Schools { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Sites { get; private set; } = [];
    public SelectList Instructors { get; private set; } = null!;

    public sealed class UserInput : IAccountScope
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public int? RegionId { get; set; }
        public List<int> SchoolIds { get; set; } = [];
        /// <summary>Community sites a coordinator manages, beside (or instead of) schools.</summary>
        public List<int> SiteIds { get; set; } = [];
        public int? InstructorId { get; set; }
        /// <summary>Empty: the region's language.</summary>
        public string? Culture { get; set; }
    }

    public sealed class Validator : AbstractValidator<UserInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(L["Enter an email address."])
                .EmailAddress().WithMessage(L["Enter a valid email address."]);
            RuleFor(x => x.DisplayName).NotEmpty().WithMessage(L["Enter the person's name."]).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.Role).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Choose a role."]).Must(r => Roles.All.Contains(r)).WithMessage(L["Choose a role."]);
            Include(new AccountScopeValidator(db, L));
            RuleFor(x => x.InstructorId).NotNull().WithMessage(L["Choose the officer this account belongs to."])
                .Must(id => db.Instructors.Any(i => i.Id == id)).WithMessage(L["Choose the officer this account belongs to."])
                .Must(id => !db.Users.Any(u => u.InstructorId == id)).WithMessage(L["This officer already has an account."])
                .When(x => x.Role == Roles.Instructor);
            RuleFor(x => x.Culture).Must(c => string.IsNullOrEmpty(c) || Languages.IsSupported(c)).WithMessage(L["Choose English or Spanish."]);
        }
    }

    public async Task OnGetAsync() => await LoadListsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadListsAsync();
            return Page();
        }
        var user = new GreatUser
        {
            UserName = Input.Email.Trim(), Email = Input.Email.Trim(), EmailConfirmed = true, DisplayName = Input.DisplayName.Trim(),
            MustChangePassword = true,
            RegionId = Input.Role == Roles.RegionalManager ? Input.RegionId : null,
            InstructorId = Input.Role == Roles.Instructor ? Input.InstructorId : null,
            Culture = string.IsNullOrEmpty(Input.Culture) ? await RegionCultureAsync() : Input.Culture,
        };
        if (Input.Role == Roles.SchoolCoordinator)
        {
            // Sites are places like schools: one list of places the coordinator keeps.
            user.Schools.AddRange(Input.SchoolIds.Concat(Input.SiteIds).Distinct().Select(id => new UserSchool { UserId = user.Id, SchoolId = id }));
        }
        var password = Great.Web.Commands.GreatCommands.OneTimePassword();
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, Input.Role);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) ModelState.AddModelError("Input.Email", e.Description);
            await LoadListsAsync();
            return Page();
        }
        TempData["Message"] = L["Created {0}. One-time password: {1} (they must change it at first sign-in).", user.Email!, password].Value;
        return RedirectToPage("/Admin/Index");
    }

    /// <summary>Users of Central American regions default to Spanish: the region decides.</summary>
    private async Task<string> RegionCultureAsync()
    {
        var query = Input.Role switch
        {
            Roles.RegionalManager => db.Regions.Where(r => r.Id == Input.RegionId),
            Roles.SchoolCoordinator => db.Regions.Where(r => r.Schools.Any(s => Input.SchoolIds.Contains(s.Id) || Input.SiteIds.Contains(s.Id))),
            Roles.Instructor => db.Instructors.Where(i => i.Id == Input.InstructorId).Select(i => i.Agency.Region),
            _ => db.Regions.Where(_ => false),
        };
        return await query.Select(r => r.DefaultCulture).FirstOrDefaultAsync() ?? "en";
    }

    private async Task LoadListsAsync()
    {
        Regions = new SelectList(await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync(), "Id", "Name");
        Schools = await db.Schools.AsNoTracking().Where(s => s.Kind == PlaceKind.School).OrderBy(s => s.Region.Name).ThenBy(s => s.Name)
            .Select(s => new SelectListItem(s.Region.Name + " · " + s.Name, s.Id.ToString(), Input.SchoolIds.Contains(s.Id)))
            .ToListAsync();
        Sites = await db.Schools.AsNoTracking().Where(s => s.Kind != PlaceKind.School).OrderBy(s => s.Region.Name).ThenBy(s => s.Name)
            .Select(s => new SelectListItem(s.Region.Name + " · " + s.Name, s.Id.ToString(), Input.SiteIds.Contains(s.Id))).ToListAsync();
        Instructors = new SelectList(await db.Instructors.AsNoTracking().OrderBy(i => i.FamilyName)
            .Select(i => new { i.Id, Name = i.FamilyName + ", " + i.GivenName + " (" + i.BadgeNumber + ")" }).ToListAsync(), "Id", "Name");
    }
}
