using System.Security.Claims;

namespace Great.Web.Security;

public static class Roles
{
    public const string Admin = "Admin";
    public const string RegionalManager = "RegionalManager";
    public const string SchoolCoordinator = "SchoolCoordinator";
    public const string Instructor = "Instructor";

    public static readonly string[] All = [Admin, RegionalManager, SchoolCoordinator, Instructor];
}

/// <summary>Claims that say which part of the programme a user may see; issued at sign-in.</summary>
public static class ScopeClaims
{
    public const string Region = "great:region";
    public const string School = "great:school";
    public const string Instructor = "great:instructor";
    public const string Culture = "great:culture";
    /// <summary>The country code of the user's region (a manager's, a coordinator's schools', an officer's agency's): its own terms apply.</summary>
    public const string Country = "great:country";
    public const string MustChangePassword = "great:must-change-password";
    public const string MustSetUpTwoFactor = "great:must-set-up-two-factor";
}

/// <summary>The signed-in user's role and scope, read from their claims.</summary>
public sealed record UserScope(string? UserId, string Role, int? RegionId, List<int> SchoolIds, int? InstructorId)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsManager => Role == Roles.RegionalManager;
    public bool IsCoordinator => Role == Roles.SchoolCoordinator;
    public bool IsInstructor => Role == Roles.Instructor;

    /// <summary>The one region a regional manager's pages show; null for those who may choose (administrators).</summary>
    public int? FixedRegionId => IsManager ? RegionId : null;

    /// <summary>A coordinator's school list is "my schools"; everyone else's is the schools in their scope.</summary>
    public bool HasOwnSchools => IsCoordinator;

    /// <summary>The page each role starts on.</summary>
    public string HomePage => Role switch
    {
        Roles.Admin => "/Admin/Index",
        Roles.RegionalManager => "/Reach/Index",
        Roles.SchoolCoordinator => "/Schools/Index",
        Roles.Instructor => "/Classes/Mine",
        _ => "/Account/Profile",
    };

    public static UserScope From(ClaimsPrincipal user)
    {
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        return new UserScope(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            role,
            IntClaim(user, ScopeClaims.Region),
            user.FindAll(ScopeClaims.School).Select(c => int.Parse(c.Value)).ToList(),
            IntClaim(user, ScopeClaims.Instructor));
    }

    private static int? IntClaim(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), out var value) ? value : null;
}
