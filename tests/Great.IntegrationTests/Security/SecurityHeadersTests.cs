using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Security;

/// <summary>Every kind of response carries the security headers: pages, files, the API, JSON, errors, the health check.</summary>
public class SecurityHeadersTests(SecurityHeadersTests.HttpsApp app) : IClassFixture<SecurityHeadersTests.HttpsApp>
{
    /// <summary>The app outside Development, reached over HTTPS by its name (HSTS is never sent to localhost).</summary>
    public sealed class HttpsApp : GreatAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("https_port", "443");
        }

        public HttpClient Https() =>
            CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://great.example.org"), AllowAutoRedirect = false, HandleCookies = true });
    }

    public static TheoryData<string, string> Responses => new()
    {
        { "page", "/Account/Login" },
        { "signed-in page", "/Classes/Mine" },
        { "file", "/css/site.css" },
        { "script", "/js/site.js" },
        { "api", "/api/reach" },
        { "phone json", "/Phone/Kit" },
        { "not found", "/No/Such/Page" },
        { "forbidden", "/Admin" },
        { "health", "/health" },
        { "calendar feed", "/Calendar/Feed/not-a-real-token-but-long-enough" },
    };

    private async Task<HttpResponseMessage> GetAsync(string url)
    {
        var client = app.Https();
        await client.LoginAsync(DemoAccounts.Instructor);
        return await client.GetAsync(url);
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Should_send_a_strict_content_security_policy(string kind, string url)
    {
        var response = await GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'",
                     "form-action 'self'", "frame-ancestors 'none'" })
            Assert.True(csp.Contains(directive), $"{kind}: {directive} missing from {csp}");
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Should_forbid_content_sniffing(string kind, string url)
    {
        var response = await GetAsync(url);
        Assert.True(response.Headers.GetValues("X-Content-Type-Options").Single() == "nosniff", kind);
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Should_send_the_referrer_policy_and_none_from_the_secret_calendar_address(string kind, string url)
    {
        var response = await GetAsync(url);
        var expected = url.StartsWith("/Calendar") ? "no-referrer" : "strict-origin-when-cross-origin";
        Assert.True(response.Headers.GetValues("Referrer-Policy").Single() == expected, kind);
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Should_switch_off_browser_features_great_does_not_use(string kind, string url)
    {
        var response = await GetAsync(url);
        var policy = response.Headers.GetValues("Permissions-Policy").Single();
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" })
            Assert.True(policy.Contains(feature), $"{kind}: {feature} missing from {policy}");
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Should_send_hsts_over_https_outside_development(string kind, string url)
    {
        var response = await GetAsync(url);
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.True(hsts.Contains("max-age=31536000") && hsts.Contains("includeSubDomains"), $"{kind}: {hsts}");
    }

    [Fact]
    public async Task Should_redirect_plain_http_to_https_outside_development()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://great.example.org"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://great.example.org/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Should_keep_the_calendar_feed_secret_page_without_a_referrer_too()
    {
        var response = await GetAsync("/Calendar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Should_let_only_the_jobs_dashboard_use_inline_styles()
    {
        var admin = app.Https();
        await admin.LoginAsync(DemoAccounts.Admin);
        var dashboard = await admin.GetAsync("/Admin/Jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var csp = dashboard.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", (await admin.GetAsync("/Admin")).Headers.GetValues("Content-Security-Policy").Single());
    }
}

/// <summary>Behind a reverse proxy: the client's scheme and address come from the proxy's X-Forwarded-* headers, from it only.</summary>
public class ForwardedHeadersTests(ForwardedHeadersTests.ProxiedApp app) : IClassFixture<ForwardedHeadersTests.ProxiedApp>
{
    public sealed class ProxiedApp : GreatAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("https_port", "443");
            builder.UseSetting("Security:ForwardedHeaders:Enabled", "true");
            builder.UseSetting("Security:ForwardedHeaders:KnownProxies:0", "10.0.0.5");
            // The test server has no connection: the request arrives from the address the test says.
            builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ArrivesFrom()));
        }

        public static System.Net.IPAddress Peer { get; set; } = System.Net.IPAddress.Parse("10.0.0.5");

        private sealed class ArrivesFrom : Microsoft.AspNetCore.Hosting.IStartupFilter
        {
            public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => builder =>
            {
                builder.Use(following => context =>
                {
                    context.Connection.RemoteIpAddress = Peer;
                    return following(context);
                });
                next(builder);
            };
        }
    }

    private async Task<HttpResponseMessage> GetAsync(string peer)
    {
        ProxiedApp.Peer = System.Net.IPAddress.Parse(peer);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://great.example.org"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Should_take_the_scheme_from_the_known_proxy_and_not_from_anyone_else()
    {
        var proxied = await GetAsync("10.0.0.5");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode); // already HTTPS at the proxy: no redirect
        Assert.Contains("max-age=31536000", proxied.Headers.GetValues("Strict-Transport-Security").Single());

        var stranger = await GetAsync("198.51.100.7");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, stranger.StatusCode); // its headers are not believed
    }
}
