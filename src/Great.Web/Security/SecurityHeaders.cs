using Microsoft.AspNetCore.HttpOverrides;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace Great.Web.Security;

/// <summary>
/// The headers every response carries (pages, files, the API, error pages), from NetEscapades.AspNetCore.SecurityHeaders,
/// and the transport rules outside Development: HTTPS redirection, HSTS and, behind a reverse proxy, forwarded headers.
/// The Content-Security-Policy allows only Great's own files: no inline script, style attribute or framing.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of the pages whose address holds a secret (the calendar feed): no Referer ever leaves them.</summary>
    public const string SecretAddressPolicy = "secret-address";

    /// <summary>Hangfire's dashboard (administrators only) writes style attributes: it alone may.</summary>
    public const string JobsDashboardPolicy = "jobs-dashboard";

    public static IServiceCollection AddGreatSecurityHeaders(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSecurityHeaderPolicies(b =>
        {
            var hsts = !environment.IsDevelopment();
            b.SetDefaultPolicy(p => Common(p, hsts).AddReferrerPolicyStrictOriginWhenCrossOrigin());
            b.AddPolicy(SecretAddressPolicy, p => Common(p, hsts).AddReferrerPolicyNoReferrer());
            b.AddPolicy(JobsDashboardPolicy, p => Common(p, hsts, dashboardStyles: true).AddReferrerPolicyStrictOriginWhenCrossOrigin());
            b.SetPolicySelector(ctx =>
            {
                var http = ctx.HttpContext;
                // A feed's 404 is rendered by the status page, yet its address is the one with the secret; the
                // dashboard moves its own address into PathBase.
                var reExecuted = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
                var address = reExecuted is null ? http.Request.PathBase.Add(http.Request.Path) : new PathString(reExecuted.OriginalPathBase + reExecuted.OriginalPath);
                if (address.StartsWithSegments("/Calendar")) return ctx.ConfiguredPolicies[SecretAddressPolicy];
                if (address.StartsWithSegments("/Admin/Jobs")) return ctx.ConfiguredPolicies[JobsDashboardPolicy];
                return ctx.DefaultPolicy;
            });
        });

        // Behind a reverse proxy (nginx, a cloud load balancer) the client's address and scheme come from its headers,
        // trusted only from the proxies named here.
        var forwarded = configuration.GetSection("Security:ForwardedHeaders");
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in forwarded.GetSection("KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in forwarded.GetSection("KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            foreach (var host in forwarded.GetSection("AllowedHosts").Get<string[]>() ?? []) o.AllowedHosts.Add(host);
        });
        return services;
    }

    private static HeaderPolicyCollection Common(HeaderPolicyCollection p, bool hsts, bool dashboardStyles = false)
    {
        // HSTS is sent on HTTPS responses only, and never in Development (it would stick to localhost in the browser).
        if (hsts) p.AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 60 * 60);
        return p
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddCrossOriginOpenerPolicy(x => x.SameOrigin())
            .AddCrossOriginResourcePolicy(x => x.SameOrigin())
            .RemoveServerHeader()
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                var styles = csp.AddStyleSrc().Self();
                if (dashboardStyles) styles.UnsafeInline();
                // QR codes of the two-factor setup are data: images.
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddManifestSrc().Self();
                csp.AddWorkerSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            });
    }

    public static WebApplication UseGreatTransportSecurity(this WebApplication app)
    {
        if (app.Configuration.GetValue("Security:ForwardedHeaders:Enabled", false)) app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        // Plain HTTP is redirected to HTTPS outside Development, unless the setting says a proxy in front does it.
        if (!app.Environment.IsDevelopment() && app.Configuration.GetValue("Security:HttpsRedirection", true)) app.UseHttpsRedirection();
        return app;
    }
}
