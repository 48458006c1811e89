using Great.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Security;

public static class SecurityServices
{
    public static IServiceCollection AddGreatSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddGreatSecurityHeaders(configuration, environment);
        services.AddIdentity<GreatUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<GreatDbContext>()
            .AddSignInManager<GreatSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<GreatClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        services.AddGreatDataProtection(configuration, environment);
        services.AddGreatRateLimits(configuration);
        services.AddGreatSingleSignOn(configuration);

        services.Configure<TwoFactorOptions>(configuration.GetSection(TwoFactorOptions.Section));
        services.AddScoped<SecurityEventLog>();

        // Every minute an open session is checked against its account: a disabled account's session ends (its
        // security stamp changed), and a changed role or scope replaces the session's claims.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "Great.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // A phone sending what it kept offline is told to sign in again (401), not sent a login page it cannot read.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/Phone") && !ctx.Request.Path.StartsWithSegments("/Phone/Offline"))
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else
                    ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
            // A signed-in user without the role gets a plain 403 (rendered by the status page), not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddGreatOperations(authorization);
        return services;
    }

    public static void AddGreatPageConventions(this RazorPagesOptions o)
    {
        o.Conventions.AuthorizeFolder("/Admin", Operations.Administer);
        o.Conventions.AuthorizeFolder("/Reach", Operations.ReadReach);
        o.Conventions.AuthorizeFolder("/Instructors", Operations.ManageCertifications);
        o.Conventions.AuthorizeFolder("/Schools", Operations.SeeSchools);
        o.Conventions.AuthorizeFolder("/Phone", Operations.TeachOwnClasses);
        o.Conventions.AuthorizeFolder("/Observations", Operations.ObserveLesson);
        o.Conventions.AuthorizeFolder("/Sites", Operations.SeeSchools);
        o.Conventions.AllowAnonymousToPage("/Account/Login");
        o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
        o.Conventions.AllowAnonymousToPage("/Account/LoginWithRecoveryCode");
        o.Conventions.AllowAnonymousToPage("/Account/External");
        o.Conventions.AllowAnonymousToPage("/Account/Language");
        o.Conventions.AllowAnonymousToPage("/Error");
        o.Conventions.AllowAnonymousToPage("/Status");
        o.Conventions.AllowAnonymousToPage("/Accessibility");
        o.Conventions.ConfigureFilter(new MustChangePasswordFilter());
        o.Conventions.AddRateLimitConventions();
    }
}

/// <summary>
/// An account given a one-time password can do nothing but choose its own; then an account whose role needs a second
/// factor can do nothing but set one up.
/// </summary>
public sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    private static readonly string[] Allowed = ["/Account/ChangePassword", "/Account/Logout", "/Account/Language", "/Error", "/Status"];
    private static readonly string[] AllowedWithoutSecondFactor = [.. Allowed, "/Account/TwoFactor/Enable"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (user.HasClaim(ScopeClaims.MustChangePassword, "true") && !Allowed.Contains(page, StringComparer.OrdinalIgnoreCase))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult("/Account/ChangePassword");
            return;
        }
        if (user.HasClaim(ScopeClaims.MustSetUpTwoFactor, "true") && !AllowedWithoutSecondFactor.Contains(page, StringComparer.OrdinalIgnoreCase))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult("/Account/TwoFactor/Enable");
            return;
        }
        await next();
    }
}
