using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Great.Web.Security;

/// <summary>Identity's sign-in, where a disabled account cannot sign in by any way (password, second factor, single sign-on).</summary>
public sealed class GreatSignInManager(
    UserManager<GreatUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<GreatUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<GreatUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<GreatUser> confirmation)
    : SignInManager<GreatUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(GreatUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
