using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Lessons;

/// <summary>Its own database: the officer's certification is made to lapse here.</summary>
public class LapsedCertificationTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_refuse_a_lesson_recorded_by_an_officer_whose_certification_expired()
    {
        await app.QueryAsync(async db =>
        {
            var certification = await db.Certifications.SingleAsync(c => c.Instructor.Email == DemoAccounts.Instructor && c.ComponentCode == "MS");
            certification.CorrectDates(new DateOnly(2018, 1, 10), new DateOnly(2018, 2, 1), new DateOnly(2020, 1, 1));
            return await db.SaveChangesAsync();
        });
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "6" && c.Section == "B").Select(c => c.Id).SingleAsync());
        var before = await app.QueryAsync(db => db.LessonDeliveries.CountAsync());

        var response = await browser.SubmitAsync($"/Lessons/Record/{classId}", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no está vigente en esa fecha o hoy", (await Forms.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, await app.QueryAsync(db => db.LessonDeliveries.CountAsync()));
    }
}
