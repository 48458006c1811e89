using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests;

/// <summary>The defects that came from rules having more than one home, each kept from coming back.</summary>
public class OneHomeForRulesTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private Task<int> SchoolIdAsync(string code) => app.QueryAsync(db => db.Schools.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private Task<List<int>> RequestedSchoolsAsync() => app.QueryAsync(db => db.RollupRequests.Select(r => r.SchoolId).Distinct().OrderBy(s => s).ToListAsync());

    private Task ClearRequestsAsync() => app.QueryAsync(db => db.RollupRequests.ExecuteDeleteAsync());

    [Theory]
    [InlineData(ClassStatus.Finished)]
    [InlineData(ClassStatus.Cancelled)]
    public async Task Should_refuse_a_lesson_posted_for_a_finished_or_cancelled_class(ClassStatus status)
    {
        var officer = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.ClassIdAsync("SV-10101", "6", "B"); // Carlos's Middle School class, lesson 10 still to record
        var form = await officer.GetDocumentAsync($"/Lessons/Record/{classId}");
        var token = form.QuerySelector("#record-lesson input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status)));
        var before = await app.QueryAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId));

        var response = await officer.PostAsync($"/Lessons/Record/{classId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LessonNumber"] = "10", ["TaughtOn"] = app.Clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd"), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId)));
        // Nor is the action offered on the class page.
        Assert.Null((await officer.GetDocumentAsync($"/Classes/Details/{classId}")).QuerySelector("#record-lesson"));
        await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ClassStatus.Active)));
    }

    [Fact]
    public async Task Should_not_count_a_suspended_certification_as_expiring_in_the_monday_digest()
    {
        var monday = new DateTimeOffset(2026, 11, 30, 13, 5, 0, TimeSpan.Zero); // 07:05 in San Salvador
        app.Clock.AdjustTime(monday);
        var today = new DateOnly(2026, 11, 30);
        var region = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "SV").Select(r => r.Id).SingleAsync());
        // María José's Middle School certification, expiring within the window, is suspended today.
        await app.QueryAsync(async db =>
        {
            var certification = await db.Certifications.SingleAsync(c => c.Instructor.BadgeNumber == "SV-4502" && c.ComponentCode == "MS");
            certification.Suspend("Investigación administrativa", today);
            return await db.SaveChangesAsync();
        });
        var expected = await app.QueryAsync(async db => (await db.Certifications.Where(c => c.Instructor.Agency.RegionId == region).ToListAsync())
            .Count(c => c.IsExpiring(today)));
        var includingSuspended = await app.QueryAsync(db => db.Certifications.CountAsync(c => c.Instructor.Agency.RegionId == region
            && c.RevokedOn == null && c.ExpiresOn >= today && c.ExpiresOn <= today.AddDays(Certification.ExpiringWindowDays)));
        Assert.True(includingSuspended > expected);

        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(region));
        var digest = await app.QueryAsync(db => db.OutboundEmails.SingleAsync(e => e.Kind == ReminderJob.ManagerDigest && e.Recipient == "manager.sv@example.org"
            && e.DedupeKey.EndsWith("2026-11-30")));
        Assert.Contains($"Certificaciones que vencen en 60 días: {expected}", digest.Text);
    }

    [Fact]
    public async Task Should_ask_for_a_rollup_when_a_class_gets_another_instructor()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.ClassIdAsync("SV-10101", "5", "B");
        var officer = await app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == "SV-4471").Select(i => i.Id).SingleAsync());
        await ClearRequestsAsync();
        var response = await coordinator.SubmitAsync($"/Classes/AssignInstructor/{classId}", [new("InstructorId", officer.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([await SchoolIdAsync("SV-10101")], await RequestedSchoolsAsync());
    }

    [Fact]
    public async Task Should_ask_for_both_schools_when_a_class_moves()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.ClassIdAsync("SV-10102", "6", "C");
        var (from, to) = (await SchoolIdAsync("SV-10102"), await SchoolIdAsync("SV-10101"));
        await ClearRequestsAsync();
        var response = await coordinator.SubmitAsync($"/Classes/Edit/{classId}", [new("Input.SchoolId", to.ToString())]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await Forms.ParseAsync(response)).QuerySelector(".text-danger")?.TextContent);
        Assert.Equal(to, await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).Select(c => c.SchoolId).SingleAsync()));
        Assert.Equal(new[] { from, to }.Order(), await RequestedSchoolsAsync());
    }

    [Fact]
    public async Task Should_ask_for_no_rollup_when_only_a_classs_grade_section_or_teacher_changes_and_for_its_school_when_a_student_leaves()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.NewClassAsync("SV-10102", "MS", "7", "Q", officerBadge: "SV-4471", students: 3);
        await ClearRequestsAsync();
        // The class's grade, section and classroom teacher count in no figure: the edit announces nothing.
        var edited = await coordinator.SubmitAsync($"/Classes/Edit/{classId}", [new("Input.Section", "Z"), new("Input.ClassroomTeacher", "Prof. Nueva")]);
        Assert.True(edited.StatusCode == HttpStatusCode.Redirect, (await Forms.ParseAsync(edited)).QuerySelector(".text-danger")?.TextContent);
        Assert.Equal("Z", await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).Select(c => c.Section).SingleAsync()));
        Assert.Empty(await RequestedSchoolsAsync());

        // A student who leaves changes who the school reached: the withdrawal announces it.
        var enrolment = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId && e.WithdrawnOn == null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        var withdrawn = await coordinator.SubmitAsync($"/Classes/Enrollment/{enrolment}", [], "form#withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal([await SchoolIdAsync("SV-10102")], await RequestedSchoolsAsync());
    }

    [Fact]
    public async Task Should_refuse_a_status_change_a_coordinator_may_not_make_and_change_nothing()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var finished = await app.ClassIdAsync("SV-10101", "5", "A");
        Assert.Equal(ClassStatus.Finished, await app.QueryAsync(db => db.Classes.Where(c => c.Id == finished).Select(c => c.Status).SingleAsync()));
        var response = await coordinator.SubmitAsync($"/Classes/Edit/{finished}", [new("Input.Status", nameof(ClassStatus.Planned))]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Forms.ParseAsync(response)).QuerySelectorAll(".text-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Contains(errors, e => e.Contains("La clase no puede pasar de «Finalizada»"));
        Assert.Equal(ClassStatus.Finished, await app.QueryAsync(db => db.Classes.Where(c => c.Id == finished).Select(c => c.Status).SingleAsync()));
    }
}
