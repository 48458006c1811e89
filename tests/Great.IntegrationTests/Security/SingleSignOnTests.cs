using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Security;

/// <summary>
/// Single sign-on against a real OpenID Connect provider on loopback (OpenIddict): the whole round trip over HTTP,
/// Great fetching the provider's metadata and keys and exchanging the code itself.
/// </summary>
public class SingleSignOnTests(SingleSignOnTests.App app) : IClassFixture<SingleSignOnTests.App>
{
    public sealed class App : GreatAppFactory, IAsyncLifetime
    {
        public OpenIdProvider Provider { get; private set; } = null!;

        // Great over HTTPS, as deployed (the correlation and nonce cookies are Secure); the provider on plain loopback HTTP.
        public async Task InitializeAsync() => Provider = await OpenIdProvider.StartAsync("https://localhost/signin-oidc");

        public HttpClient Browser() =>
            CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:Sso:Authority", Provider.Authority);
            builder.UseSetting("Security:Sso:ClientId", OpenIdProvider.ClientId);
            builder.UseSetting("Security:Sso:ClientSecret", OpenIdProvider.ClientSecret);
            builder.UseSetting("Security:Sso:DisplayName", "Ministerio");
            builder.UseSetting("Security:Sso:RequireHttpsMetadata", "false");
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await Provider.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    /// <summary>Great's sign-in button, the provider, and back; gives Great's last answer and the browser.</summary>
    private async Task<(HttpResponseMessage Landed, HttpClient Browser)> SignInWithProviderAsync((string, string, bool)? atProvider)
    {
        app.Provider.SignedIn = atProvider;
        var browser = app.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var login = await browser.GetDocumentAsync("/Account/Login");
        var button = login.QuerySelector("a#sso")!;
        Assert.Equal("Sign in with Ministerio", button.TextContent.Trim());

        var toProvider = await browser.GetAsync(button.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        Assert.StartsWith(app.Provider.Authority + "/connect/authorize", toProvider.Headers.Location!.ToString());

        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await provider.GetAsync(toProvider.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("https://localhost/signin-oidc", answer.Headers.Location!.ToString());

        var response = await browser.GetAsync(answer.Headers.Location!.PathAndQuery);
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/Account/External") && hops < 3; hops++)
            response = await browser.GetAsync(response.Headers.Location);
        return (response, browser);
    }

    [Fact]
    public async Task Should_link_an_existing_account_by_its_verified_email_then_sign_it_in_by_subject()
    {
        var (landed, browser) = await SignInWithProviderAsync(("sub-coordinator-1", "coordinator@example.org", true));
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Schools")).StatusCode);
        var login = await app.QueryAsync(db => db.UserLogins.SingleAsync(l => l.ProviderKey == "sub-coordinator-1"));
        Assert.Equal("sso", login.LoginProvider);

        // Next time the subject alone signs in, whatever email the provider now gives.
        var (again, _) = await SignInWithProviderAsync(("sub-coordinator-1", "renamed@ministerio.example", false));
        Assert.Equal("/", again.Headers.Location!.OriginalString);
        var events = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Security" && a.EntityId == login.UserId && a.Action.StartsWith("External"))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["ExternalLinked", "ExternalSignIn", "ExternalSignIn"], events);
    }

    [Fact]
    public async Task Should_refuse_an_email_no_great_account_uses_and_create_nobody()
    {
        var users = await app.QueryAsync(db => db.Users.CountAsync());
        var (landed, browser) = await SignInWithProviderAsync(("sub-stranger", "stranger@ministerio.example", true));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("No Great account uses the email stranger@ministerio.example.", (await Forms.ParseAsync(landed)).QuerySelector("#sso-refused")!.TextContent);
        Assert.Equal(users, await app.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Schools")).StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "ExternalRefused" && a.After!.Contains("stranger@ministerio.example"))));
    }

    [Fact]
    public async Task Should_not_link_by_an_email_the_provider_does_not_vouch_for()
    {
        var (landed, _) = await SignInWithProviderAsync(("sub-impostor", "admin@example.org", false));
        Assert.Contains("did not confirm an email address", (await Forms.ParseAsync(landed)).QuerySelector("#sso-refused")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == "sub-impostor")));
    }

    [Fact]
    public async Task Should_never_take_a_role_from_the_provider()
    {
        // The provider says "Admin"; the instructor stays an instructor.
        var (landed, browser) = await SignInWithProviderAsync(("sub-officer", "instructor@example.org", true));
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Classes/Mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin")).StatusCode);
        var roles = await app.QueryAsync(db => db.UserRoles.Where(r => db.Users.Any(u => u.Id == r.UserId && u.Email == "instructor@example.org"))
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync());
        Assert.Equal(["Instructor"], roles);
    }

    [Fact]
    public async Task Should_refuse_a_disabled_account_with_the_password_pages_words_and_a_cancelled_sign_in_with_a_message()
    {
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == "manager.hn@example.org")).IsDisabled = true;
            return await db.SaveChangesAsync();
        });
        var (disabled, _) = await SignInWithProviderAsync(("sub-manager-hn", "manager.hn@example.org", true));
        Assert.Contains("Email or password is not correct, or this account cannot sign in now.", (await Forms.ParseAsync(disabled)).QuerySelector("#sso-refused")!.TextContent);

        var (cancelled, _) = await SignInWithProviderAsync(null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("The sign-in with Ministerio did not finish.", (await Forms.ParseAsync(cancelled)).QuerySelector("#sso-refused")!.TextContent);
    }
}
