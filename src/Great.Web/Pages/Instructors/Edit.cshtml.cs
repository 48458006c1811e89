using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Instructors;

/// <summary>Add an officer to the region's record, or correct their contact details.</summary>
public class EditModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public InstructorInput Input { get; set; } = new();
    public SelectList Agencies { get; private set; } = null!;
    public bool IsNew => Input.Id == 0;

    public sealed class InstructorInput
    {
        public int Id { get; set; }
        public int AgencyId { get; set; }
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public string BadgeNumber { get; set; } = "";
        public string Email { get; set; } = "";
        public string Phone { get; set; } = "";
        public string Culture { get; set; } = "es";
    }

    public sealed class Validator : AbstractValidator<InstructorInput>
    {
        public Validator(GreatDbContext db, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.AgencyId).GreaterThan(0).WithMessage(L["Choose an agency."]);
            RuleFor(x => x.GivenName).NotEmpty().WithMessage(L["Enter the given name."]).MaximumLength(FieldLengths.ShortName);
            RuleFor(x => x.FamilyName).NotEmpty().WithMessage(L["Enter the family name."]).MaximumLength(FieldLengths.ShortName);
            RuleFor(x => x.BadgeNumber).NotEmpty().WithMessage(L["Enter the badge number."]).MaximumLength(FieldLengths.Code)
                .Must((x, badge) => !db.Instructors.Any(i => i.AgencyId == x.AgencyId && i.BadgeNumber == badge.Trim() && i.Id != x.Id))
                .WithMessage(L["Another officer of this agency has this badge number."]);
            RuleFor(x => x.Email).NotEmpty().WithMessage(L["Enter an email address."])
                .EmailAddress().WithMessage(L["Enter a valid email address."]).MaximumLength(FieldLengths.Email);
            RuleFor(x => x.Phone).MaximumLength(FieldLengths.Code);
            RuleFor(x => x.Culture).Must(Languages.IsSupported).WithMessage(L["Choose English or Spanish."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not null)
        {
            var instructor = await db.Instructors.AsNoTracking().VisibleTo(UserScope.From(User)).FirstOrDefaultAsync(i => i.Id == id);
            if (instructor is null) return NotFound();
            Input = new InstructorInput
            {
                Id = instructor.Id, AgencyId = instructor.AgencyId, GivenName = instructor.GivenName, FamilyName = instructor.FamilyName,
                BadgeNumber = instructor.BadgeNumber, Email = instructor.Email, Phone = instructor.Phone ?? "", Culture = instructor.Culture,
            };
        }
        await LoadAgenciesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserScope.From(User);
        var instructor = Input.Id == 0 ? null : await db.Instructors.VisibleTo(user).FirstOrDefaultAsync(i => i.Id == Input.Id);
        if (Input.Id != 0 && instructor is null) return NotFound();
        // The agency is an id from the form: it must be one of the manager's own region.
        if (!await db.Agencies.VisibleTo(user).AnyAsync(a => a.Id == Input.AgencyId))
        {
            ModelState.AddModelError("Input.AgencyId", L["Choose an agency."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAgenciesAsync();
            return Page();
        }
        if (instructor is null)
        {
            instructor = new Instructor { GivenName = "", FamilyName = "", BadgeNumber = "", Email = "" };
            db.Instructors.Add(instructor);
        }
        instructor.Edit(Input.AgencyId, Input.GivenName, Input.FamilyName, Input.BadgeNumber, Input.Email, Input.Phone, Input.Culture);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", instructor.FullName].Value;
        return RedirectToPage("/Instructors/Details", new { id = instructor.Id });
    }

    private async Task LoadAgenciesAsync()
    {
        var user = UserScope.From(User);
        Agencies = new SelectList(await db.Agencies.AsNoTracking().VisibleTo(user)
            .OrderBy(a => a.Name).ToListAsync(), "Id", "Name");
    }
}
