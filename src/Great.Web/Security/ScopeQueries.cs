using Great.Web.Domain;

namespace Great.Web.Security;

/// <summary>
/// The one place that decides which rows a user may see. Every page query starts from one of these,
/// so an id from another scope simply finds nothing (404).
/// </summary>
public static class ScopeQueries
{
    public static IQueryable<Region> VisibleTo(this IQueryable<Region> regions, UserScope user) => user.Role switch
    {
        Roles.Admin => regions,
        Roles.RegionalManager => regions.Where(r => r.Id == user.RegionId),
        Roles.SchoolCoordinator => regions.Where(r => r.Schools.Any(s => user.SchoolIds.Contains(s.Id))),
        _ => regions.Where(_ => false),
    };

    public static IQueryable<School> VisibleTo(this IQueryable<School> schools, UserScope user) => user.Role switch
    {
        Roles.Admin => schools,
        Roles.RegionalManager => schools.Where(s => s.RegionId == user.RegionId),
        Roles.SchoolCoordinator => schools.Where(s => user.SchoolIds.Contains(s.Id)),
        Roles.Instructor => schools.Where(s => s.Classes.Any(c => c.InstructorId == user.InstructorId || c.SubstituteInstructorId == user.InstructorId)),
        _ => schools.Where(_ => false),
    };

    public static IQueryable<SchoolClass> VisibleTo(this IQueryable<SchoolClass> classes, UserScope user) => user.Role switch
    {
        Roles.Admin => classes,
        Roles.RegionalManager => classes.Where(c => c.School.RegionId == user.RegionId),
        Roles.SchoolCoordinator => classes.Where(c => user.SchoolIds.Contains(c.SchoolId)),
        Roles.Instructor => classes.Where(c => c.InstructorId == user.InstructorId || c.SubstituteInstructorId == user.InstructorId),
        _ => classes.Where(_ => false),
    };

    public static IQueryable<Instructor> VisibleTo(this IQueryable<Instructor> instructors, UserScope user) => user.Role switch
    {
        Roles.Admin => instructors,
        Roles.RegionalManager => instructors.Where(i => i.Agency.RegionId == user.RegionId),
        // Coordinators choose instructors for their classes: every officer of the region(s) their schools are in.
        Roles.SchoolCoordinator => instructors.Where(i => i.Agency.Region.Schools.Any(s => user.SchoolIds.Contains(s.Id))),
        Roles.Instructor => instructors.Where(i => i.Id == user.InstructorId),
        _ => instructors.Where(_ => false),
    };

    /// <summary>
    /// Observations: the observed officer's and the observer's own, their region's for a manager, all for an administrator.
    /// </summary>
    public static IQueryable<Observation> VisibleTo(this IQueryable<Observation> observations, UserScope user) => user.Role switch
    {
        Roles.Admin => observations,
        Roles.RegionalManager => observations.Where(o => o.Delivery.Class.School.RegionId == user.RegionId),
        Roles.Instructor => observations.Where(o => o.ObservedInstructorId == user.InstructorId || o.ObserverInstructorId == user.InstructorId),
        _ => observations.Where(_ => false),
    };

    /// <summary>
    /// Classes whose lessons a user may open to observe: a manager's region; for an officer, the classes of their own
    /// agency's region (whether they mentor the component is the ObserveLesson rule's to say). Others: none.
    /// </summary>
    public static IQueryable<SchoolClass> ObservableBy(this IQueryable<SchoolClass> classes, UserScope user, int? officerRegionId) => user.Role switch
    {
        Roles.RegionalManager => classes.Where(c => c.School.RegionId == user.RegionId),
        Roles.Instructor when officerRegionId is not null => classes.Where(c => c.School.RegionId == officerRegionId),
        _ => classes.Where(_ => false),
    };

    /// <summary>Roster connections: all for an administrator, the region's for its manager.</summary>
    public static IQueryable<RosterConnection> VisibleTo(this IQueryable<RosterConnection> connections, UserScope user) => user.Role switch
    {
        Roles.Admin => connections,
        Roles.RegionalManager => connections.Where(c => c.RegionId == user.RegionId),
        _ => connections.Where(_ => false),
    };

    /// <summary>A mapped school's sync: whoever sees the school (its coordinator among them).</summary>
    public static IQueryable<RosterConnectionSchool> VisibleTo(this IQueryable<RosterConnectionSchool> schools, UserScope user) => user.Role switch
    {
        Roles.Admin => schools,
        Roles.RegionalManager => schools.Where(s => s.School.RegionId == user.RegionId),
        Roles.SchoolCoordinator => schools.Where(s => user.SchoolIds.Contains(s.SchoolId)),
        _ => schools.Where(_ => false),
    };

    public static IQueryable<Agency> VisibleTo(this IQueryable<Agency> agencies, UserScope user) => user.Role switch
    {
        Roles.Admin => agencies,
        Roles.RegionalManager => agencies.Where(a => a.RegionId == user.RegionId),
        _ => agencies.Where(_ => false),
    };
}
