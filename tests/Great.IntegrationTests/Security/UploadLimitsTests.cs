using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Security;

/// <summary>Uploads per user and minute are limited (a class of its own: the limiter's minute is the real one).</summary>
public class UploadLimitsTests(UploadLimitsTests.App app) : IClassFixture<UploadLimitsTests.App>
{
    public sealed class App : FakeClockAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:RateLimits:ImportsPerMinute", "3");
        }
    }

    private static readonly byte[] Roster = CoordinatorUpload.Roster;

    private Task<(HttpClient Browser, int ClassId)> CoordinatorAsync() => CoordinatorUpload.SignInAsync(app);

    [Fact]
    public async Task Should_answer_429_to_a_user_uploading_too_often_and_keep_nothing_of_it()
    {
        app.Clock.Advance(TimeSpan.FromDays(2)); // whatever the other test left is purged by the next upload's own clean-up
        var (browser, classId) = await CoordinatorAsync();
        var responses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) responses.Add((await browser.UploadAsync($"/Classes/Import/{classId}", $"try-{i}.csv", Roster)).StatusCode);

        Assert.Equal([HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.TooManyRequests], responses); // a kept upload goes to its preview
        Assert.DoesNotContain("try-3.csv", await app.QueryAsync(db => db.PendingImports.Select(p => p.FileName).ToListAsync()));
    }
}

/// <summary>Roster uploads never confirmed are deleted after a day, with the names they hold.</summary>
public class UploadPurgeTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static readonly byte[] Roster = CoordinatorUpload.Roster;

    private Task<(HttpClient Browser, int ClassId)> CoordinatorAsync() => CoordinatorUpload.SignInAsync(app);

    [Fact]
    public async Task Should_purge_uploads_left_unconfirmed_for_a_day_and_keep_newer_ones()
    {
        var (browser, classId) = await CoordinatorAsync();
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.UploadAsync($"/Classes/Import/{classId}", "old.csv", Roster)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(23));
        (browser, _) = await CoordinatorAsync(); // a new day's session
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.UploadAsync($"/Classes/Import/{classId}", "new.csv", Roster)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var purged = 0;
        await app.RunAsync<UploadPurgeJob>(async job => purged = await job.RunAsync());

        Assert.Equal(1, purged);
        Assert.Equal(["new.csv"], await app.QueryAsync(db => db.PendingImports.Select(p => p.FileName).ToListAsync()));
    }
}

/// <summary>The coordinator, signed in, and the class both tests upload a roster into.</summary>
internal static class CoordinatorUpload
{
    public static readonly byte[] Roster = Uploads.Utf8("given_name,family_name,student_id\nAna,Pérez,P-1\n");

    public static async Task<(HttpClient Browser, int ClassId)> SignInAsync(GreatAppFactory app)
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var id = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "5" && c.Section == "B").Select(c => c.Id).SingleAsync());
        return (browser, id);
    }
}
