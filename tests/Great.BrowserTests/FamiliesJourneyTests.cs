using Great.Web.Data;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// A Families group from nothing to families completed: the coordinator adds a site and a group there, gives it a
/// facilitator and enrols three households; the facilitator records the six sessions from a phone; the manager sees
/// the families completed on the dashboard.
/// </summary>
/// <remarks>In the main collection's app: its new site and group touch no figure another test of that app reads.</remarks>
[Collection(BrowserCollection.Name)]
public class FamiliesJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    private const string FacilitatorEmail = "r.mejia@pnc.example.org";

    /// <summary>Roberto Mejía (SV-3981, certified for Families) gets an account, as an administrator would give him one.</summary>
    private async Task<int> FacilitatorWithAccountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GreatUser>>();
        var officer = await db.Instructors.SingleAsync(i => i.BadgeNumber == "SV-3981");
        if (await users.FindByEmailAsync(FacilitatorEmail) is null)
        {
            var user = new GreatUser { UserName = FacilitatorEmail, Email = FacilitatorEmail, EmailConfirmed = true, DisplayName = "Roberto Mejía", Culture = "es", InstructorId = officer.Id };
            Assert.True((await users.CreateAsync(user, "Demo-2026!")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Instructor);
        }
        return officer.Id;
    }

    [Fact]
    public async Task Should_take_a_families_group_from_a_new_site_to_families_completed_on_the_managers_dashboard()
    {
        var facilitator = await FacilitatorWithAccountAsync();

        // The coordinator adds the community centre where the families meet.
        var coordinator = await NewPageAsync(locale: "es-SV");
        await coordinator.SignInAsync("coordinator@example.org");
        await coordinator.GotoAsync("/Sites");
        await coordinator.Locator("#new-site").ClickAsync();
        await coordinator.Locator("#Input_Municipality").FillAsync("San Salvador");
        await coordinator.Locator("#Input_Name").FillAsync("Casa Comunal La Fortaleza");
        await coordinator.Locator("#Input_Kind").SelectOptionAsync("CommunityCentre");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await coordinator.WaitForURLAsync("**/Sites");
        await coordinator.Locator("#sites a", new() { HasText = "Casa Comunal La Fortaleza" }).ClickAsync();

        // A Families group at the site, with its facilitator.
        await coordinator.GotoAsync(coordinator.Url.Replace("/Schools/Details/", "/Classes/Edit?schoolId="));
        await coordinator.Locator("#Input_ComponentCode").SelectOptionAsync("FAM");
        await coordinator.Locator("#Input_Section").FillAsync("Familias Fortaleza");
        await coordinator.Locator("#class-form button[type=submit]").ClickAsync();
        await coordinator.WaitForURLAsync("**/Classes/Details/*");
        var groupId = int.Parse(coordinator.Url.Split('/').Last());
        await coordinator.GotoAsync($"/Classes/AssignInstructor/{groupId}");
        Assert.Equal("Facilitador(a)", (await coordinator.Locator("label[for=InstructorId]").TextContentAsync())!.Trim());
        await coordinator.Locator("#InstructorId").SelectOptionAsync(facilitator.ToString());
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await coordinator.WaitForURLAsync("**/Classes/Details/*");

        // Three households enrolled by hand.
        await coordinator.Locator("#households-link").ClickAsync();
        foreach (var (label, adult, youth, family) in new[] { ("F-1", "Rosa", "Luis", "Flores"), ("M-2", "Ana", "Mario", "Martínez"), ("R-3", "Juan", "Eva", "Ramos") })
        {
            await coordinator.Locator("#Input_Label").FillAsync(label);
            await coordinator.Locator("#Input_Members_0__GivenName").FillAsync(adult);
            await coordinator.Locator("#Input_Members_0__FamilyName").FillAsync(family);
            await coordinator.Locator("#Input_Members_1__GivenName").FillAsync(youth);
            await coordinator.Locator("#Input_Members_1__FamilyName").FillAsync(family);
            await coordinator.Locator("#add-household button[type=submit]").ClickAsync();
            await coordinator.Locator(".alert-success", new() { HasText = $"Hogar {label} inscrito con 2 integrantes" }).WaitForAsync();
        }
        Assert.Equal(3, await coordinator.Locator("#households tbody tr").CountAsync());

        // The facilitator records the six sessions from a phone, everyone there.
        var phone = await NewPageAsync(locale: "es-SV", width: 360, height: 740);
        await phone.SignInAsync(FacilitatorEmail);
        for (var session = 1; session <= 6; session++)
        {
            await phone.GotoAsync($"/Lessons/Record/{groupId}");
            Assert.Equal(session.ToString(), await phone.Locator("#LessonNumber").InputValueAsync());
            Assert.Equal(6, await phone.Locator(".attendance input:checked").CountAsync());
            await phone.Locator(".sticky-submit button").ClickAsync();
            await phone.WaitForURLAsync(url => !url.Contains("/Lessons/Record"));
        }
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "families-group-phone.png"), FullPage = true });
        await coordinator.ReloadAsync();
        Assert.Equal(3, await coordinator.Locator("#households tr[data-status=Completed]").CountAsync());

        // The manager sees the three families completed, and the site among the places.
        await app.RunFullRollupAsync();
        var manager = await NewPageAsync(locale: "es-SV");
        await manager.SignInAsync("manager.sv@example.org");
        await manager.WaitForURLAsync("**/Reach");
        var completed = await manager.Locator("#region-totals [data-stat=families-completed]").TextContentAsync();
        var families = System.Text.RegularExpressions.Regex.Match(completed!, @"(\d+) completaron");
        Assert.True(families.Success && int.Parse(families.Groups[1].Value) >= 3, completed); // the demo's own families beside these three
        var site = manager.Locator("#region-schools tr", new() { HasText = "Casa Comunal La Fortaleza" });
        Assert.Equal("3", await site.Locator("[data-figure=families-completed]").TextContentAsync());
        await manager.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "manager-dashboard-families-es.png"), FullPage = true });
    }
}
