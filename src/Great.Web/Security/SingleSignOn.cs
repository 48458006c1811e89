using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Great.Web.Security;

/// <summary>
/// Single sign-on with one OpenID Connect provider (Microsoft Entra ID, Google Workspace, a ministry's own), set by
/// <c>Security:Sso</c>. The provider only proves who someone is: an existing Great account is linked by its verified
/// email the first time, and signed in after that by the provider's subject; nobody is created and no role or scope
/// comes from the provider (administrators keep deciding those in Great).
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Security:Sso";
    public const string Scheme = "sso";

    /// <summary>The provider's issuer address, e.g. https://login.microsoftonline.com/{tenant}/v2.0; none turns single sign-on off.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>What the sign-in button says, e.g. "Ministry account".</summary>
    public string DisplayName { get; set; } = "single sign-on";
    /// <summary>Only for a provider on plain HTTP in a test: its metadata is otherwise fetched over HTTPS only.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>
    /// A provider that sends no email_verified claim but owns its users' addresses (Microsoft Entra ID within one's own
    /// tenant) may be trusted on purpose; otherwise an email counts only with email_verified = true.
    /// </summary>
    public bool TrustEmailWithoutVerifiedClaim { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

public static class SingleSignOn
{
    public static IServiceCollection AddGreatSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new();
        services.Configure<SingleSignOnOptions>(configuration.GetSection(SingleSignOnOptions.Section));
        if (!settings.Enabled) return services;
        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The answer comes back as a top-level navigation (not a cross-site form post), so the correlation and
            // nonce cookies can stay SameSite=Lax.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            // The correlation and nonce cookies expire in the browser, which keeps real time: with the app's clock
            // started on another day (Clock:Start, as the tests and demos do) they would be born expired.
#pragma warning disable RS0030
            o.TimeProvider = TimeProvider.System;
#pragma warning restore RS0030
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "profile" }) o.Scope.Add(scope);
            o.MapInboundClaims = false;
            // Who the person is comes in the ID token (sub, email, email_verified).
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            o.CallbackPath = "/signin-oidc";
            // A refused or failed answer from the provider ends on Great's sign-in page with a message, never a 500.
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                    .LogWarning(context.Failure, "Single sign-on with {Provider} failed: {Reason}", settings.Authority, context.Failure?.Message);
                context.HandleResponse();
                context.Response.Redirect("/Account/External?handler=Failed");
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
