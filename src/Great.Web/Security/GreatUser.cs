using Microsoft.AspNetCore.Identity;

namespace Great.Web.Security;

/// <summary>A person who signs in. Role and scope decide what they see.</summary>
public class GreatUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>"en" or "es": the language of the UI and of the emails this user gets.</summary>
    public string Culture { get; set; } = "en";
    /// <summary>Scope of a regional manager.</summary>
    public int? RegionId { get; set; }
    /// <summary>The officer record of an instructor.</summary>
    public int? InstructorId { get; set; }
    /// <summary>Set for accounts given a one-time password: they must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }
    public bool IsDisabled { get; set; }
    /// <summary>Reminder kinds this user switched off (certification expiry cannot be).</summary>
    public string ReminderOptOuts { get; set; } = "";

    public bool Wants(string reminderKind) =>
        !ReminderOptOuts.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(reminderKind);

    public List<UserSchool> Schools { get; set; } = [];
}

/// <summary>A school or community site a coordinator manages.</summary>
public class UserSchool
{
    public required string UserId { get; set; }
    public int SchoolId { get; set; }
}
