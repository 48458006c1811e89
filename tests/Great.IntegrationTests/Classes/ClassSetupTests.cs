using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Classes;

public class ClassSetupTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<int> SchoolIdAsync(string code) => app.QueryAsync(db => db.Schools.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Should_create_a_class_pinned_to_the_current_edition_in_the_coordinators_school()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var school = await SchoolIdAsync("SV-10102");
        var year = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10102").MaxAsync(c => c.SchoolYear));
        var response = await browser.SubmitAsync($"/Classes/Edit?schoolId={school}", new Dictionary<string, string>
        {
            ["Input.SchoolId"] = school.ToString(), ["Input.ComponentCode"] = "ELEM", ["Input.SchoolYear"] = year.ToString(),
            ["Input.Grade"] = "4", ["Input.Section"] = "C", ["Input.ClassroomTeacher"] = "Profa. Dinora Ábrego", ["Input.InstructorId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await app.QueryAsync(db => db.Classes.SingleAsync(c => c.SchoolId == school && c.Grade == "4" && c.Section == "C"));
        Assert.Equal(("ELEM", "2024", ClassStatus.Planned, "Profa. Dinora Ábrego"), (created.ComponentCode, created.Edition, created.Status, created.ClassroomTeacher));

        // Its page says what comes next rather than showing an empty grid.
        foreach (var (language, words) in new[] { ("en", "No students are enrolled yet."), ("es", "Aún no hay estudiantes inscritos.") })
        {
            var page = await browser.GetDocumentAsync($"/Classes/Details/{created.Id}?culture={language}");
            Assert.Null(page.QuerySelector("#progress-grid"));
            var empty = page.QuerySelector("#no-students")!;
            Assert.Contains(words, empty.TextContent);
            Assert.NotNull(empty.QuerySelector($"a[href='/Classes/Import/{created.Id}']"));
            Assert.NotNull(empty.QuerySelector($"a[href='/Classes/Roster/{created.Id}']"));
        }
        // In the school's list of classes, its next lesson says there is none planned, not a blank.
        var list = await browser.GetDocumentAsync($"/Schools/Details/{created.SchoolId}?culture=es");
        Assert.Equal("Ninguna lección con fecha", list.QuerySelector($"tr[data-class-id='{created.Id}'] [data-next=none]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Should_refuse_a_class_in_another_coordinators_school_and_create_nothing()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var other = await SchoolIdAsync("SV-10201");
        var before = await app.QueryAsync(db => db.Classes.CountAsync());
        var response = await browser.SubmitAsync("/Classes/Edit", new Dictionary<string, string>
        {
            ["Input.SchoolId"] = other.ToString(), ["Input.ComponentCode"] = "MS", ["Input.Grade"] = "6", ["Input.Section"] = "Z",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Elija una escuela.", (await Forms.ParseAsync(response)).Text());
        Assert.Equal(before, await app.QueryAsync(db => db.Classes.CountAsync()));
    }

    [Fact]
    public async Task Should_plan_dates_on_the_chosen_weekdays_skipping_holidays_then_let_one_be_moved()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10102" && c.Section == "C" && c.Grade == "6").Select(c => c.Id).SingleAsync());
        var generated = await browser.SubmitAsync($"/Classes/Plan/{classId}",
        [
            new("FirstDay", "2027-02-01"), new("Weekdays", "Monday"), new("Weekdays", "Thursday"), new("Holidays", "2027-02-04\n2027-02-15"),
        ], "form#generate");
        // Generated, not saved: the dates fill the form to check, the weekdays chosen stay ticked, nothing is written yet.
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var proposal = await Forms.ParseAsync(generated);
        Assert.Contains("13 fechas aún no están guardadas", proposal.QuerySelector("#generated")!.TextContent);
        Assert.Equal(["Monday", "Thursday"], proposal.QuerySelectorAll("input[name=Weekdays]:checked").Select(i => i.GetAttribute("value")));
        Assert.Equal(["2027-02-01", "2027-02-08", "2027-02-11", "2027-02-18", "2027-02-22"],
            Enumerable.Range(0, 5).Select(i => proposal.QuerySelector($"input[name='Dates[{i}]']")!.GetAttribute("value")));
        var plannedBefore = await app.QueryAsync(db => db.PlannedLessons.Where(p => p.ClassId == classId).OrderBy(p => p.LessonNumber).Select(p => p.PlannedOn).ToListAsync());
        Assert.DoesNotContain(new DateOnly(2027, 2, 1), plannedBefore);
        Assert.Equal(0, await app.QueryAsync(db => db.SchoolHolidays.CountAsync()));

        // Saved as shown: the dates and the holidays typed with them.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)proposal.QuerySelector("form#dates")!;
        var saved = await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(Forms.FieldsOf(form)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var dates = await app.QueryAsync(db => db.PlannedLessons.Where(p => p.ClassId == classId).OrderBy(p => p.LessonNumber).Select(p => p.PlannedOn).ToListAsync());
        Assert.Equal(13, dates.Count);
        Assert.Equal([new DateOnly(2027, 2, 1), new(2027, 2, 8), new(2027, 2, 11), new(2027, 2, 18), new(2027, 2, 22)], dates.Take(5));
        Assert.Equal(2, await app.QueryAsync(db => db.SchoolHolidays.CountAsync()));
        // Opened again, the page ticks every weekday the class is planned on.
        var reopened = await browser.GetDocumentAsync($"/Classes/Plan/{classId}");
        Assert.Equal(["Monday", "Thursday"], reopened.QuerySelectorAll("input[name=Weekdays]:checked").Select(i => i.GetAttribute("value")));

        var moved = await browser.SubmitAsync($"/Classes/Plan/{classId}", [new("Dates[1]", "2027-02-09")], "form#dates");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(new DateOnly(2027, 2, 9), await app.QueryAsync(db => db.PlannedLessons.Where(p => p.ClassId == classId && p.LessonNumber == 2).Select(p => p.PlannedOn).SingleAsync()));

        var bad = await browser.SubmitAsync($"/Classes/Plan/{classId}", [new("FirstDay", "2027-02-01"), new("Weekdays", "Monday"), new("Holidays", "15/02/2027")], "form#generate");
        Assert.Contains("línea 1", (await Forms.ParseAsync(bad)).Text());
    }

    [Fact]
    public async Task Should_withdraw_a_student_and_transfer_another_within_the_school()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var enrollments = await app.QueryAsync(db => db.Enrollments.Where(e => e.Class.School.Code == "SV-10102" && e.Class.Grade == "7" && e.WithdrawnOn == null)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.StudentId, e.EnrolledOn }).Take(2).ToListAsync());
        var target = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10102" && c.Grade == "6" && c.Section == "C").Select(c => c.Id).SingleAsync());

        var early = await browser.SubmitAsync($"/Classes/Enrollment/{enrollments[0].Id}", [new("On", enrollments[0].EnrolledOn.AddDays(-1).ToString("yyyy-MM-dd"))], "form#withdraw");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.Enrollments.Where(e => e.Id == enrollments[0].Id).Select(e => e.WithdrawnOn).SingleAsync()));

        var withdrawn = await browser.SubmitAsync($"/Classes/Enrollment/{enrollments[0].Id}", [], "form#withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.NotNull(await app.QueryAsync(db => db.Enrollments.Where(e => e.Id == enrollments[0].Id).Select(e => e.WithdrawnOn).SingleAsync()));

        var moved = await browser.SubmitAsync($"/Classes/Enrollment/{enrollments[1].Id}", [new("ToClassId", target.ToString())], "form#transfer");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Enrollments.AnyAsync(e => e.ClassId == target && e.StudentId == enrollments[1].StudentId && e.WithdrawnOn == null)));

        var otherSchoolClass = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10201").Select(c => c.Id).FirstAsync());
        var crafted = await browser.SubmitAsync($"/Classes/Enrollment/{enrollments[1].Id}", [], "form#edit-student");
        Assert.Equal(HttpStatusCode.Redirect, crafted.StatusCode);
        var stolen = await app.QueryAsync(db => db.Enrollments.Where(e => e.Class.School.Code == "SV-10201").Select(e => e.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/Enrollment/{stolen}")).StatusCode);
        Assert.False(await app.QueryAsync(db => db.Enrollments.AnyAsync(e => e.ClassId == otherSchoolClass && e.StudentId == enrollments[1].StudentId)));
    }

    [Fact]
    public async Task Should_serve_the_officers_planned_lessons_as_a_calendar_at_a_revocable_secret_link()
    {
        var officer = await app.SignedInAsync(DemoAccounts.Instructor);
        await officer.SubmitAsync("/Calendar", [], "main form");
        var url = (await officer.GetDocumentAsync("/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;

        var calendar = app.CreateBrowser(); // a phone's calendar app: no sign-in
        var feed = await calendar.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", ics);
        Assert.Contains("SUMMARY:Lección 10: Handling Anger", ics.Replace("Manejar el enojo", "Handling Anger"));
        Assert.Contains("LOCATION:Centro Escolar República de Colombia", ics);
        var events = ics.Split("BEGIN:VEVENT").Length - 1;
        Assert.Equal(13 + 6, events); // the officer's two current classes: Middle School 6 B and Elementary 4 A

        await officer.SubmitAsync("/Calendar", [], "form[action*=Revoke]");
        Assert.Equal(HttpStatusCode.NotFound, (await calendar.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Should_say_so_when_a_new_instructor_leaves_the_class_without_its_substitute_who_lost_their_certification()
    {
        // Officers of the test's own at a San Salvador agency, each certified for Elementary; the substitute's is then suspended.
        var (classId, newOfficer) = await app.QueryAsync(async db =>
        {
            var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == "SV-10101");
            var agency = await db.Agencies.FirstAsync(a => a.RegionId == school.RegionId);
            var today = school.Region.Today(app.Time);
            Instructor Officer(string name)
            {
                var officer = new Instructor { Agency = agency, GivenName = name, FamilyName = "Suplente", BadgeNumber = $"SV-SU-{name}", Email = $"{name}.su@example.org" };
                officer.Grant("ELEM", CertificationLevel.Mentor, today.AddYears(-1), today.AddYears(-1), today.AddYears(1), today);
                return officer;
            }
            var (first, substitute, next) = (Officer("Ana"), Officer("Beto"), Officer("Ciro"));
            db.Instructors.AddRange(first, substitute, next);
            var schoolClass = SchoolClass.Create(school, "ELEM", "2024", school.Region.SchoolYearOf(today), "4", "SU", first);
            schoolClass.AssignInstructors(first, substitute, today);
            db.Classes.Add(schoolClass);
            await db.SaveChangesAsync();
            substitute.Certifications.Single().Suspend("Investigación interna", today);
            await db.SaveChangesAsync();
            return (schoolClass.Id, next.Id);
        });
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator, "es");

        var saved = await coordinator.SubmitAsync($"/Classes/Edit/{classId}?culture=es", [new("Input.InstructorId", newOfficer.ToString())]);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await Forms.ParseAsync(saved)).QuerySelector(".text-danger")?.TextContent);
        var details = await Forms.ParseAsync(await coordinator.FollowAsync(saved));
        Assert.Contains("Beto Suplente ya no es su suplente: ya no está certificado para enseñar Primaria.", details.QuerySelector("[role=status], .alert")!.TextContent);
        var staffing = await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).Select(c => new { c.InstructorId, c.SubstituteInstructorId }).SingleAsync());
        Assert.Equal((newOfficer, (int?)null), (staffing.InstructorId!.Value, staffing.SubstituteInstructorId));
    }
}
