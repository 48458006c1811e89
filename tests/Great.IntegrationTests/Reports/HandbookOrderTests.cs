using System.Net;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Reports;

/// <summary>Workbooks to order for the classes starting in the next four weeks, from their rosters, per school and language, in scope.</summary>
public class HandbookOrderTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    /// <summary>A planned class at a school, its first lesson some days from today, with students on its roster (one of them gone).</summary>
    private Task<int> PlannedClassAsync(string schoolCode, string section, int startsIn, int students) => app.QueryAsync(async db =>
    {
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == schoolCode);
        var schoolClass = SchoolClass.Create(school, "ELEM", "2024", school.Region.SchoolYearOf(Today), "5", section);
        schoolClass.Plan(SchoolClass.LessonDates(Today.AddDays(startsIn), new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday }, new HashSet<DateOnly>(), 6));
        for (var n = 0; n <= students; n++)
        {
            var enrollment = schoolClass.Enroll(new Student { School = school, GivenName = $"{section}{n}", FamilyInitial = "H" }, Today.AddDays(-3));
            if (n == students) enrollment.Withdraw(Today.AddDays(-1));
        }
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        return schoolClass.Id;
    });

    [Fact]
    public async Task Should_list_the_workbooks_for_classes_starting_within_four_weeks_in_the_language_the_coordinator_chose()
    {
        var soon = await PlannedClassAsync("SV-10101", "Pronto", startsIn: 6, students: 4);
        await PlannedClassAsync("SV-10101", "Lejos", startsIn: 40, students: 7);
        var elsewhere = await PlannedClassAsync("HN-0801", "Otra", startsIn: 10, students: 5);

        // The coordinator sets the workbooks' language on the class form: this class reads them in English.
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var saved = await coordinator.SubmitAsync($"/Classes/Edit/{soon}", new Dictionary<string, string> { ["Input.Language"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("en", await app.QueryAsync(db => db.Classes.Where(c => c.Id == soon).Select(c => c.Language).SingleAsync()));
        Assert.Equal("es", await app.QueryAsync(db => db.Classes.Where(c => c.Id == elsewhere).Select(c => c.Language).SingleAsync()));

        var page = await coordinator.GetDocumentAsync("/Reports/Handbooks");
        var rows = page.QuerySelectorAll("#handbook-orders tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        var english = rows.Single(r => r[3] == "English");
        Assert.Equal(["1", "4"], english.Skip(4).Take(2));
        Assert.DoesNotContain(rows, r => r[0].Contains("Honduras") || r[1] == "San Pedro Sula" || r[1] == "Distrito Central");
        var csv = Encoding.UTF8.GetString(await coordinator.GetByteArrayAsync("/Reports/Handbooks?handler=Csv"));
        Assert.Contains($",English,1,4,{Today.AddDays(6):yyyy-MM-dd}", csv);

        // A bad language on the form changes nothing.
        var refused = await coordinator.SubmitAsync($"/Classes/Edit/{soon}", new Dictionary<string, string> { ["Input.Language"] = "fr" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("en", await app.QueryAsync(db => db.Classes.Where(c => c.Id == soon).Select(c => c.Language).SingleAsync()));

        // The administrator sees every region's orders, the Honduran class among them.
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var all = await admin.GetDocumentAsync("/Reports/Handbooks");
        var hondurasSchool = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "HN-0801").Select(s => s.Name).SingleAsync());
        Assert.Contains(all.QuerySelectorAll("#handbook-orders tbody tr"), r => r.Children[0].TextContent.Trim() == hondurasSchool && r.Children[5].TextContent.Trim() == "5");

        var instructor = await app.SignedInAsync(DemoAccounts.Instructor);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructor.GetAsync("/Reports/Handbooks")).StatusCode);
    }
}
