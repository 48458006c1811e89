using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Admin.Security;

/// <summary>Security events (sign-ins, lockouts, second factors, passwords, roles and scopes, exports of names), newest first, filtered.</summary>
public class IndexModel(GreatDbContext db) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public SecurityEventKind? Kind { get; set; }
    /// <summary>Part of the account's email, or of the name of who acted.</summary>
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public sealed record Row(DateTimeOffset At, string Kind, string By, string? Email, string? Address, string? Detail);
    public IReadOnlyList<Row> Events { get; private set; } = [];
    public bool More { get; private set; }

    public async Task OnGetAsync()
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEventFactory.AuditEntity);
        if (Kind is { } kind) query = query.Where(a => a.Action == kind.ToString());
        query = query.WithinUtcDays(From, To, a => a.At);
        if (Account?.Trim() is { Length: > 0 } account)
        {
            account = account.Length > FieldLengths.Search ? account[..FieldLengths.Search] : account;
            query = query.WhereContains(db, account, a => a.After!).Union(query.WhereContains(db, account, a => a.UserName));
        }
        var found = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync();
        More = found.Count > PageSize;
        Events = found.Take(PageSize).Select(a =>
        {
            var detail = SecurityEventFactory.Detail(a);
            return new Row(a.At, a.Action, a.UserName, detail?.Email, detail?.Address, detail?.Detail);
        }).ToList();
    }
}
