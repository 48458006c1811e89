using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Instructors;

/// <summary>
/// An officer's change history as a manager reads it: field names and dates in the reader's language, changes made by
/// the app named as such, and the officer's calendar token nowhere — not on the page, not in the audit trail.
/// </summary>
public class ChangeHistoryTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private async Task<(int Id, string Token)> OfficerWithCalendarLinkAsync()
    {
        var officer = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await officer.LoginAsync(DemoAccounts.Instructor)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync("/Calendar", [], "main form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync("/Calendar", [], "form[action*=New]")).StatusCode); // replaced once
        var url = (await officer.GetDocumentAsync("/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
        var token = Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath); // …/Calendar/Feed/{token}.ics
        var id = await app.QueryAsync(db => db.Instructors.Where(i => i.CalendarToken != null).Select(i => i.Id).SingleAsync());
        Assert.Equal(token, await app.QueryAsync(db => db.Instructors.Where(i => i.Id == id).Select(i => i.CalendarToken).SingleAsync()));
        return (id, token);
    }

    [Theory]
    [InlineData("en", "Calendar link", "(secret, changed)", "Officer")]
    [InlineData("es", "Enlace del calendario", "(secreto, cambiado)", "Oficial")]
    public async Task Should_show_a_readable_history_without_the_calendar_token(string language, string field, string secret, string entity)
    {
        var (id, token) = await OfficerWithCalendarLinkAsync();

        // Not in the trail at all: the entries say the link changed, never what it is.
        var trail = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(Instructor) && a.EntityId == id.ToString()).ToListAsync());
        Assert.Contains(trail, a => a.After?.Contains($"\"CalendarToken\":\"{SecretAttribute.Mark}\"") == true);
        Assert.DoesNotContain(trail, a => (a.Before + a.After).Contains(token));

        var manager = app.CreateBrowser(language);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.LoginAsync(DemoAccounts.ManagerSv)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync("/Reach", [new("culture", language)], "form#language-switch")).StatusCode);
        var page = await manager.GetAsync($"/Instructors/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, html);
        var history = (await manager.GetDocumentAsync($"/Instructors/Details/{id}")).QuerySelector("#audit-trail")!.TextContent;
        Assert.Contains($"{field}:", history);
        Assert.Contains(secret, history);
        Assert.Contains(entity, history);
        Assert.DoesNotContain("CalendarToken", history);
    }

    [Theory]
    [InlineData("en", "Families", "Agency")]
    [InlineData("es", "Familias", "Institución")]
    public async Task Should_name_in_the_history_the_agency_and_the_component_a_change_refers_to(string language, string component, string agencyField)
    {
        var (id, agency) = await app.QueryAsync(async db =>
        {
            var officer = await db.Instructors.Include(i => i.Certifications).Include(i => i.Agency.Region).SingleAsync(i => i.BadgeNumber == "SV-4502");
            var other = await db.Agencies.Where(a => a.RegionId == officer.Agency.RegionId && a.Id != officer.AgencyId).FirstAsync();
            var today = officer.Agency.Region.Today(app.Time);
            officer.Edit(other.Id, officer.GivenName, officer.FamilyName, officer.BadgeNumber, officer.Email, officer.Phone, officer.Culture);
            if (!officer.Certifications.Any(c => c.ComponentCode == "FAM"))
                officer.Grant("FAM", CertificationLevel.Instructor, today.AddDays(-20), today.AddDays(-10), today.AddYears(2), today);
            await db.SaveChangesAsync();
            return (officer.Id, other.Name);
        });
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv, language);
        var history = (await manager.GetDocumentAsync($"/Instructors/Details/{id}?culture={language}")).QuerySelector("#audit-trail")!.TextContent;
        Assert.Contains($"{agencyField}: {agency}", history);
        Assert.Contains($": {component}", history);
        Assert.DoesNotContain(": FAM", history);
    }
}
