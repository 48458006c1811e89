using System.Net;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Instructors;

public class CertificationTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<int> InstructorIdAsync(string badge) =>
        app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == badge).Select(i => i.Id).SingleAsync());

    private static Dictionary<string, string> Grant(string component, string? trained, string? certified, string? expires = null) => new()
    {
        ["Input.ComponentCode"] = component, ["Input.Level"] = "Instructor", ["Input.TrainingId"] = "",
        ["Input.TrainedOn"] = trained ?? "", ["Input.CertifiedOn"] = certified ?? "", ["Input.ExpiresOn"] = expires ?? "",
    };

    [Fact]
    public async Task Should_list_only_the_managers_own_regions_instructors()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var page = await browser.GetDocumentAsync("/Instructors");
        var badges = page.QuerySelectorAll("#instructors tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).Order().ToList();
        Assert.Equal(["SV-3981", "SV-4471", "SV-4502", "SV-5120", "SV-6001"], badges);

        var search = await browser.GetDocumentAsync("/Instructors?q=Zelaya");
        Assert.Empty(search.QuerySelectorAll("#instructors tbody tr"));
    }

    [Fact]
    public async Task Should_not_let_a_salvadoran_manager_open_or_change_a_honduran_instructor()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var honduran = await InstructorIdAsync("HN-2210");
        var certification = await app.QueryAsync(db => db.Certifications.Where(c => c.InstructorId == honduran).Select(c => c.Id).FirstAsync());

        foreach (var url in new[] { $"/Instructors/Details/{honduran}", $"/Instructors/Edit/{honduran}", $"/Instructors/Grant/{honduran}",
                     $"/Instructors/RecordTraining/{honduran}", $"/Instructors/Certification/{certification}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
        }

        // A crafted post: a real form of the manager's own officer, sent to the Honduran's URL.
        var own = await InstructorIdAsync("SV-6001");
        var token = (await browser.GetDocumentAsync($"/Instructors/Grant/{own}"))
            .QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var crafted = await browser.PostAsync($"/Instructors/Grant/{honduran}", new FormUrlEncodedContent(
            new Dictionary<string, string>(Grant("FAM", "2026-01-10", "2026-02-01")) { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        var suspend = await browser.PostAsync($"/Instructors/Certification/{certification}?handler=Suspend",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "x", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, suspend.StatusCode);

        Assert.False(await app.QueryAsync(db => db.Certifications.AnyAsync(c => c.InstructorId == honduran && (c.ComponentCode == "FAM" || c.SuspendedOn != null))));
    }

    // The manager works in Spanish: the messages come in Spanish.
    [Theory]
    [InlineData("2026-03-10", "2026-03-01", null, "La fecha de certificación no puede ser anterior a la formación.")]
    [InlineData("2026-01-10", "2026-02-01", "2026-01-15", "La fecha de vencimiento debe ser posterior a la de certificación.")]
    [InlineData("2026-01-10", "2099-02-01", null, "La fecha de certificación no puede ser futura.")]
    [InlineData(null, "2026-02-01", null, "Escriba la fecha de la formación o elija una formación registrada.")]
    [InlineData("2026-01-10", "not-a-date", null, "«not-a-date» no es válido aquí.")]
    public async Task Should_redisplay_a_grant_with_impossible_dates_and_change_nothing(string? trained, string? certified, string? expires, string error)
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var officer = await InstructorIdAsync("SV-6001");
        var before = await app.QueryAsync(db => db.Certifications.CountAsync());
        var response = await browser.SubmitAsync($"/Instructors/Grant/{officer}", Grant("MS", trained, certified, expires));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, (await Forms.ParseAsync(response)).Text());
        Assert.Equal(before, await app.QueryAsync(db => db.Certifications.CountAsync()));
    }

    [Fact]
    public async Task Should_redisplay_a_training_that_ends_before_it_starts_and_record_nothing()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var officer = await InstructorIdAsync("SV-6001");
        var before = await app.QueryAsync(db => db.Trainings.CountAsync());
        var response = await browser.SubmitAsync($"/Instructors/RecordTraining/{officer}", new Dictionary<string, string>
        {
            ["Input.Course"] = "OfficerTraining", ["Input.StartedOn"] = "2026-05-10", ["Input.EndedOn"] = "2026-05-01",
            ["Input.Place"] = "San Salvador", ["Input.Trainers"] = "Equipo nacional",
        });
        Assert.Contains("La formación no puede terminar antes de empezar.", (await Forms.ParseAsync(response)).Text());
        Assert.Equal(before, await app.QueryAsync(db => db.Trainings.CountAsync()));
    }

    [Fact]
    public async Task Should_record_a_training_grant_from_it_with_the_default_validity_and_show_the_audit_trail()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var officer = await InstructorIdAsync("SV-6001");
        var recorded = await browser.SubmitAsync($"/Instructors/RecordTraining/{officer}", new Dictionary<string, string>
        {
            ["Input.Course"] = "FamiliesTraining", ["Input.StartedOn"] = "2026-05-04", ["Input.EndedOn"] = "2026-05-08",
            ["Input.Place"] = "Santa Ana", ["Input.Trainers"] = "Lic. Marta Escobar",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var training = await app.QueryAsync(db => db.Trainings.Where(t => t.InstructorId == officer && t.Course == TrainingCourse.FamiliesTraining).SingleAsync());

        var granted = await browser.SubmitAsync($"/Instructors/Grant/{officer}", new Dictionary<string, string>
        {
            ["Input.ComponentCode"] = "FAM", ["Input.Level"] = "Instructor", ["Input.TrainingId"] = training.Id.ToString(),
            ["Input.TrainedOn"] = "", ["Input.CertifiedOn"] = "2026-05-20", ["Input.ExpiresOn"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var certification = await app.QueryAsync(db => db.Certifications.SingleAsync(c => c.InstructorId == officer && c.ComponentCode == "FAM"));
        Assert.Equal(new DateOnly(2026, 5, 8), certification.TrainedOn);
        Assert.Equal(new DateOnly(2028, 5, 20), certification.ExpiresOn); // Families: 24 months
        Assert.Equal(training.Id, certification.TrainingId);

        var page = await browser.GetDocumentAsync($"/Instructors/Details/{officer}");
        // A new certification is provisional until a mentor signs it off; the page offers to assign one.
        Assert.NotNull(page.QuerySelector("#certifications tr[data-component=FAM] .badge-status-Provisional"));
        Assert.NotNull(page.QuerySelector($"#certifications tr[data-component=FAM] a[href='/Instructors/Mentor/{certification.Id}']"));
        var trail = page.QuerySelector("#audit-trail")!.TextContent;
        Assert.Contains(DemoAccounts.ManagerSv, trail);
        Assert.Contains("Certificación", trail); // the entity named in the reader's language
        Assert.Contains("Capacitación", trail);

        var again = await browser.SubmitAsync($"/Instructors/Grant/{officer}", Grant("FAM", "2026-05-08", "2026-05-21"));
        Assert.Contains("renuévela", (await Forms.ParseAsync(again)).Text());
    }

    [Fact]
    public async Task Should_renew_from_the_old_expiry_and_suspend_only_with_a_reason_then_reinstate()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var certification = await app.QueryAsync(db => db.Certifications.SingleAsync(c => c.Instructor.BadgeNumber == "SV-4502" && c.ComponentCode == "ELEM"));
        var url = $"/Instructors/Certification/{certification.Id}";

        await browser.SubmitAsync(url, [], "form#renew");
        var renewed = await app.QueryAsync(db => db.Certifications.SingleAsync(c => c.Id == certification.Id));
        Assert.Equal(certification.ExpiresOn.AddMonths(36), renewed.ExpiresOn);

        var noReason = await browser.SubmitAsync(url, [new("Reason", " ")], "form#suspend");
        Assert.Contains("Indique el motivo", (await Forms.ParseAsync(noReason)).Text());
        Assert.Null((await app.QueryAsync(db => db.Certifications.SingleAsync(c => c.Id == certification.Id))).SuspendedOn);

        await browser.SubmitAsync(url, [new("Reason", "Investigación administrativa")], "form#suspend");
        var suspended = await app.QueryAsync(db => db.Certifications.SingleAsync(c => c.Id == certification.Id));
        Assert.Equal("Investigación administrativa", suspended.SuspensionReason);

        await browser.SubmitAsync(url, [], "form#reinstate");
        Assert.Null((await app.QueryAsync(db => db.Certifications.SingleAsync(c => c.Id == certification.Id))).SuspendedOn);
        Assert.Equal(3, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "Certification" && a.EntityId == certification.Id.ToString() && a.Action == "Modified")));
    }

    [Fact]
    public async Task Should_export_the_instructor_list_as_csv_with_formula_like_cells_escaped()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var response = await browser.GetAsync("/Instructors?handler=Export");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("ONI,Apellidos,Nombre", lines[0]); // the manager works in Spanish, in El Salvador: its word for the badge (RegionTerms)
        Assert.Contains(lines, l => l.StartsWith("SV-4471,Hernández Rivas,Carlos,") && l.Contains(",'+503 7012 3344,"));
    }

    [Fact]
    public async Task Should_filter_officers_by_their_standing_as_the_row_shows_it_not_by_an_old_certification()
    {
        // SV-5120: a Families certification that expired a year ago, and a new one that is active (Mentor level starts Active).
        await app.QueryAsync(async db =>
        {
            var officer = await db.Instructors.Include(i => i.Certifications).Include(i => i.Agency.Region).SingleAsync(i => i.BadgeNumber == "SV-5120");
            var today = officer.Agency.Region.Today(app.Time);
            officer.Grant("FAM", CertificationLevel.Instructor, today.AddYears(-3).AddDays(-10), today.AddYears(-3), today.AddYears(-1), today);
            officer.Grant("FAM", CertificationLevel.Mentor, today.AddDays(-20), today.AddDays(-10), today.AddYears(2), today);
            await db.SaveChangesAsync();
            return 0;
        });
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        async Task<List<string>> BadgesAsync(string query) => (await browser.GetDocumentAsync($"/Instructors?{query}"))
            .QuerySelectorAll("#instructors tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.DoesNotContain("SV-5120", await BadgesAsync("Status=Expired&Component=FAM"));
        Assert.Contains("SV-5120", await BadgesAsync("Status=Active&Component=FAM"));
        Assert.DoesNotContain("SV-5120", await BadgesAsync("Status=Expired"));
    }

    [Fact]
    public async Task Should_list_certified_officers_without_a_class_this_school_year()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        async Task<List<string>> NotTeachingAsync() => (await browser.GetDocumentAsync("/Instructors?teaching=NotTeaching"))
            .QuerySelectorAll("#instructors tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        // SV-6001 is certified for Elementary and teaches no class at all; a class of this school year takes them off the list.
        var before = await NotTeachingAsync();
        Assert.Contains("SV-6001", before);
        await app.NewClassAsync("SV-10101", "ELEM", "5", "NT", officerBadge: "SV-6001");
        Assert.Equal(before.Where(b => b != "SV-6001"), await NotTeachingAsync());
        // The manager's start page counts the same officers.
        var reach = await browser.GetDocumentAsync("/Reach");
        Assert.StartsWith($"{before.Count - 1} ", reach.QuerySelector("[data-stat=not-teaching]")!.TextContent.Trim());
    }
}
