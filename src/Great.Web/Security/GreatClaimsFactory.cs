using System.Security.Claims;
using Great.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Great.Web.Security;

/// <summary>Puts the user's scope into the cookie once at sign-in, so pages need no lookup to filter.</summary>
public sealed class GreatClaimsFactory(
    UserManager<GreatUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, GreatDbContext db,
    IOptions<TwoFactorOptions> twoFactor)
    : UserClaimsPrincipalFactory<GreatUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GreatUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ScopeClaims.Culture, user.Culture));
        if (user.RegionId is { } region) identity.AddClaim(new Claim(ScopeClaims.Region, region.ToString()));
        if (user.InstructorId is { } instructor) identity.AddClaim(new Claim(ScopeClaims.Instructor, instructor.ToString()));
        if (user.MustChangePassword) identity.AddClaim(new Claim(ScopeClaims.MustChangePassword, "true"));
        if (!user.TwoFactorEnabled && twoFactor.Value.IsRequiredFor(await UserManager.GetRolesAsync(user)))
            identity.AddClaim(new Claim(ScopeClaims.MustSetUpTwoFactor, "true"));
        var schools = await db.UserSchools.Where(s => s.UserId == user.Id).Select(s => s.SchoolId).ToListAsync();
        foreach (var school in schools) identity.AddClaim(new Claim(ScopeClaims.School, school.ToString()));
        var country = user.RegionId is { } regionId ? await db.Regions.Where(r => r.Id == regionId).Select(r => r.CountryCode).FirstOrDefaultAsync()
            : schools.Count > 0 ? await db.Schools.Where(s => s.Id == schools[0]).Select(s => s.Region.CountryCode).FirstOrDefaultAsync()
            : user.InstructorId is { } officerId ? await db.Instructors.Where(i => i.Id == officerId).Select(i => i.Agency.Region.CountryCode).FirstOrDefaultAsync()
            : null;
        if (country is not null) identity.AddClaim(new Claim(ScopeClaims.Country, country));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("name", user.DisplayName));
        return identity;
    }
}
