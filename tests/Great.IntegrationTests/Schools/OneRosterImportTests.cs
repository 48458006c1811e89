using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Schools;

public class OneRosterImportTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private const string Manifest = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.academicSessions,bulk\r\nfile.categories,absent\r\n" +
        "file.classes,bulk\r\nfile.classResources,absent\r\nfile.courses,bulk\r\nfile.courseResources,absent\r\nfile.demographics,bulk\r\nfile.enrollments,bulk\r\n" +
        "file.lineItems,absent\r\nfile.orgs,bulk\r\nfile.resources,absent\r\nfile.results,absent\r\nfile.users,bulk\r\n";

    private const string Orgs = "SourcedId,Status,DateLastModified,Name,Type,Identifier,ParentSourcedId\r\n" +
        "org-d1,,,Distrito San Salvador,district,D-01,\r\norg-s1,,,Centro Escolar República de Colombia,school,SV-10101,org-d1\r\n" +
        "org-s2,,,Otra Escuela,school,SV-99999,org-d1\r\n";

    private const string Classes = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\n" +
        "cls-1,,,\"Orientación, 5.º A\",05,crs-1,5A-OR,homeroom,Aula 3,org-s1,term-1,,,\r\n" +
        "cls-2,,,\"Orientación, 6.º B\",06,crs-2,6B-OR,scheduled,Aula 5,org-s1,term-1,,,\r\n" +
        "cls-3,,,Other school class,05,crs-1,X,homeroom,,org-s2,term-1,,,\r\n";

    private const string Users = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n" +
        "u-1,,,true,org-s1,student,mmunoz,,María José,Muñoz,,E-1001,mj@example.org,,,,\"05\",secret\r\n" +
        "u-2,,,true,org-s1,student,jperez,,José,Pérez,,E-1002,,,,,05,\r\n" +
        "u-3,,,true,org-s1,student,lguena,,Lucía,Güeña,,E-1003,,,,,06,\r\n" +
        "u-4,,,true,org-s1,teacher,tchr,,Marta,Guevara,,T-1,,,,,,\r\n" +
        "u-5,,,true,org-s2,student,other,,Otro,Alumno,,E-9,,,,,05,\r\n";

    private const string Enrollments = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n" +
        "e-1,,,cls-1,org-s1,u-1,student,false,2026-02-01,\r\ne-2,,,cls-1,org-s1,u-2,student,false,2026-02-01,\r\n" +
        "e-3,,,cls-2,org-s1,u-3,student,false,2026-02-01,\r\ne-4,,,cls-1,org-s1,u-4,teacher,true,2026-02-01,\r\n" +
        "e-5,,,cls-3,org-s2,u-5,student,false,2026-02-01,\r\n\r\n";

    private static byte[] Package(Func<string, string, string>? change = null)
    {
        var files = new Dictionary<string, string>
        {
            ["manifest.csv"] = Manifest, ["orgs.csv"] = Orgs, ["classes.csv"] = Classes, ["users.csv"] = Users, ["enrollments.csv"] = Enrollments,
            ["academicSessions.csv"] = "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\r\nterm-1,,,2026,schoolYear,2026-01-15,2026-11-30,,2026\r\n",
            ["courses.csv"] = "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\r\ncrs-1,,,term-1,Orientación,OR5,05,org-s1,,\r\n",
            ["demographics.csv"] = "sourcedId,status,dateLastModified,birthDate,sex\r\nu-1,,,2015-04-01,female\r\n",
        };
        return Uploads.Zip(files.ToDictionary(f => f.Key, f => Uploads.Utf8(change?.Invoke(f.Key, f.Value) ?? f.Value, bom: f.Key == "orgs.csv")));
    }

    private async Task<(HttpClient Browser, int SchoolId)> CoordinatorAsync()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        return (browser, await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync()));
    }

    [Fact]
    public async Task Should_import_a_oneroster_export_creating_the_mapped_classes_and_change_nothing_the_second_time()
    {
        var (browser, school) = await CoordinatorAsync();
        var uploaded = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export.zip", Package());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        var preview = await browser.GetDocumentAsync(previewUrl);
        Assert.Equal("2", preview.QuerySelector("[data-kind=NewClass] .count")!.TextContent);
        Assert.Equal("3", preview.QuerySelector("[data-kind=NewStudent] .count")!.TextContent);
        var ignored = preview.QuerySelector("#ignored-columns")!.TextContent;
        foreach (var column in new[] { "email", "phone", "password", "middleName", "demographics.csv" }) Assert.Contains(column, ignored);
        Assert.Equal(2, preview.QuerySelectorAll("#class-mapping tbody tr").Length); // the other school's class is not offered

        var confirmed = await browser.SubmitAsync(previewUrl, [], "form#confirm-import", submitButton: "button[formaction*=Confirm]");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var created = await app.QueryAsync(db => db.Classes.Where(c => c.SourcedId != null && c.School.Code == "SV-10101")
            .OrderBy(c => c.SourcedId).Select(c => new { c.Id, c.SourcedId, c.ComponentCode, c.Grade, c.Section, Students = c.Enrollments.Count }).ToListAsync());
        Assert.Equal(2, created.Count);
        // The class code 5A-OR of grade 5 is section A-OR: the class reads "5 A-OR", not "5 5A-OR".
        Assert.Equal(("cls-1", "ELEM", "5", "A-OR", 2), (created[0].SourcedId, created[0].ComponentCode, created[0].Grade, created[0].Section, created[0].Students));
        Assert.Equal(("cls-2", "MS", "6", "B-OR", 1), (created[1].SourcedId, created[1].ComponentCode, created[1].Grade, created[1].Section, created[1].Students));
        // The coordinator lands on the school with the two imported classes listed first.
        var landing = confirmed.Headers.Location!.OriginalString;
        Assert.StartsWith($"/Schools/Details/{school}?imported=", landing);
        var imported = (await browser.GetDocumentAsync(landing)).QuerySelectorAll("#imported-classes tbody tr").Select(r => r.GetAttribute("data-class-id")).ToList();
        Assert.Equal(created.Select(c => c.Id.ToString()).Order(), imported.Order());
        // Made as every class is: in El Salvador its workbooks and certificates are in Spanish.
        Assert.All(await app.QueryAsync(db => db.Classes.Where(c => c.SourcedId != null && c.School.Code == "SV-10101").Select(c => c.Language).ToListAsync()),
            language => Assert.Equal("es", language));
        var maria = await app.QueryAsync(db => db.Students.SingleAsync(s => s.SourcedId == "u-1"));
        Assert.Equal(("María José", "M", "E-1001"), (maria.GivenName, maria.FamilyInitial, maria.LocalId));
        Assert.False(await app.QueryAsync(db => db.Students.AnyAsync(s => s.SourcedId == "u-4" || s.SourcedId == "u-5")));

        var before = await app.RowCountAsync();
        var again = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export.zip", Package());
        var secondPreview = await browser.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Equal("3", secondPreview.QuerySelector("[data-kind=Unchanged] .count")!.TextContent);
        Assert.Equal("0", secondPreview.QuerySelector("[data-kind=NewClass] .count")!.TextContent);
        await browser.SubmitAsync(again.Headers.Location!.OriginalString, [], "form#confirm-import", submitButton: "button[formaction*=Confirm]");
        Assert.Equal(before, await app.RowCountAsync());
    }


    [Fact]
    public async Task Should_list_each_bad_line_of_each_file_and_write_nothing()
    {
        var (browser, school) = await CoordinatorAsync();
        var before = await app.RowCountAsync();
        var broken = Package((file, text) => file switch
        {
            "enrollments.csv" => text.Replace("e-2,,,cls-1,", "e-2,,,cls-9,"),
            "users.csv" => text.Replace("u-3,,,true,org-s1,student,", "u-3,,,true,org-s1,pupil,").Replace(",José,Pérez,", ",,Pérez,"),
            _ => text,
        });
        var response = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export.zip", broken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        var errors = page.QuerySelectorAll("#import-errors li").Select(li => $"{li.GetAttribute("data-file")}:{li.GetAttribute("data-line")}").ToList();
        Assert.Equal(["enrollments.csv:3", "users.csv:3", "users.csv:4"], errors);
        // Said in the coordinator's Spanish around the file's own column names and values.
        var text = page.QuerySelector("#import-errors")!.TextContent;
        Assert.Contains("La columna givenName está vacía.", text);
        Assert.Contains("En la columna role, «pupil» no es ninguno de estos valores", text);
        Assert.Equal(before, await app.RowCountAsync());
    }

    [Theory]
    [InlineData("not-a-zip", "No es un archivo zip")]
    [InlineData("no-manifest", "El zip no contiene manifest.csv")]
    [InlineData("no-users", "no lo contiene")]
    public async Task Should_refuse_a_package_that_is_not_a_oneroster_export(string kind, string message)
    {
        var (browser, school) = await CoordinatorAsync();
        var content = kind switch
        {
            "not-a-zip" => Uploads.Utf8("given_name,family_name\nAna,Cruz\n"),
            "no-manifest" => Uploads.Zip(new Dictionary<string, byte[]> { ["users.csv"] = Uploads.Utf8(Users) }),
            _ => Uploads.Zip(new Dictionary<string, byte[]> { ["manifest.csv"] = Uploads.Utf8(Manifest), ["orgs.csv"] = Uploads.Utf8(Orgs),
                ["classes.csv"] = Uploads.Utf8(Classes), ["enrollments.csv"] = Uploads.Utf8(Enrollments) }),
        };
        var response = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export.zip", content);
        Assert.Contains(message, (await Forms.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
    }

    // OneRoster 1.2: users.csv lost role and orgSourcedIds (roles are rows of roles.csv) and gained preferred names, pronouns…
    private static byte[] Package12(Func<string, string, string>? change = null)
    {
        var files = new Dictionary<string, string>
        {
            ["manifest.csv"] = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\nfile.orgs,bulk\r\nfile.classes,bulk\r\nfile.users,bulk\r\n" +
                "file.roles,bulk\r\nfile.enrollments,bulk\r\nfile.academicSessions,absent\r\nfile.courses,absent\r\n",
            ["orgs.csv"] = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg-s2,,,Segunda escuela,school,SV-10102,\r\n",
            ["classes.csv"] = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\n" +
                "c12-1,,,Orientación 6.º Q,06,crs-1,6Q,homeroom,,org-s2,term-1,,,\r\n",
            ["users.csv"] = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\r\n" +
                "v-1,,,true,rosa,,Rosa,Quintanilla,,E-2001,rosa@example.org,,,,06,,,Rosi,,,org-s2,ella\r\n" +
                "v-2,,,true,tomas,,Tomás,Zelaya,,E-2002,,,,,06,,,,,,org-s2,\r\n" +
                "v-3,,,true,prof,,Marta,Ruiz,,T-9,,,,,,,,,,,org-s2,\r\n",
            ["roles.csv"] = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\r\n" +
                "r-1,,,v-1,primary,student,,,org-s2,\r\nr-2,,,v-2,primary,student,,,org-s2,\r\nr-3,,,v-3,primary,teacher,,,org-s2,\r\n",
            ["enrollments.csv"] = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n" +
                "f-1,,,c12-1,org-s2,v-1,student,false,,\r\nf-2,,,c12-1,org-s2,v-2,student,false,,\r\nf-3,,,c12-1,org-s2,v-3,teacher,true,,\r\n",
        };
        return Uploads.Zip(files.ToDictionary(f => f.Key, f => Uploads.Utf8(change?.Invoke(f.Key, f.Value) ?? f.Value)));
    }

    [Fact]
    public async Task Should_import_a_oneroster_1_2_export_reading_students_from_roles_and_listing_the_new_columns_as_ignored()
    {
        var (browser, _) = await CoordinatorAsync();
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        var uploaded = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export12.zip", Package12());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        var preview = await browser.GetDocumentAsync(previewUrl);
        Assert.Equal("2", preview.QuerySelector("[data-kind=NewStudent] .count")!.TextContent); // the teacher is not a student
        var ignored = preview.QuerySelector("#ignored-columns")!.TextContent;
        foreach (var column in new[] { "preferredGivenName", "pronouns", "email", "primaryOrgSourcedId" }) Assert.Contains(column, ignored);
        await browser.SubmitAsync(previewUrl, [], "form#confirm-import", submitButton: "button[formaction*=Confirm]");
        var students = await app.QueryAsync(db => db.Enrollments.Where(e => e.Class.SourcedId == "c12-1").OrderBy(e => e.Student.SourcedId)
            .Select(e => e.Student.GivenName + " " + e.Student.FamilyInitial + " " + e.Student.LocalId).ToListAsync());
        Assert.Equal(["Rosa Q E-2001", "Tomás Z E-2002"], students);
    }

    [Fact]
    public async Task Should_list_each_bad_line_of_a_oneroster_1_2_export_and_write_nothing()
    {
        var (browser, _) = await CoordinatorAsync();
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        var before = await app.RowCountAsync();
        var broken = Package12((file, text) => file switch
        {
            "roles.csv" => text.Replace("r-2,,,v-2,primary,student,", "r-2,,,v-2,main,pupil,"),
            "users.csv" => text.Replace(",Tomás,Zelaya,", ",,Zelaya,"),
            _ => text,
        });
        var response = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export12.zip", broken);
        var page = await Forms.ParseAsync(response);
        var errors = page.QuerySelectorAll("#import-errors li").Select(li => $"{li.GetAttribute("data-file")}:{li.GetAttribute("data-line")}").Distinct().ToList();
        Assert.Equal(["roles.csv:3", "users.csv:3"], errors);
        Assert.Equal(before, await app.RowCountAsync());

        var wrongVersion = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export12.zip",
            Package12((file, text) => file == "manifest.csv" ? text.Replace("oneroster.version,1.2", "oneroster.version,1.3") : text));
        // In the coordinator's language (kept on the account).
        Assert.Contains("1.1 o 1.2", (await Forms.ParseAsync(wrongVersion)).QuerySelector("#import-errors")!.TextContent);
    }

    private static string ClassesWith(string rows) =>
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\n" + rows;

    private Task<int> ClassOfThisYearAsync(string schoolCode, string component, string grade, string section) => app.QueryAsync(async db =>
    {
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == schoolCode);
        var edition = app.Services.GetRequiredService<CurriculumCatalogue>().CurrentEdition(component)!.Edition;
        var schoolClass = SchoolClass.Create(school, component, edition, school.Region.SchoolYearOf(school.Region.Today(app.Time)), grade, section);
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        return schoolClass.Id;
    });

    [Theory]
    [InlineData("es", "Este archivo es la exportación de Otra Escuela (SV-99999), no de")]
    [InlineData("en", "This file is the export of Otra Escuela (SV-99999), not of")]
    public async Task Should_refuse_another_schools_export_naming_the_identifier_found_and_the_one_expected(string culture, string message)
    {
        var (browser, school) = await CoordinatorAsync();
        var before = await app.RowCountAsync();
        // orgs.csv holds one school only, and not this one: before, its students were imported here without a word.
        var otherSchool = Package((file, text) => file == "orgs.csv" ? text.Replace("org-s1,,,Centro Escolar República de Colombia,school,SV-10101,org-d1\r\n", "") : text);
        var uploaded = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}?culture={culture}", "export.zip", otherSchool);
        var preview = await browser.GetDocumentAsync(uploaded.Headers.Location!.OriginalString + $"&culture={culture}");
        var errors = preview.QuerySelector("#import-errors")!.TextContent;
        Assert.Contains(message, errors);
        Assert.Contains("SV-10101", errors);
        Assert.Null(preview.QuerySelector("form#confirm-import"));
        Assert.Equal(before, await app.RowCountAsync() - 1); // the upload waits, unapplied, for another try; nothing else was written
    }

    [Theory]
    [InlineData("es", "el archivo nombra esta escuela con el identificador 0614-123 y Great la conoce por SV-10101", "un administrador puede registrarlo")]
    [InlineData("en", "the file names this school by the identifier 0614-123, and Great knows it by SV-10101", "an administrator can record it")]
    public async Task Should_say_which_identifier_the_file_gives_the_school_and_who_can_record_it(string culture, string message, string who)
    {
        var (browser, school) = await CoordinatorAsync();
        // The school's system names the school by its own number.
        var ownNumber = Package((file, text) => file == "orgs.csv" ? text.Replace("Centro Escolar República de Colombia,school,SV-10101,", "Centro Escolar República de Colombia,school,0614-123,") : text);
        var uploaded = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}?culture={culture}", "export.zip", ownNumber);
        var errors = (await browser.GetDocumentAsync(uploaded.Headers.Location!.OriginalString + $"&culture={culture}")).QuerySelector("#import-errors")!.TextContent;
        Assert.Contains(message, errors);
        Assert.Contains(who, errors);
        // Said once: the school's name is not repeated to the coordinator who is at that school.
        Assert.DoesNotContain("Centro Escolar República de Colombia", errors);
    }

    [Fact]
    public async Task Should_suggest_the_schools_matching_class_instead_of_a_new_one_and_land_on_it()
    {
        var (browser, _) = await CoordinatorAsync();
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        var existing = await ClassOfThisYearAsync("SV-10102", "MS", "7", "B");
        var other = await ClassOfThisYearAsync("SV-10102", "MS", "7", "C");
        // The school's system calls the class "7-b": the same grade and section as Great's 7 B of this year.
        var package = Package12((file, text) => file switch
        {
            "classes.csv" => ClassesWith("c7-b,,,Orientación 7.º B,07,crs-1,7-b,homeroom,,org-s2,term-1,,,\r\n"),
            "enrollments.csv" => text.Replace("c12-1", "c7-b"),
            _ => text,
        });
        var uploaded = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export.zip", package);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        var preview = await browser.GetDocumentAsync(previewUrl);
        Assert.Equal(existing.ToString(), preview.QuerySelector("#class-mapping select option[selected]")!.GetAttribute("value"));
        Assert.Equal("0", preview.QuerySelector("[data-kind=NewClass] .count")!.TextContent);
        // Each class is offered once in the list.
        var offered = preview.QuerySelectorAll("#class-mapping select option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(offered.Count, offered.Distinct().Count());
        Assert.Contains(other.ToString(), offered);

        var confirmed = await browser.SubmitAsync(previewUrl, [], "form#confirm-import", submitButton: "button[formaction*=Confirm]");
        Assert.Equal($"/Classes/Details/{existing}", confirmed.Headers.Location!.OriginalString);
        var linked = await app.QueryAsync(db => db.Classes.Where(c => c.Id == existing).Select(c => new { c.SourcedId, Students = c.Enrollments.Count }).SingleAsync());
        Assert.Equal(("c7-b", 2), (linked.SourcedId, linked.Students));
        Assert.False(await app.QueryAsync(db => db.Classes.AnyAsync(c => c.SourcedId == "c7-b" && c.Id != existing)));
    }

    [Fact]
    public async Task Should_refuse_two_classes_of_the_file_linked_to_one_class_and_keep_the_mapping_to_correct()
    {
        var (browser, _) = await CoordinatorAsync();
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        var target = await ClassOfThisYearAsync("SV-10102", "MS", "8", "A");
        var package = Package12((file, text) => file switch
        {
            "classes.csv" => ClassesWith("c8-a,,,Orientación 8.º A,08,crs-1,8A,homeroom,,org-s2,term-1,,,\r\nc8-z,,,Orientación 8.º Z,08,crs-1,8Z,homeroom,,org-s2,term-1,,,\r\n"),
            "enrollments.csv" => text.Replace("f-1,,,c12-1", "f-1,,,c8-a").Replace("f-2,,,c12-1", "f-2,,,c8-z").Replace("c12-1", "c8-a"),
            _ => text,
        });
        var uploaded = await browser.UploadAsync($"/Schools/ImportOneRoster/{school}", "export.zip", package);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        await browser.GetDocumentAsync(previewUrl);
        var before = await app.RowCountAsync();
        var response = await browser.SubmitAsync(previewUrl, new Dictionary<string, string> { ["Mappings[0].Value"] = target.ToString(), ["Mappings[1].Value"] = target.ToString() },
            "form#confirm-import", submitButton: "button[formaction*=Preview]");
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Orientación 8.º Z está vinculada a 8 A", page.QuerySelector("#import-errors")!.TextContent);
        Assert.NotNull(page.QuerySelector("form#confirm-import #class-mapping"));
        Assert.Null(page.QuerySelector("button[formaction*=Confirm]"));
        Assert.Equal(before, await app.RowCountAsync());
        Assert.Null(await app.QueryAsync(db => db.Classes.Where(c => c.Id == target).Select(c => c.SourcedId).SingleAsync()));
    }
}
