using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    public void OnGet() => RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    /// <summary>
    /// The request failed because the database has no room left (SQLite's SQLITE_FULL: the disk, or
    /// Database:MaxPageCount; PostgreSQL's disk_full): the save was refused whole, so nothing was half-written.
    /// </summary>
    public bool DatabaseFull => HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && IsDatabaseFull(error);

    public static bool IsDatabaseFull(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 } or Npgsql.PostgresException { SqlState: "53100" }) return true;
        }
        return false;
    }
}
