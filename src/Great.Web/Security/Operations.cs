using Great.Web.Domain;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Great.Web.Security;

/// <summary>
/// Who may do what: one requirement and one handler per operation, the only place that names roles for it.
/// Each operation is also a policy of the same name. Checked without a resource (a page's [Authorize(Policy = …)],
/// a menu), a handler answers for the role; checked against a class (<c>AuthorizeAsync(User, class, Operations.X)</c>
/// in a handler or a view), it answers for that class too. Which rows a user may see at all is decided by the
/// <see cref="ScopeQueries"/> filters: a class out of scope is never loaded, so it never gets this far.
/// </summary>
public static class Operations
{
    public const string RecordLesson = nameof(RecordLesson);
    public const string CorrectLesson = nameof(CorrectLesson);
    public const string DeleteLesson = nameof(DeleteLesson);
    public const string ManageClasses = nameof(ManageClasses);
    public const string ManageRoster = nameof(ManageRoster);
    public const string AssignInstructors = nameof(AssignInstructors);
    public const string ManageCertifications = nameof(ManageCertifications);
    public const string SetTargets = nameof(SetTargets);
    public const string ReadReach = nameof(ReadReach);
    public const string SeeSchools = nameof(SeeSchools);
    public const string TeachOwnClasses = nameof(TeachOwnClasses);
    public const string Administer = nameof(Administer);
    public const string ObserveLesson = nameof(ObserveLesson);
    public const string ManageSites = nameof(ManageSites);
    public const string AddSite = nameof(AddSite);
    public const string ReportToFunders = nameof(ReportToFunders);
    public const string OrderHandbooks = nameof(OrderHandbooks);
    public const string ManageRosterConnections = nameof(ManageRosterConnections);
    public const string DisableAccount = nameof(DisableAccount);

    public static IServiceCollection AddGreatOperations(this IServiceCollection services, AuthorizationBuilder authorization)
    {
        Add<RecordLessonRequirement, RecordLessonHandler>(RecordLesson);
        Add<CorrectLessonRequirement, CorrectLessonHandler>(CorrectLesson);
        Add<DeleteLessonRequirement, DeleteLessonHandler>(DeleteLesson);
        Add<ManageClassesRequirement, ManageClassesHandler>(ManageClasses);
        Add<ManageRosterRequirement, ManageRosterHandler>(ManageRoster);
        Add<AssignInstructorsRequirement, AssignInstructorsHandler>(AssignInstructors);
        Add<ManageCertificationsRequirement, ManageCertificationsHandler>(ManageCertifications);
        Add<SetTargetsRequirement, SetTargetsHandler>(SetTargets);
        Add<ReadReachRequirement, ReadReachHandler>(ReadReach);
        Add<SeeSchoolsRequirement, SeeSchoolsHandler>(SeeSchools);
        Add<TeachOwnClassesRequirement, TeachOwnClassesHandler>(TeachOwnClasses);
        Add<AdministerRequirement, AdministerHandler>(Administer);
        Add<ObserveLessonRequirement, ObserveLessonHandler>(ObserveLesson);
        Add<ManageSitesRequirement, ManageSitesHandler>(ManageSites);
        Add<AddSiteRequirement, AddSiteHandler>(AddSite);
        Add<ReportToFundersRequirement, ReportToFundersHandler>(ReportToFunders);
        Add<OrderHandbooksRequirement, OrderHandbooksHandler>(OrderHandbooks);
        Add<ManageRosterConnectionsRequirement, ManageRosterConnectionsHandler>(ManageRosterConnections);
        Add<DisableAccountRequirement, DisableAccountHandler>(DisableAccount);
        return services;

        void Add<TRequirement, THandler>(string name)
            where TRequirement : IAuthorizationRequirement, new()
            where THandler : class, IAuthorizationHandler
        {
            services.AddSingleton<IAuthorizationHandler, THandler>();
            authorization.AddPolicy(name, p => p.AddRequirements(new TRequirement()));
        }
    }
}

/// <summary>A handler for one operation: the roles that may do it, and what the class itself must allow.</summary>
public abstract class OperationHandler<TRequirement>(params string[] roles) : AuthorizationHandler<TRequirement>
    where TRequirement : IAuthorizationRequirement
{
    protected sealed override Task HandleRequirementAsync(AuthorizationHandlerContext context, TRequirement requirement)
    {
        var user = UserScope.From(context.User);
        if (roles.Contains(user.Role) && (context.Resource is not IAssignedClass schoolClass || Allows(user, schoolClass))) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>What the class must allow, beyond the role (all of it, unless a handler says otherwise).</summary>
    protected virtual bool Allows(UserScope user, IAssignedClass schoolClass) => true;
}

/// <summary>
/// Record a lesson: an officer who is the class's instructor or substitute, while the class is open. The officer's
/// certification on the day is the class's own rule (<see cref="SchoolClass.CheckRecording"/>).
/// </summary>
public sealed class RecordLessonRequirement : IAuthorizationRequirement;
public sealed class RecordLessonHandler() : OperationHandler<RecordLessonRequirement>(Roles.Instructor)
{
    protected override bool Allows(UserScope user, IAssignedClass c) => c.IsTaughtBy(user.InstructorId) && SchoolClass.IsOpenStatus(c.Status);
}

/// <summary>Correct a recorded lesson: the class's instructor or substitute, or an administrator.</summary>
public sealed class CorrectLessonRequirement : IAuthorizationRequirement;
public sealed class CorrectLessonHandler() : OperationHandler<CorrectLessonRequirement>(Roles.Instructor, Roles.Admin)
{
    protected override bool Allows(UserScope user, IAssignedClass c) => user.IsAdmin || c.IsTaughtBy(user.InstructorId);
}

/// <summary>Delete a lesson record made by mistake (with a reason): the school's coordinator or an administrator.</summary>
public sealed class DeleteLessonRequirement : IAuthorizationRequirement;
public sealed class DeleteLessonHandler() : OperationHandler<DeleteLessonRequirement>(Roles.SchoolCoordinator, Roles.Admin);

/// <summary>Create and edit classes and plan their dates: coordinators, managers and administrators.</summary>
public sealed class ManageClassesRequirement : IAuthorizationRequirement;
public sealed class ManageClassesHandler() : OperationHandler<ManageClassesRequirement>(Roles.SchoolCoordinator, Roles.RegionalManager, Roles.Admin);

/// <summary>Enrol, import, withdraw and transfer students: coordinators, managers and administrators.</summary>
public sealed class ManageRosterRequirement : IAuthorizationRequirement;
public sealed class ManageRosterHandler() : OperationHandler<ManageRosterRequirement>(Roles.SchoolCoordinator, Roles.RegionalManager, Roles.Admin);

/// <summary>Give a class its instructor and substitute (and see their standing): coordinators, managers and administrators.</summary>
public sealed class AssignInstructorsRequirement : IAuthorizationRequirement;
public sealed class AssignInstructorsHandler() : OperationHandler<AssignInstructorsRequirement>(Roles.SchoolCoordinator, Roles.RegionalManager, Roles.Admin);

/// <summary>Keep officers' records, trainings and certifications: managers (their region) and administrators.</summary>
public sealed class ManageCertificationsRequirement : IAuthorizationRequirement;
public sealed class ManageCertificationsHandler() : OperationHandler<ManageCertificationsRequirement>(Roles.RegionalManager, Roles.Admin);

/// <summary>Set reach targets: managers (their region) and administrators.</summary>
public sealed class SetTargetsRequirement : IAuthorizationRequirement;
public sealed class SetTargetsHandler() : OperationHandler<SetTargetsRequirement>(Roles.RegionalManager, Roles.Admin);

/// <summary>Read reach figures and dashboards: managers (their region) and administrators.</summary>
public sealed class ReadReachRequirement : IAuthorizationRequirement;
public sealed class ReadReachHandler() : OperationHandler<ReadReachRequirement>(Roles.RegionalManager, Roles.Admin);

/// <summary>See schools and their classes: coordinators (their schools), managers (their region), administrators.</summary>
public sealed class SeeSchoolsRequirement : IAuthorizationRequirement;
public sealed class SeeSchoolsHandler() : OperationHandler<SeeSchoolsRequirement>(Roles.SchoolCoordinator, Roles.RegionalManager, Roles.Admin);

/// <summary>An officer's own classes and lesson calendar.</summary>
public sealed class TeachOwnClassesRequirement : IAuthorizationRequirement;
public sealed class TeachOwnClassesHandler() : OperationHandler<TeachOwnClassesRequirement>(Roles.Instructor);

/// <summary>Users, regions, schools, agencies, the outbox, jobs and the programme-wide figures: administrators.</summary>
public sealed class AdministerRequirement : IAuthorizationRequirement;
public sealed class AdministerHandler() : OperationHandler<AdministerRequirement>(Roles.Admin);

/// <summary>An account, by its id, as the resource of an operation on it.</summary>
public sealed record UserAccount(string Id);

/// <summary>
/// Disable or enable an account: administrators, never their own (the last administrator would lock everyone out of
/// administration, and nobody would be left to undo it).
/// </summary>
public sealed class DisableAccountRequirement : IAuthorizationRequirement;
public sealed class DisableAccountHandler : AuthorizationHandler<DisableAccountRequirement, UserAccount>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DisableAccountRequirement requirement, UserAccount account)
    {
        if (context.User.IsInRole(Roles.Admin) && account.Id != context.User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Create and edit community sites: managers (their region) and administrators.</summary>
public sealed class ManageSitesRequirement : IAuthorizationRequirement;
public sealed class ManageSitesHandler() : OperationHandler<ManageSitesRequirement>(Roles.RegionalManager, Roles.Admin);

/// <summary>
/// Add a community site: those who keep sites, and a coordinator in a region they work in, who starts a group where
/// families meet and so becomes that site's coordinator (changing a site stays with its manager).
/// </summary>
public sealed class AddSiteRequirement : IAuthorizationRequirement;
public sealed class AddSiteHandler() : OperationHandler<AddSiteRequirement>(Roles.SchoolCoordinator, Roles.RegionalManager, Roles.Admin);

/// <summary>Produce a period's report pack for funders: managers (their region) and administrators (the programme or any region).</summary>
public sealed class ReportToFundersRequirement : IAuthorizationRequirement;
public sealed class ReportToFundersHandler() : OperationHandler<ReportToFundersRequirement>(Roles.RegionalManager, Roles.Admin);

/// <summary>See the student workbooks to order for classes about to start: coordinators (their schools), managers (their region), administrators.</summary>
public sealed class OrderHandbooksRequirement : IAuthorizationRequirement;
public sealed class OrderHandbooksHandler() : OperationHandler<OrderHandbooksRequirement>(Roles.SchoolCoordinator, Roles.RegionalManager, Roles.Admin);

/// <summary>
/// Set up a connection to a district's student information system and map its schools: managers (their region) and
/// administrators. Following it (preview, confirm, sync now, history) is <see cref="ManageRoster"/> on the school.
/// </summary>
public sealed class ManageRosterConnectionsRequirement : IAuthorizationRequirement;
public sealed class ManageRosterConnectionsHandler() : OperationHandler<ManageRosterConnectionsRequirement>(Roles.RegionalManager, Roles.Admin);

/// <summary>A lesson someone means to observe: its class, the class's region, and the observer's officer record if they are an officer.</summary>
public sealed record ObservationTarget(SchoolClass Class, int RegionId, Instructor? Mentor, DateOnly Today);

/// <summary>
/// Observe a recorded lesson: the manager of the class's region, or a mentor of the component in that region
/// (<see cref="Observation.CheckObserver"/>). Without a target it answers for the role (the Observations menu).
/// </summary>
public sealed class ObserveLessonRequirement : IAuthorizationRequirement;
public sealed class ObserveLessonHandler : AuthorizationHandler<ObserveLessonRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ObserveLessonRequirement requirement)
    {
        var user = UserScope.From(context.User);
        var allowed = context.Resource switch
        {
            ObservationTarget t when user.Role == Roles.RegionalManager => Observation.CheckObserver(t.Class, t.RegionId, null, user.RegionId, t.Today) is null,
            ObservationTarget t when user.Role == Roles.Instructor => Observation.CheckObserver(t.Class, t.RegionId, t.Mentor, null, t.Today) is null,
            ObservationTarget => false,
            _ => user.Role is Roles.RegionalManager or Roles.Instructor,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class AuthorizationServiceExtensions
{
    /// <summary>Whether the user may do the operation (on the resource, when one is given): for views and handlers alike.</summary>
    public static async Task<bool> CanAsync(this IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user, string operation,
        object? resource = null) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;
}
