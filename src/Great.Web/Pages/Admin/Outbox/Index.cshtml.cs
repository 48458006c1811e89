using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Outbox;

/// <summary>How the outbox's pages name a kind of email and a time.</summary>
public static class OutboxNames
{
    public static string KindName(IStringLocalizer L, string kind) =>
        Email.OutboxBatch.Kinds.Contains(kind) ? L[$"EmailKind.{kind}"].Value : kind;

    /// <summary>A time of the outbox, said to be UTC: its messages go to people in several time zones.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("g", System.Globalization.CultureInfo.CurrentCulture) + " UTC";
}

/// <summary>The mail outbox: what was sent, what waits, what failed and why; a failed message can be sent again.</summary>
public class IndexModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<OutboundEmail> Messages { get; private set; } = [];
    public Dictionary<OutboundEmailStatus, int> Counts { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public OutboundEmailStatus? Status { get; set; }

    /// <summary>A kind of email in the reader's language; one Great no longer writes keeps its code.</summary>
    public string KindName(string kind) => OutboxNames.KindName(L, kind);

    public string Utc(DateTimeOffset at) => OutboxNames.Utc(at);

    public async Task OnGetAsync()
    {
        Counts = await db.OutboundEmails.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Messages = await db.OutboundEmails.AsNoTracking().Where(e => Status == null || e.Status == Status)
            .OrderByDescending(e => e.Id).Take(200).ToListAsync();
    }

    public async Task<IActionResult> OnPostResendAsync(long id)
    {
        var email = await db.OutboundEmails.FirstOrDefaultAsync(e => e.Id == id && e.Status == OutboundEmailStatus.Failed);
        if (email is null) return NotFound();
        email.Resend();
        await db.SaveChangesAsync();
        TempData["Message"] = L["The message to {0} will be sent again within a minute.", email.Recipient].Value;
        return RedirectToPage();
    }
}
