using System.Net;
using System.Text.RegularExpressions;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Account;

/// <summary>Outside Development no demo data loads; the first admin comes from the create-admin command.</summary>
public class CreateAdminCommandTests
{
    private sealed class EmptyProductionApp(string databasePath) : GreatAppFactory
    {
        protected override bool StartsFromDemoTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in TestClock.Settings) builder.UseSetting(key, value);
            builder.UseSetting("ConnectionStrings:Great", $"Data Source={databasePath}");
            builder.UseSetting("Hangfire:Server", "false");
            builder.UseSetting("Hangfire:Logging", "false");
            builder.UseSetting("Security:DataProtection:AllowUnencryptedKeys", "true");
            builder.UseSetting("Security:TwoFactor:RequiredFor", "");
        }
    }

    [Fact]
    public async Task Should_create_the_first_admin_with_a_one_time_password_and_no_demo_data()
    {
        var database = Path.Combine(Path.GetTempPath(), "great-tests", $"admin-{Guid.NewGuid():N}.db");
        var (exitCode, output) = await AppProcesses.RunCommandAsync(database, "create-admin", "--email", "first.admin@programme.example");
        Assert.True(exitCode == 0, output);
        var password = Regex.Match(output, @"One-time password \(must be changed at first sign-in\): (\S+)").Groups[1].Value;
        Assert.NotEmpty(password);

        var (again, message) = await AppProcesses.RunCommandAsync(database, "create-admin", "--email", "first.admin@programme.example");
        Assert.Equal(1, again);
        Assert.Contains("already exists", message);

        await using var app = new EmptyProductionApp(database);
        var browser = app.CreateBrowser();
        Assert.False(await app.QueryAsync(db => db.Regions.AnyAsync()));
        var login = await browser.LoginAsync("first.admin@programme.example", password);
        Assert.Equal("/Account/ChangePassword", login.Headers.Location!.OriginalString);
        Assert.True(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "first.admin@programme.example" && u.MustChangePassword)));
        var roles = await app.QueryAsync(db => db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync());
        Assert.Equal([Roles.Admin], roles);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/ChangePassword")).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_create_admin_without_an_email()
    {
        var database = Path.Combine(Path.GetTempPath(), "great-tests", $"admin-{Guid.NewGuid():N}.db");
        var (exitCode, output) = await AppProcesses.RunCommandAsync(database, "create-admin");
        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: create-admin --email", output);
    }

    [Fact]
    public async Task Should_list_the_commands_with_help_and_refuse_an_unknown_one_with_the_list()
    {
        var database = Path.Combine(Path.GetTempPath(), "great-tests", $"help-{Guid.NewGuid():N}.db");
        var (helpExit, help) = await AppProcesses.RunCommandAsync(database, "--help");
        Assert.Equal(0, helpExit);
        Assert.All(new[] { "create-admin", "copy-to-postgres", "generate", "recompute-reach" }, c => Assert.Contains(c, help));

        var (unknownExit, unknown) = await AppProcesses.RunCommandAsync(database, "frobnicate");
        Assert.Equal(2, unknownExit);
        Assert.Contains("Unknown command 'frobnicate'", unknown);
        Assert.Contains("recompute-reach", unknown);
    }
}
