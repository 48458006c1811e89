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
        Assert.Contains("locked", (await Forms.ParseAsync(response)).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Schools")).StatusCode);
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
