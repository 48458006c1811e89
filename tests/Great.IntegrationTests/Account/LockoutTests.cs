using Microsoft.EntityFrameworkCore;
using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Account;

public class LockoutTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_lock_the_account_after_five_wrong_passwords_even_for_the_right_one()
    {
        var browser = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.LoginAsync(DemoAccounts.Coordinator, $"Wrong-password-{i}");
        }
        var response = await browser.LoginAsync(DemoAccounts.Coordinator, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email or password is not correct, or this account cannot sign in now.", (await Forms.ParseAsync(response)).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Schools")).StatusCode);
        var events = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Security" && a.After!.Contains(DemoAccounts.Coordinator))
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(6, events.Count(e => e == "SignInFailed"));
        Assert.Single(events, "LockedOut");
    }

    [Fact]
    public async Task Should_not_lock_after_four_wrong_passwords()
    {
        var browser = app.CreateBrowser();
        for (var i = 0; i < 4; i++)
        {
            await browser.LoginAsync(DemoAccounts.ManagerHn, $"Wrong-password-{i}");
        }
        var response = await browser.LoginAsync(DemoAccounts.ManagerHn, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
