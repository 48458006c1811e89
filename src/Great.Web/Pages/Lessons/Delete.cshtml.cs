using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Lessons;

/// <summary>A coordinator or an administrator removes a lesson recorded by mistake, saying why; the trail keeps the record and the reason.</summary>
[Authorize(Policy = Operations.DeleteLesson)]
public class DeleteModel(GreatDbContext db, CurriculumCatalogue curriculum, IAuthorizationService authorization, IStringLocalizer<SharedResource> L) : PageModel
{
    public LessonDelivery Delivery { get; private set; } = null!;
    public string ComponentName => curriculum.NameOf(Delivery.Class.ComponentCode);
    [BindProperty] public DeletionInput Input { get; set; } = new();

    public sealed class DeletionInput
    {
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<DeletionInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Reason).NotEmpty().WithMessage(L["Give the reason: it stays in the audit trail."])
                .MaximumLength(FieldLengths.Reason).WithMessage(L["Keep the reason under {0} characters.", FieldLengths.Reason]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id) =>
        !await LoadAsync(id) ? NotFound() : await authorization.CanAsync(User, Operations.DeleteLesson, Delivery.Class) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await authorization.CanAsync(User, Operations.DeleteLesson, Delivery.Class)) return Forbid();
        if (!ModelState.IsValid) return Page();
        Delivery.ExplainDeletion(Input.Reason);
        db.LessonDeliveries.Remove(Delivery);
        await db.SaveChangesAsync();
        TempData["Message"] = L["The record of lesson {0} was deleted.", Delivery.LessonNumber].Value;
        return RedirectToPage("/Classes/Details", new { id = Delivery.ClassId });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.LessonDeliveries.Include(d => d.Class.School).Include(d => d.Attendance)
            .Where(d => db.Classes.VisibleTo(user).Any(c => c.Id == d.ClassId))
            .FirstOrDefaultAsync(d => d.Id == id);
        if (found is null) return false;
        Delivery = found;
        return true;
    }
}
