using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Outbox;

/// <summary>One message of the outbox as its recipient reads it (the plain-text part), with where it stands.</summary>
public class MessageModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public OutboundEmail Message { get; private set; } = null!;

    public string KindName => OutboxNames.KindName(L, Message.Kind);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var found = await db.OutboundEmails.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
        if (found is null) return NotFound();
        Message = found;
        return Page();
    }
}
