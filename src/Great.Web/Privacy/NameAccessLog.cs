using System.Security.Claims;
using Great.Web.Data;
using Great.Web.Domain;

namespace Great.Web.Privacy;

/// <summary>
/// The one place that writes who saw students' names (<see cref="NameAccess"/>): each page or file that shows names
/// calls it once when it shows them, with how many. A showing of no names is not one. Figures pages never call it.
/// </summary>
public sealed class NameAccessLog(GreatDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public Task RecordAsync(NameView view, int? classId, int names, int? studentId = null) =>
        RecordAsync(view, [(classId, names)], studentId);

    /// <summary>A file that carries several classes' names (the phone's kit): one record per class, saved together.</summary>
    public Task RecordAsync(NameView view, IEnumerable<(int ClassId, int Names)> classes) =>
        RecordAsync(view, classes.Select(c => ((int?)c.ClassId, c.Names)));

    private async Task RecordAsync(NameView view, IEnumerable<(int? ClassId, int Names)> shown, int? studentId = null)
    {
        var user = http.HttpContext?.User;
        var at = time.GetUtcNow();
        var records = shown.Where(s => s.Names > 0).Select(s => new NameAccess
        {
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "?" : "system",
            At = at,
            View = view,
            ClassId = s.ClassId,
            StudentId = studentId,
            Names = s.Names,
        }).ToList();
        if (records.Count == 0) return;
        db.NameAccesses.AddRange(records);
        await db.SaveChangesAsync();
    }
}
