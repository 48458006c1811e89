using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Families;

/// <summary>Families groups and their households through the real pages: the group form, enrolment by hand and by CSV, linking a youth, scope.</summary>
public class HouseholdTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    /// <summary>A new Families group at the coordinator's first school, made through the class form.</summary>
    private async Task<(HttpClient Coordinator, int GroupId)> NewGroupAsync(string name)
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        var created = await coordinator.SubmitAsync($"/Classes/Edit?schoolId={school}", new Dictionary<string, string>
        {
            ["Input.SchoolId"] = school.ToString(), ["Input.ComponentCode"] = "FAM", ["Input.Grade"] = "", ["Input.Section"] = name, ["Input.InstructorId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (coordinator, await app.QueryAsync(db => db.Classes.Where(c => c.Section == name).Select(c => c.Id).SingleAsync()));
    }

    private static Dictionary<string, string> Household(string label, params (string Given, string Family, string Role)[] members)
    {
        var values = new Dictionary<string, string> { ["Input.Label"] = label };
        for (var i = 0; i < 6; i++)
        {
            var (given, family, role) = i < members.Length ? members[i] : ("", "", "");
            values[$"Input.Members[{i}].GivenName"] = given;
            values[$"Input.Members[{i}].FamilyName"] = family;
            values[$"Input.Members[{i}].Role"] = role;
        }
        return values;
    }

    private Task<int> PeopleAsync() => app.QueryAsync(async db => await db.Households.CountAsync() + await db.Enrollments.CountAsync() + await db.Students.CountAsync());

    [Fact]
    public async Task Should_refuse_an_uncertified_facilitator_and_each_bad_household_with_a_message_writing_nothing()
    {
        var (coordinator, group) = await NewGroupAsync("Familias del jueves");
        // Carlos teaches Elementary and Middle School, not Families: the group form refuses him as facilitator.
        var carlos = await app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == "SV-4471").Select(i => i.Id).SingleAsync());
        var refusedOfficer = await coordinator.SubmitAsync($"/Classes/AssignInstructor/{group}", new Dictionary<string, string> { ["InstructorId"] = carlos.ToString() });
        Assert.Equal(HttpStatusCode.OK, refusedOfficer.StatusCode);
        Assert.Contains("no está certificado", (await Forms.ParseAsync(refusedOfficer)).Body!.TextContent);
        Assert.Null(await app.QueryAsync(db => db.Classes.Where(c => c.Id == group).Select(c => c.InstructorId).SingleAsync()));

        var url = $"/Classes/Households/{group}";
        // The household rule in words, each count with its noun in the singular or plural it takes.
        Assert.Equal("Completaron: Al menos 5 de 6 sesiones, incluida la última, cada una con al menos 1 adulto y 1 joven del hogar.",
            (await coordinator.GetDocumentAsync(url)).QuerySelector("#household-rule")!.TextContent);
        var before = await PeopleAsync();
        async Task<string> Refused(Dictionary<string, string> values)
        {
            var response = await coordinator.SubmitAsync(url, values, "form#add-household");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Forms.ParseAsync(response)).QuerySelector("#add-household [role=alert]")!.TextContent;
        }
        Assert.Contains("al menos una persona adulta", await Refused(Household("G-1", ("Luis", "García", "Youth"))));
        Assert.Contains("al menos un joven", await Refused(Household("G-1", ("Rosa", "García", "Adult"))));
        Assert.Contains("Escriba una etiqueta", await Refused(Household(" ", ("Rosa", "García", "Adult"), ("Luis", "García", "Youth"))));
        Assert.Contains("rosa G. aparece dos veces en este hogar.", await Refused(Household("G-1", ("Rosa", "García", "Adult"), ("rosa", "g", "Adult"), ("Luis", "García", "Youth"))));
        Assert.Contains("Elija adulto o joven", await Refused(Household("G-1", ("Rosa", "García", ""), ("Luis", "García", "Youth"))));
        Assert.Equal(before, await PeopleAsync());

        var enrolled = await coordinator.SubmitAsync(url, Household("G-1", ("Rosa", "García", "Adult"), ("Luis", "García", "Youth"), ("Ana", "García", "Youth")), "form#add-household");
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var household = await app.QueryAsync(db => db.Households.Include(h => h.Members).ThenInclude(m => m.Student).SingleAsync(h => h.ClassId == group));
        Assert.Equal([("Rosa", "G", MemberRole.Adult), ("Luis", "G", MemberRole.Youth), ("Ana", "G", MemberRole.Youth)],
            household.Members.OrderBy(m => m.Id).Select(m => (m.Student.GivenName, m.Student.FamilyInitial, m.Role!.Value)));
        // The same name and initial in a second household (Rosa Gómez is not Rosa García, but both are "Rosa G."): refused,
        // saying who is where already and how to tell another person apart. The same label again: refused.
        var twice = await Refused(Household("G-2", ("Rosa", "Gómez", "Adult"), ("Pedro", "Gómez", "Youth")));
        Assert.Contains("Rosa G. ya es miembro del hogar G-1. Si es otra persona, agregue al nombre algo que las distinga (por ejemplo, «Rosa 2»)", twice);
        Assert.Equal(before + 4 + 3, await PeopleAsync());
        var apart = await coordinator.SubmitAsync(url, Household("G-2", ("Rosa 2", "Gómez", "Adult"), ("Pedro", "Gómez", "Youth")), "form#add-household");
        Assert.Equal(HttpStatusCode.Redirect, apart.StatusCode);
        Assert.Contains("Otro hogar de este grupo tiene esta etiqueta", await Refused(Household("g-1", ("Marta", "López", "Adult"), ("Pedro", "López", "Youth"))));
        var page = await coordinator.GetDocumentAsync(url);
        // No session yet: the household can still complete (5 of 6 with the last), so it is on track.
        Assert.Equal("OnTrack", page.QuerySelector($"#households tr[data-household-id='{household.Id}']")!.GetAttribute("data-status"));

        // Scope: another region's manager, and an officer, get nothing; a classroom class has no households page.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(DemoAccounts.ManagerHn)).GetAsync(url)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.SignedInAsync(DemoAccounts.Instructor)).GetAsync(url)).StatusCode);
        var classroom = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.ComponentCode == "ELEM").Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Classes/Households/{classroom}")).StatusCode);
        var honduranGroup = await app.QueryAsync(db => db.Classes.Where(c => c.School.Region.CountryCode == "HN" && c.ComponentCode == "FAM").Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Classes/Households/{honduranGroup}")).StatusCode);
    }

    [Theory]
    [InlineData("es", "Ya no puede completar")]
    [InlineData("en", "Can no longer complete")]
    public async Task Should_not_say_a_household_that_joined_late_did_not_complete_while_the_group_goes_on(string language, string status)
    {
        // A group two sessions in: a household joining now can no longer reach 5 of 6 — but the group is not over.
        var group = await app.NewClassAsync("SV-10101", "FAM", "", "Tarde " + language, officerBadge: "SV-3981", startedDaysAgo: 10);
        await app.RecordLessonsAsync(group, 2, present: false);
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator, language);
        var url = $"/Classes/Households/{group}?culture={language}";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(url, Household("T-1", ("Marta", "Ortiz", "Adult"), ("Iván", "Ortiz", "Youth")), "form#add-household")).StatusCode);
        var row = (await coordinator.GetDocumentAsync(url)).QuerySelector("#households tbody tr")!;
        Assert.Equal("NotCompleted", row.GetAttribute("data-status"));
        Assert.Contains(status, row.TextContent);
    }

    [Theory]
    [InlineData("es", "plantilla-hogares.csv", "hogar,nombre,apellido,rol")]
    [InlineData("en", "households-template.csv", "household,given_name,family_name,role")]
    public async Task Should_offer_the_households_template_in_the_coordinators_language_and_import_it_as_downloaded(string culture, string name, string header)
    {
        var (coordinator, group) = await NewGroupAsync("Plantilla " + culture);
        var response = await coordinator.GetAsync($"/Classes/Households/{group}?handler=Template&culture={culture}");
        Assert.Equal(name, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var template = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith(header, System.Text.Encoding.UTF8.GetString(template).TrimStart('\uFEFF'));
        var uploaded = await coordinator.UploadAsync($"/Classes/Households/{group}?culture={culture}", name, template);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await coordinator.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Null(preview.QuerySelector("#import-errors"));
        Assert.NotNull(preview.QuerySelector("form#confirm-import"));
    }

    public static TheoryData<string, string, int[]> BadFiles => new()
    {
        { "bad role and missing name", "household,given_name,family_name,role\nG-1,Rosa,García,adult\nG-1,Luis,García,hijo\nM-2,,Martínez,adult\nM-2,Mario,Martínez,youth\n", [3, 4] },
        { "household without youth", "household,given_name,family_name,role\nG-1,Rosa,García,adult\nG-1,Luis,García,youth\nM-2,Ana,Martínez,adult\nM-2,José,Martínez,adult\n", [4] },
        { "member in two households", "hogar,nombre,apellido,rol\nG-1,Rosa,García,adulto\nG-1,Luis,García,joven\nM-2,Ana,Martínez,adulto\nM-2,Luis,García,joven\n", [4] },
        { "missing column", "household,given_name,family_name\nG-1,Rosa,García\n", [1] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Should_import_nothing_from_a_file_with_any_bad_row_and_list_every_bad_row_with_its_line(string name, string csv, int[] lines)
    {
        var (coordinator, group) = await NewGroupAsync($"CSV {name.Length}");
        var before = await PeopleAsync();
        var response = await coordinator.UploadAsync($"/Classes/Households/{group}", "hogares.csv", Uploads.Utf8(csv));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal(lines, page.QuerySelectorAll("#import-errors li").Select(li => int.Parse(li.GetAttribute("data-line")!)));
        Assert.Null(page.QuerySelector("#confirm-import"));
        Assert.Equal(before, await PeopleAsync());
    }

    [Fact]
    public async Task Should_import_households_after_a_preview_and_link_a_youth_only_to_the_student_the_coordinator_picks()
    {
        var (coordinator, group) = await NewGroupAsync("Familias importadas");
        var csv = "Household,Given name,Family name,Role\r\nG-1,Rosa,García,adult\r\nG-1,Daniela,García,youth\r\nM-2,Ana,Martínez,Adulto\r\nM-2,Mario,Martínez,joven\r\nM-2,Eva,Martínez,joven\r\n";
        var uploaded = await coordinator.UploadAsync($"/Classes/Households/{group}", "hogares.csv", Uploads.Utf8(csv, bom: true));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await coordinator.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal(["G-1", "M-2"], preview.QuerySelectorAll("#import-preview li[data-household]").Select(li => li.GetAttribute("data-household")!));
        Assert.Equal(0, await app.QueryAsync(db => db.Households.CountAsync(h => h.ClassId == group))); // a preview writes nothing
        var confirmed = await coordinator.SubmitAsync(uploaded.Headers.Location!.OriginalString, [], "form#confirm-import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal((2, 5), await app.QueryAsync(async db => (await db.Households.CountAsync(h => h.ClassId == group), await db.Enrollments.CountAsync(e => e.ClassId == group))));

        // Daniela N. is a student of 5 A at this school; the youth Daniela G. is not linked by name: the coordinator picks.
        var youth = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == group && e.Student.GivenName == "Daniela").Select(e => new { e.Id, e.StudentId }).SingleAsync());
        var linkPage = await coordinator.GetDocumentAsync($"/Classes/LinkYouth/{youth.Id}");
        var match = linkPage.QuerySelector("#matches tr[data-student-id]")!;
        var student = int.Parse(match.GetAttribute("data-student-id")!);
        Assert.Contains("Daniela", match.TextContent);
        Assert.False(await app.QueryAsync(db => db.Enrollments.AnyAsync(e => e.Id == youth.Id && e.IsLinked)));
        var linked = await coordinator.SubmitAsync($"/Classes/LinkYouth/{youth.Id}", new Dictionary<string, string> { ["studentId"] = student.ToString() },
            $"#matches tr[data-student-id='{student}'] form");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal((student, true), await app.QueryAsync(db => db.Enrollments.Where(e => e.Id == youth.Id).Select(e => new ValueTuple<int, bool>(e.StudentId, e.IsLinked)).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.Students.AnyAsync(s => s.Id == youth.StudentId))); // the record made for the youth is gone

        // An adult is never linked; a student of another region is not offered (404).
        var adult = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == group && e.Role == MemberRole.Adult).Select(e => e.Id).FirstAsync());
        var refused = await coordinator.SubmitAsync($"/Classes/LinkYouth/{adult}?q=Daniela", new Dictionary<string, string> { ["studentId"] = student.ToString() }, "#matches form");
        Assert.Contains("Solo un joven puede vincularse", (await Forms.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        var honduran = await app.QueryAsync(db => db.Enrollments.Where(e => e.Class.School.Region.CountryCode == "HN" && e.HouseholdId == null).Select(e => e.StudentId).FirstAsync());
        var mario = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == group && e.Student.GivenName == "Mario").Select(e => e.Id).SingleAsync());
        var crafted = await coordinator.SubmitAsync($"/Classes/LinkYouth/{mario}?q=Daniela", new Dictionary<string, string> { ["studentId"] = honduran.ToString() }, "#matches form");
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
    }
}
