using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Instructors;

/// <summary>Each officer's standing per component, as of today in the officer's own region: one query for a whole list.</summary>
/// <remarks>With the programme's provisional months given, it also knows who is overdue for a mentor's observation.</remarks>
public sealed class Standings(Dictionary<(int InstructorId, string Component), CertificationStatus> statuses,
    IReadOnlySet<(int InstructorId, string Component)>? overdue = null)
{
    public CertificationStatus For(int instructorId, string componentCode) =>
        statuses.GetValueOrDefault((instructorId, componentCode), CertificationStatus.None);

    public bool OverdueForObservation(int instructorId, string componentCode) => overdue?.Contains((instructorId, componentCode)) == true;

    public static async Task<Standings> LoadAsync(GreatDbContext db, IReadOnlyCollection<int> instructorIds, TimeProvider time, int? provisionalMonths = null)
    {
        if (instructorIds.Count == 0) return new([]);
        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => instructorIds.Contains(c.InstructorId))
            .Select(c => new { Certification = c, c.Instructor.Agency.Region.TimeZone })
            .ToListAsync();
        var statuses = certifications
            .GroupBy(c => (c.Certification.InstructorId, c.Certification.ComponentCode))
            .ToDictionary(g => g.Key, g => Instructor.Standing(g.Select(c => c.Certification), Region.TodayIn(g.First().TimeZone, time)));
        var overdue = provisionalMonths is { } months
            ? certifications.Where(c => c.Certification.IsOverdueForObservation(Region.TodayIn(c.TimeZone, time), months))
                .Select(c => (c.Certification.InstructorId, c.Certification.ComponentCode)).ToHashSet()
            : null;
        return new(statuses, overdue);
    }
}
