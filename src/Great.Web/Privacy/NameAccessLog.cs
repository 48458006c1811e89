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
    public async Task RecordAsync(NameView view, int? classId, int names, int? studentId = null)
    {
        if (names <= 0) return;
        var user = http.HttpContext?.User;
        db.NameAccesses.Add(new NameAccess
        {
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "?" : "system",
            At = time.GetUtcNow(),
            View = view,
            ClassId = classId,
            StudentId = studentId,
            Names = names,
        });
        await db.SaveChangesAsync();
    }
}
