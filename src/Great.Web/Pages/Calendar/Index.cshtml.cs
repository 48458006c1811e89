using Great.Web.Data;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Calendar;

/// <summary>The officer's secret calendar link: create one, replace it (the old one stops working) or revoke it.</summary>
[Authorize(Policy = Operations.TeachOwnClasses)]
public class IndexModel(GreatDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public string? FeedUrl { get; private set; }

    /// <summary>The same feed as a webcal:// link: a phone opens its calendar app on it and offers to subscribe.</summary>
    public string? SubscribeUrl => FeedUrl is { } url ? "webcal" + url[url.IndexOf("://", StringComparison.Ordinal)..] : null;

    public async Task<IActionResult> OnGetAsync()
    {
        var instructor = await FindAsync();
        if (instructor is null) return NotFound();
        FeedUrl = instructor.CalendarToken is { } token ? Url.PageLink("/Calendar/Feed", values: new { token }) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostNewAsync()
    {
        var instructor = await FindAsync();
        if (instructor is null) return NotFound();
        instructor.NewCalendarToken();
        await db.SaveChangesAsync();
        TempData["Message"] = L["A new calendar link is ready; any older link no longer works."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        var instructor = await FindAsync();
        if (instructor is null) return NotFound();
        instructor.RevokeCalendarToken();
        await db.SaveChangesAsync();
        TempData["Message"] = L["The calendar link no longer works."].Value;
        return RedirectToPage();
    }

    private Task<Domain.Instructor?> FindAsync() => db.Instructors.VisibleTo(UserScope.From(User)).FirstOrDefaultAsync();
}
