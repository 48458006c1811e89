using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Privacy;

/// <summary>Who was shown students' names: every roster, progress grid, certificate and file that carried them, newest first, filtered; and as CSV.</summary>
public class AccessModel(GreatDbContext db, CurriculumCatalogue curriculum, NameAccessWriter writer, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public NameView? View { get; set; }
    /// <summary>Part of the account's email.</summary>
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public int? ClassId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public sealed record Row(DateTimeOffset At, string By, NameView View, int? ClassId, string? Class, int? StudentId, int Names);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool More { get; private set; }

    public async Task OnGetAsync()
    {
        // The records are written off the requests' path (ADR-013): the list waits for those still queued, so it is whole.
        await writer.FlushAsync(HttpContext.RequestAborted);
        var found = await Query().Take(PageSize + 1).ToListAsync();
        More = found.Count > PageSize;
        Rows = Named(found.Take(PageSize));
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        await writer.FlushAsync(HttpContext.RequestAborted);
        var rows = Named(await Query().ToListAsync());
        return CsvFile.Create("name-access.csv",
            [L["When (UTC)"], L["Who"], L["What"], L["Class"], L["Student"], L["Names"]],
            rows.Select(r => (IReadOnlyList<string?>)[r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"), r.By, L[$"NameView.{r.View}"], r.Class,
                r.StudentId?.ToString(), r.Names.ToString()]));
    }

    private sealed record Raw(DateTimeOffset At, string By, NameView View, int? ClassId, string? School, string? Component, string? Grade, string? Section, int? StudentId, int Names);

    private IQueryable<Raw> Query()
    {
        var query = db.NameAccesses.AsNoTracking();
        if (View is { } view) query = query.Where(a => a.View == view);
        if (ClassId is { } classId) query = query.Where(a => a.ClassId == classId);
        query = query.WithinUtcDays(From, To, a => a.At);
        if (Account?.Trim() is { Length: > 0 } account)
        {
            query = query.WhereContains(db, account.Length > FieldLengths.Search ? account[..FieldLengths.Search] : account, a => a.UserName);
        }
        return from a in query
               join c in db.Classes on a.ClassId equals (int?)c.Id into classes
               from c in classes.DefaultIfEmpty()
               orderby a.Id descending
               select new Raw(a.At, a.UserName, a.View, a.ClassId, c == null ? null : c.School.Name, c == null ? null : c.ComponentCode,
                   c == null ? null : c.Grade, c == null ? null : c.Section, a.StudentId, a.Names);
    }

    private IReadOnlyList<Row> Named(IEnumerable<Raw> rows) => rows.Select(r => new Row(r.At, r.By, r.View, r.ClassId,
        r.School is null ? null : $"{curriculum.NameOf(r.Component!)} {r.Grade} {r.Section} · {r.School}", r.StudentId, r.Names)).ToList();
}
