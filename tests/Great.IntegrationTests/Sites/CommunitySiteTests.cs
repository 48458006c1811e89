using System.Net;
using System.Text.RegularExpressions;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Sites;

/// <summary>Community sites beside schools: kept by the region's manager, scoped like schools, given to coordinators.</summary>
public class CommunitySiteTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<int> SitesAsync() => app.QueryAsync(db => db.Schools.CountAsync(s => s.Kind != PlaceKind.School));

    private static Dictionary<string, string> Site(string name, string kind = "Church", string municipality = "Mejicanos") =>
        new() { ["Input.Municipality"] = municipality, ["Input.Name"] = name, ["Input.Kind"] = kind };

    [Fact]
    public async Task Should_let_a_manager_keep_sites_of_their_region_only_and_refuse_bad_input_writing_nothing()
    {
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var salvador = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "SV").Select(r => r.Id).SingleAsync());
        var honduras = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "HN").Select(r => r.Id).SingleAsync());
        var form = await manager.GetDocumentAsync("/Sites/Edit");
        Assert.Equal([salvador.ToString()], form.QuerySelectorAll("#Input_RegionId option[value!='0']").Select(o => o.GetAttribute("value")!));

        var before = await SitesAsync();
        async Task<string> Refused(Dictionary<string, string> values)
        {
            var response = await manager.SubmitAsync("/Sites/Edit", values);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Forms.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent;
        }
        Assert.Contains("Escriba un nombre", await Refused(Site("")));
        Assert.Contains("Elija el tipo de sitio", await Refused(Site("Parroquia San José", kind: "")));
        Assert.Contains("Otro sitio de este municipio tiene este nombre",
            await Refused(Site("Casa Comunal Colonia Zacamil", kind: "CommunityCentre", municipality: "San Salvador")));
        Assert.Contains("Elija una región", await Refused(new(Site("Parroquia San José")) { ["Input.RegionId"] = honduras.ToString() }));
        Assert.Equal(before, await SitesAsync());

        var saved = await manager.SubmitAsync("/Sites/Edit", Site("Parroquia San José"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var site = await app.QueryAsync(db => db.Schools.SingleAsync(s => s.Name == "Parroquia San José"));
        Assert.Equal((salvador, "Mejicanos", PlaceKind.Church), (site.RegionId, site.Municipality, site.Kind));
        Assert.Matches("^SITE-[0-9]+$", site.Code); // no code asked: one is made, unique in the region
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "School").ToListAsync()),
            a => a.EntityId == site.Id.ToString() && a.Action == "Added" && a.UserName == DemoAccounts.ManagerSv);
        var list = await manager.GetDocumentAsync("/Sites");
        Assert.Contains("Iglesia", list.QuerySelector($"#sites tr[data-site-id='{site.Id}']")!.TextContent);
        Assert.DoesNotContain("Eastside Youth Club", list.Text()); // another region's site

        // Another region's manager neither sees nor edits it; a coordinator may not keep sites.
        var other = await app.SignedInAsync(DemoAccounts.ManagerHn);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Sites/Edit/{site.Id}")).StatusCode);
        var token = (await other.GetDocumentAsync("/Sites/Edit")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var crafted = await other.PostAsync("/Sites/Edit", new FormUrlEncodedContent(new Dictionary<string, string>(Site("Tomada"))
        {
            ["Input.Id"] = site.Id.ToString(), ["Input.RegionId"] = honduras.ToString(), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal("Parroquia San José", await app.QueryAsync(db => db.Schools.Where(s => s.Id == site.Id).Select(s => s.Name).SingleAsync()));
        // A coordinator adds sites (and keeps the one they add) but changes none.
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Sites/Edit/{site.Id}")).StatusCode);
        var added = await coordinator.SubmitAsync("/Sites/Edit", Site("Club Juvenil Zacamil", kind: "Club"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var own = await app.QueryAsync(db => db.Schools.SingleAsync(s => s.Name == "Club Juvenil Zacamil"));
        Assert.Equal(salvador, own.RegionId);
        Assert.True(await app.QueryAsync(db => db.UserSchools.AnyAsync(u => u.SchoolId == own.Id && db.Users.Any(x => x.Id == u.UserId && x.Email == DemoAccounts.Coordinator))));
        var mine = await coordinator.GetDocumentAsync("/Sites"); // the same sign-in sees it at once
        Assert.NotNull(mine.QuerySelector($"#sites tr[data-site-id='{own.Id}']"));
        Assert.Null(mine.QuerySelector($"#sites tr[data-site-id='{site.Id}']"));
    }

    [Fact]
    public async Task Should_create_a_coordinator_of_a_site_alone_who_sees_that_site_and_no_other()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var refused = await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "sin.alcance@example.org", ["Input.DisplayName"] = "Sin Alcance", ["Input.Role"] = "SchoolCoordinator",
        });
        Assert.Equal("Choose at least one school or site.", (await Forms.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Input.SchoolIds']")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "sin.alcance@example.org")));

        var site = await app.QueryAsync(db => db.Schools.SingleAsync(s => s.Name == "Casa Comunal Colonia Zacamil"));
        var created = await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "sitio.coordinadora@example.org", ["Input.DisplayName"] = "Lidia Mejía", ["Input.Role"] = "SchoolCoordinator",
            ["Input.SiteIds"] = site.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var user = await app.QueryAsync(db => db.Users.Include(u => u.Schools).SingleAsync(u => u.Email == "sitio.coordinadora@example.org"));
        Assert.Equal([site.Id], user.Schools.Select(s => s.SchoolId));
        Assert.Equal("es", user.Culture); // El Salvador's language

        var password = Regex.Match((await admin.GetDocumentAsync("/Admin")).QuerySelector(".alert-success")!.TextContent, @"One-time password: (\S+) ").Groups[1].Value;
        var coordinator = app.CreateBrowser();
        await coordinator.LoginAsync("sitio.coordinadora@example.org", password);
        await coordinator.SubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "Mi-clave-2026", ["Input.ConfirmPassword"] = "Mi-clave-2026",
        });
        var sites = await coordinator.GetDocumentAsync("/Sites");
        Assert.Equal([site.Id.ToString()], sites.QuerySelectorAll("#sites tbody tr").Select(r => r.GetAttribute("data-site-id")!));
        Assert.Empty(sites.QuerySelectorAll("#sites a[href^='/Sites/Edit']"));
    }
}
