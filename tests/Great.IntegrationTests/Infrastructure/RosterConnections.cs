using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>A school connected to a OneRoster server through the real forms, as an administrator and a coordinator would.</summary>
public static class RosterConnections
{
    /// <summary>Five students in one class of the school <paramref name="code"/> on <paramref name="server"/>.</summary>
    public static FakeOneRoster WithFiveStudents(this FakeOneRoster server, string code)
    {
        server.OrgIdentifier = code;
        server.AddClass("cls-5a", "Orientación 5.º A", "05", "5A");
        server.AddStudent("u-1", "Ana", "Cruz", "cls-5a", "E-1");
        server.AddStudent("u-2", "Beto", "Díaz", "cls-5a", "E-2");
        server.AddStudent("u-3", "Carla", "Estrada", "cls-5a", "E-3");
        server.AddStudent("u-4", "Dora", "Flores", "cls-5a", "E-4");
        server.AddStudent("u-5", "Elsa", "García", "cls-5a", "E-5");
        return server;
    }

    /// <summary>An administrator sets the connection up and maps the school; returns the school's sync page id.</summary>
    public static async Task<(HttpClient Admin, int SyncId, int ConnectionId)> ConnectAsync(this GreatAppFactory app, FakeOneRoster server, int schoolId, string? secret = null)
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var regionId = await app.QueryAsync(db => db.Schools.Where(s => s.Id == schoolId).Select(s => s.RegionId).SingleAsync());
        var saved = await admin.SubmitAsync("/Rosters/Edit", new Dictionary<string, string>
        {
            ["Input.RegionId"] = regionId.ToString(), ["Input.Name"] = $"District {schoolId}", ["Input.BaseUrl"] = server.BaseUrl,
            ["Input.TokenUrl"] = server.TokenUrl, ["Input.ClientId"] = FakeOneRoster.ClientId, ["Input.ClientSecret"] = secret ?? server.Secret,
        }, "form#connection-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mappingUrl = saved.Headers.Location!.OriginalString;
        var connectionId = int.Parse(mappingUrl.Split('/').Last());
        if (secret is not null) return (admin, 0, connectionId);
        var mapped = await admin.SubmitAsync(mappingUrl, [], "form#school-mapping");
        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);
        var syncId = await app.QueryAsync(db => db.RosterConnectionSchools.Where(s => s.ConnectionId == connectionId).Select(s => new { s.Id, s.SchoolId }).SingleAsync());
        Assert.Equal(schoolId, syncId.SchoolId); // suggested by the school code and kept
        return (admin, syncId.Id, connectionId);
    }

    /// <summary>Pulls the whole roster for a preview; returns the preview's address.</summary>
    public static async Task<string> PullAsync(this HttpClient browser, int syncId)
    {
        var pulled = await browser.SubmitAsync($"/Rosters/Sync/{syncId}", [], "form#pull");
        Assert.Equal(HttpStatusCode.Redirect, pulled.StatusCode);
        return pulled.Headers.Location!.OriginalString;
    }

    /// <summary>Applies a previewed pull: from then on the school follows its source.</summary>
    public static async Task ConfirmSyncAsync(this HttpClient browser, string previewUrl)
    {
        var confirmed = await browser.SubmitAsync(previewUrl, [], "form#confirm-sync", submitButton: "#confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    /// <summary>The school's students that came from a source, in source order: given name, family initial, still enrolled.</summary>
    public static Task<List<(string Given, string Initial, bool Active)>> RosterOfAsync(this GreatAppFactory app, int schoolId) => app.QueryAsync(async db =>
        (await db.Enrollments.Where(e => e.Class.SchoolId == schoolId && e.Student.SourcedId != null).OrderBy(e => e.Student.SourcedId)
            .Select(e => new { e.Student.GivenName, e.Student.FamilyInitial, e.WithdrawnOn }).ToListAsync())
        .Select(e => (e.GivenName, e.FamilyInitial, e.WithdrawnOn == null)).ToList());
}
