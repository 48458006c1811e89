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
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Instructors;

/// <summary>Change a certification's standing: renew it, suspend it with a reason, reinstate it, or revoke it.</summary>
public class CertificationModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IOptions<CertificationOptions> options,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public Certification Certification { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public int ValidityMonths => options.Value.ValidityFor(Certification.ComponentCode);
    public string ComponentName => curriculum.NameOf(Certification.ComponentCode);
    public string Reason { get; private set; } = "";

    /// <summary>Suspending or revoking says why; the reason stays on the officer's record.</summary>
    public sealed class ReasonInput
    {
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<ReasonInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(L["Give the reason: it stays on the officer's record."])
                .MaximumLength(FieldLengths.Reason).WithMessage(L["Keep the reason under {0} characters.", FieldLengths.Reason]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRenewAsync(int id) => ChangeAsync(id, c =>
    {
        c.Renew(ValidityMonths, Today);
        return L["Renewed until {0}.", c.ExpiresOn.ToString("d")];
    });

    public Task<IActionResult> OnPostSuspendAsync(int id, ReasonInput input) => ChangeAsync(id, c =>
    {
        c.Suspend(input.Reason.Trim(), Today);
        return L["Suspended."];
    }, input);

    public Task<IActionResult> OnPostReinstateAsync(int id) => ChangeAsync(id, c =>
    {
        c.Reinstate(Today);
        return L["Reinstated."];
    });

    public Task<IActionResult> OnPostRevokeAsync(int id, ReasonInput input) => ChangeAsync(id, c =>
    {
        c.Revoke(input.Reason.Trim(), Today);
        return L["Revoked."];
    }, input);

    private async Task<IActionResult> ChangeAsync(int id, Func<Certification, LocalizedString> change, ReasonInput? input = null)
    {
        if (!await LoadAsync(id)) return NotFound();
        Reason = input?.Reason ?? "";
        if (!ModelState.IsValid) return Page();
        try
        {
            TempData["Message"] = change(Certification).Value;
        }
        catch (CertificationRuleException e)
        {
            ModelState.AddModelError("", L[$"CertificationRule.{e.Rule}"]);
            return Page();
        }
        await db.SaveChangesAsync();
        return RedirectToPage("/Instructors/Details", new { id = Certification.InstructorId });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var certification = await db.Certifications.Include(c => c.Instructor.Agency.Region)
            .Where(c => db.Instructors.VisibleTo(user).Any(i => i.Id == c.InstructorId))
            .FirstOrDefaultAsync(c => c.Id == id);
        if (certification is null) return false;
        Certification = certification;
        Today = certification.Instructor.Agency.Region.Today(time);
        return true;
    }
}
