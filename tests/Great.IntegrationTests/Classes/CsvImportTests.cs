using System.Net;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Classes;

public class CsvImportTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private async Task<(HttpClient Browser, int ClassId)> CoordinatorWithClassAsync(string grade = "5", string section = "B")
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var id = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == grade && c.Section == section)
            .Select(c => c.Id).SingleAsync());
        return (browser, id);
    }

    private static async Task<List<(string File, int Line)>> ErrorsOf(HttpResponseMessage response)
    {
        var page = await Forms.ParseAsync(response);
        return page.QuerySelectorAll("#import-errors li").Select(li => (li.GetAttribute("data-file")!, int.Parse(li.GetAttribute("data-line")!))).ToList();
    }

    public static TheoryData<string, byte[], int[]> BadFiles => new()
    {
        { "missing field", Uploads.Utf8("given_name,family_name,student_id\nAna,Pérez,1\n,Cruz,2\nLuis,López,3\n"), [3] },
        { "two bad rows", Uploads.Utf8("given_name,family_name,student_id\n,Pérez,1\nBeto,Cruz,2\nLuis,,3\n"), [2, 4] },
        { "duplicate student", Uploads.Utf8("given_name,family_name,student_id\nAna,Pérez,A1\nBeto,Cruz,A2\nAnita,Pérez,A1\n"), [4] },
        { "wrong delimiter", Uploads.Utf8("given_name;family_name;student_id\nAna;Pérez;1\n"), [1] },
        { "bad encoding", [.. Encoding.UTF8.GetBytes("given_name,family_name\nAna,Perez\nJos"), 0xE9, .. Encoding.UTF8.GetBytes(",Mu\n")], [3] },
        { "short row", Uploads.Utf8("given_name,family_name,student_id\nAna,Pérez,1\nBeto,Cruz\n"), [3] },
        { "missing column", Uploads.Utf8("name,student_id\nAna,1\n"), [1] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Should_list_every_bad_row_with_its_line_and_write_nothing(string _, byte[] file, int[] lines)
    {
        var (browser, classId) = await CoordinatorWithClassAsync();
        var before = await app.RowCountAsync();
        var response = await browser.UploadAsync($"/Classes/Import/{classId}", "roster.csv", file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await ErrorsOf(response);
        Assert.Equal(lines, errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal("roster.csv", e.File));
        Assert.Equal(before, await app.RowCountAsync());
    }

    [Fact]
    public async Task Should_refuse_a_file_over_10_MB_with_a_clear_message()
    {
        var (browser, classId) = await CoordinatorWithClassAsync();
        var header = "given_name,family_name\n"u8.ToArray();
        var big = new byte[10 * 1024 * 1024 + 1];
        header.CopyTo(big, 0);
        Array.Fill(big, (byte)'a', header.Length, big.Length - header.Length);
        var response = await browser.UploadAsync($"/Classes/Import/{classId}", "huge.csv", big);
        Assert.Contains("más de 10 MB", (await Forms.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
    }

    [Fact]
    public async Task Should_preview_then_import_accented_names_and_change_nothing_on_a_second_import()
    {
        var (browser, classId) = await CoordinatorWithClassAsync("5", "B");
        // The class's students before the import: none is in the file, so each is withdrawn by this full roster.
        var enrolled = await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId && e.WithdrawnOn == null));
        Assert.True(enrolled > 1);
        var file = Uploads.Utf8("Given_Name,FAMILY NAME,Student_ID,Birth_Date\r\n\"Güeña, María\",Muñoz,SV-9001,2015-03-02\r\nJosé,Pérez,SV-9002,2015-05-01\r\nÑandú,Úbeda,SV-9003,2015-07-09\r\n\r\n", bom: true);

        var uploaded = await browser.UploadAsync($"/Classes/Import/{classId}", "sis-export.csv", file);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await browser.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal("3", preview.QuerySelector("[data-kind=NewStudent] .count")!.TextContent);
        Assert.Equal(enrolled.ToString(), preview.QuerySelector("[data-kind=Withdrawn] .count")!.TextContent);
        Assert.Contains("Birth_Date", preview.QuerySelector("#ignored-columns")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.LocalId == "SV-9001")));

        var confirmed = await browser.SubmitAsync(uploaded.Headers.Location!.OriginalString, [], "form#confirm-import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var roster = await browser.GetDocumentAsync($"/Classes/Roster/{classId}");
        // What it did, each count in its plural form, the kinds with none left out.
        Assert.Equal($"Importado: 3 estudiantes nuevos, {enrolled} retirados.", roster.QuerySelector(".alert-success")!.TextContent);
        var names = roster.QuerySelectorAll("#roster tbody tr:not(.text-muted) td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(["Güeña, María M.", "José P.", "Ñandú Ú."], names);
        Assert.Equal(0, await app.QueryAsync(db => db.PendingImports.CountAsync()));
        Assert.Null(await app.QueryAsync(db => db.Students.Where(s => s.LocalId == "SV-9001").Select(s => s.SourcedId).SingleAsync()));

        // The trail: one entry for the import (who, which file, what it did), none per added row, one per withdrawal.
        var import = Assert.Single(await app.QueryAsync(db => db.RosterImports.Where(i => i.ClassId == classId).ToListAsync()));
        Assert.Equal("sis-export.csv", import.FileName);
        Assert.Contains("\"NewStudent\":3", import.Changes);
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == "RosterImport" && a.EntityId == import.Id.ToString()));
        Assert.Equal((DemoAccounts.Coordinator, "Added"), (entry.UserName, entry.Action));
        Assert.Contains("sis-export.csv", entry.After);
        var newIds = await app.QueryAsync(db => db.Students.Where(s => s.LocalId!.StartsWith("SV-900")).Select(s => s.Id.ToString()).ToListAsync());
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "Student" && newIds.Contains(a.EntityId))));
        var withdrawn = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId && e.WithdrawnOn != null).Select(e => e.Id.ToString()).ToListAsync());
        Assert.Equal(enrolled, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "Enrollment" && a.Action == "Modified" && withdrawn.Contains(a.EntityId))));

        var before = await app.RowCountAsync();
        var again = await browser.UploadAsync($"/Classes/Import/{classId}", "sis-export.csv", file);
        var secondPreview = await browser.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Equal("3", secondPreview.QuerySelector("[data-kind=Unchanged] .count")!.TextContent);
        await browser.SubmitAsync(again.Headers.Location!.OriginalString, [], "form#confirm-import");
        Assert.Equal(before, await app.RowCountAsync());
    }

    [Fact]
    public async Task Should_offer_a_template_with_the_documented_columns()
    {
        var (browser, classId) = await CoordinatorWithClassAsync();
        var response = await browser.GetAsync($"/Classes/Import/{classId}?handler=Template&culture=en");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("given_name,family_name,student_id", text);
    }

    [Fact]
    public async Task Should_offer_the_template_in_spanish_and_import_it_as_filled_in()
    {
        var (browser, classId) = await CoordinatorWithClassAsync("5", "A");
        var response = await browser.GetAsync($"/Classes/Import/{classId}?handler=Template");
        Assert.Equal("plantilla-lista.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var template = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("nombre,apellido,codigo,consentimiento_participar", Encoding.UTF8.GetString(template).TrimStart('\uFEFF'));

        // The template as downloaded is a file the importer reads: two new students, their guardians' answers kept.
        var uploaded = await browser.UploadAsync($"/Classes/Import/{classId}", "plantilla-lista.csv", template);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await browser.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal("2", preview.QuerySelector("[data-kind=NewStudent] .count")!.TextContent);
        Assert.Null(preview.QuerySelector("#ignored-columns"));
    }

    [Fact]
    public async Task Should_not_let_a_coordinator_see_or_import_into_another_schools_class()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var other = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10201" && c.Grade == "6").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/Import/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/Roster/{other}")).StatusCode);

        var own = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "5" && c.Section == "A").Select(c => c.Id).SingleAsync());
        var token = (await browser.GetDocumentAsync($"/Classes/Roster/{own}")).QuerySelector("form#add-student input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await app.RowCountAsync();
        var crafted = await browser.PostAsync($"/Classes/Roster/{other}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Intruso", ["Input.FamilyName"] = "X", ["Input.LocalId"] = "", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        var upload = await browser.UploadAsync($"/Classes/Import/{own}", "x.csv", Uploads.Utf8("given_name,family_name\nAna,Cruz\n"));
        var stolen = upload.Headers.Location!.OriginalString.Replace($"/Classes/Import/{own}", $"/Classes/Import/{other}");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(stolen)).StatusCode);
        Assert.Equal(before + 1, await app.RowCountAsync()); // only the pending upload of the own class
    }

    [Theory]
    [InlineData("en", "Nothing was imported.", "Choose a CSV file.")]
    [InlineData("es", "No se importó nada.", "Elija un archivo CSV.")]
    public async Task Should_say_that_no_file_was_chosen_without_talking_of_rows(string language, string heading, string message)
    {
        var (browser, classId) = await CoordinatorWithClassAsync();
        var before = await app.RowCountAsync();
        // The upload form sent with no file, in the language asked for (?culture=, the account's own stays).
        var form = (await browser.GetDocumentAsync($"/Classes/Import/{classId}?culture={language}")).QuerySelector("form#upload")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await browser.PostAsync(form.GetAttribute("action") + $"&culture={language}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Forms.ParseAsync(response)).QuerySelector("#import-errors")!;
        Assert.Equal(heading, errors.QuerySelector("p")!.TextContent.Trim());
        Assert.Equal(message, errors.QuerySelector("li")!.TextContent.Trim()); // no file name, no stray colon
        Assert.Equal(before, await app.RowCountAsync());
    }

    [Fact]
    public async Task Should_say_what_an_import_did_with_one_student_in_the_singular()
    {
        var (browser, classId) = await CoordinatorWithClassAsync("6", "B");
        var uploaded = await browser.UploadAsync($"/Classes/Import/{classId}", "one.csv", Uploads.Utf8("given_name,family_name,student_id\nÚrsula,Ramos,SV-9501\n"));
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        var confirmed = await browser.SubmitAsync(previewUrl, [new("withdraw", "false")], "form#confirm-import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var roster = await browser.GetDocumentAsync($"/Classes/Roster/{classId}?culture=es");
        Assert.StartsWith("Importado: 1 estudiante nuevo", roster.QuerySelector(".alert-success")!.TextContent);
    }
}
