using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>The officers who may be given a class: the school's region, in the user's scope, Active or Expiring for the component today.</summary>
public static class InstructorCandidates
{
    public sealed record Candidate(int Id, string Name, string Agency, CertificationStatus Status, DateOnly ExpiresOn);

    public static async Task<IReadOnlyList<Candidate>> LoadAsync(GreatDbContext db, UserScope user, int regionId, string componentCode, DateOnly today)
    {
        var officers = await db.Instructors.AsNoTracking().VisibleTo(user)
            .Where(i => i.Agency.RegionId == regionId && i.Certifications.Any(c => c.ComponentCode == componentCode))
            .Include(i => i.Agency).Include(i => i.Certifications)
            .ToListAsync();
        return officers.Where(i => i.MayTeach(componentCode, today))
            .Select(i => new Candidate(i.Id, $"{i.FamilyName}, {i.GivenName}", i.Agency.Name, i.StatusFor(componentCode, today),
                i.Certifications.Where(c => c.ComponentCode == componentCode && c.StatusOn(today).AllowsTeaching()).Max(c => c.ExpiresOn)))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
    }
}
