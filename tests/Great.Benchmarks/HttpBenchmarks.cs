using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace Great.Benchmarks;

/// <summary>Scenarios that go through Kestrel on loopback, as a phone or a browser would.</summary>
public static class HttpBenchmarks
{
    /// <summary>
    /// Record-lesson posts (25 students, two absent), the officers <paramref name="who"/> at once, each on its own classes.
    /// A warm-up round (one post per officer) is not counted. Success = the redirect to the class page. With several
    /// app nodes, officer i posts to node i mod n (as a load balancer would spread them).
    /// </summary>
    public static async Task<LoadResult> RecordLessonsAsync(IReadOnlyList<string> nodes, Cast cast, IReadOnlyList<RecordingOfficer> who, int perClient)
    {
        var clients = who.Count;
        var officers = await Task.WhenAll(who.Select(async (o, i) =>
        {
            var browser = await Browser.SignInAsync(nodes[i % nodes.Count], o.Email, Cast.Password, cast.Culture);
            await browser.DocumentAsync($"/Lessons/Record/{o.Classes[0].ClassId}");
            return (Officer: o, Browser: browser);
        }));
        await Load.RunAsync(clients, 1, (client, _) => PostNext(officers[client].Browser, officers[client].Officer, cast.Today));
        var result = await Load.RunAsync(clients, perClient, (client, _) => PostNext(officers[client].Browser, officers[client].Officer, cast.Today));
        foreach (var (_, browser) in officers) browser.Dispose();
        return result;
    }

    /// <summary>Records the next lesson of the officer's next class with lessons left; null when none is left.</summary>
    public static Task<bool>? PostNext(Browser browser, RecordingOfficer officer, DateOnly today)
    {
        var target = officer.Classes.OrderByDescending(c => c.LessonsLeft.Count).FirstOrDefault(c => c.LessonsLeft.Count > 0);
        return target is null ? null : PostLessonAsync(browser, target, target.LessonsLeft.Dequeue(), today);
    }

    private static async Task<bool> PostLessonAsync(Browser browser, RecordingClass target, int lesson, DateOnly today)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("LessonNumber", lesson.ToString(CultureInfo.InvariantCulture)),
            new("TaughtOn", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("__Invariant", "TaughtOn"),
            new("Notes", ""),
            // Dosage as the form sends it: minutes and the activities done (every lesson has at least three).
            new("MinutesTaught", "45"), new("Activities", "1"), new("Activities", "2"), new("Activities", "3"),
        };
        // Everyone present but two: the marks a real post carries for a class of 25.
        fields.AddRange(target.EnrollmentIds.Skip(2).Select(e => new KeyValuePair<string, string>("Present", e.ToString(CultureInfo.InvariantCulture))));
        using var response = await browser.PostAsync($"/Lessons/Record/{target.ClassId}", fields);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Classes/Details/");
    }

    /// <summary>GETs of <paramref name="urls"/> (taken in turn) by <paramref name="clients"/> signed-in browsers at once, after a warm-up.</summary>
    public static async Task<LoadResult> PagesAsync(string baseUrl, string email, string culture, IReadOnlyList<string> urls, int clients, int perClient)
    {
        var browsers = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Browser.SignInAsync(baseUrl, email, Cast.Password, culture)));
        Task<bool> Get(int client, int n) => GetOkAsync(browsers[client], urls[(client * perClient + n) % urls.Count]);
        await Load.RunAsync(clients, 5, Get);
        var result = await Load.RunAsync(clients, perClient, Get);
        foreach (var browser in browsers) browser.Dispose();
        return result;
    }

    public static async Task<bool> GetOkAsync(Browser browser, string url)
    {
        using var response = await browser.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// Plain CSV of <paramref name="rows"/> new students into one class: upload (checks the file), preview page,
    /// confirm (writes everything in one transaction). Times each step; all three make the import.
    /// </summary>
    public static async Task<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)> CsvImportAsync(string baseUrl, Cast cast, int classId, int rows, string prefix)
    {
        using var browser = await Browser.SignInAsync(baseUrl, cast.CoordinatorEmail, Cast.Password, cast.Culture);
        var csv = new StringBuilder("given_name,family_name,student_id\r\n");
        for (var i = 1; i <= rows; i++) csv.Append(CultureInfo.InvariantCulture, $"Importado{i},Apellido{i % 97},{prefix}-{i:D6}\r\n");
        return await ImportAsync(browser, $"/Classes/Import/{classId}", "roster.csv", Encoding.UTF8.GetBytes(csv.ToString()), null);
    }

    /// <summary>A OneRoster 1.1 zip of the school: <paramref name="rows"/> students in new classes, mapped as the page proposes.</summary>
    public static async Task<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)> OneRosterImportAsync(string baseUrl, Cast cast, string schoolCode, int rows,
        int classes, string prefix)
    {
        using var browser = await Browser.SignInAsync(baseUrl, cast.CoordinatorEmail, Cast.Password, cast.Culture);
        var files = new Dictionary<string, StringBuilder>
        {
            ["manifest.csv"] = new("propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.academicSessions,bulk\r\nfile.classes,bulk\r\n" +
                "file.courses,bulk\r\nfile.enrollments,bulk\r\nfile.orgs,bulk\r\nfile.users,bulk\r\n"),
            ["orgs.csv"] = new($"sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg-1,,,Benchmark school,school,{schoolCode},\r\n"),
            ["academicSessions.csv"] = new("sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\r\n" +
                $"term-1,,,{cast.Today.Year},schoolYear,{cast.Today.Year}-01-15,{cast.Today.Year}-11-30,,{cast.Today.Year}\r\n"),
            ["courses.csv"] = new("sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\r\ncrs-1,,,term-1,Orientación,OR,05,org-1,,\r\n"),
            ["classes.csv"] = new("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\n"),
            ["users.csv"] = new("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n"),
            ["enrollments.csv"] = new("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n"),
        };
        for (var c = 1; c <= classes; c++)
            files["classes.csv"].Append(CultureInfo.InvariantCulture, $"{prefix}-cls-{c},,,Sección {c},{(c % 2 == 0 ? "06" : "05")},crs-1,{prefix}-{c},homeroom,,org-1,term-1,,,\r\n");
        for (var i = 1; i <= rows; i++)
        {
            files["users.csv"].Append(CultureInfo.InvariantCulture, $"{prefix}-u-{i},,,true,org-1,student,user{i},,Alumno{i},Familia{i % 89},,{prefix}-{i:D6},,,,,05,\r\n");
            files["enrollments.csv"].Append(CultureInfo.InvariantCulture, $"{prefix}-e-{i},,,{prefix}-cls-{i % classes + 1},org-1,{prefix}-u-{i},student,false,{cast.Today.Year}-02-01,\r\n");
        }
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                await using var entry = archive.CreateEntry(name).Open();
                await entry.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));
            }
        }
        return await ImportAsync(browser, $"/Schools/ImportOneRoster/{cast.ImportSchoolId}", "oneroster.zip", zip.ToArray(), "button[formaction*=Confirm]");
    }

    private static async Task<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)> ImportAsync(Browser browser, string pageUrl, string fileName, byte[] content, string? confirmButton)
    {
        var form = await browser.DocumentAsync(pageUrl);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var uploaded = await browser.UploadAsync(form, fileName, content);
        if (uploaded.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"{fileName} was refused: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}"[..600]);
        var upload = clock.Elapsed;
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        clock.Restart();
        var page = await browser.DocumentAsync(previewUrl);
        var preview = clock.Elapsed;
        clock.Restart();
        using var confirmed = await browser.SubmitAsync(page, "form#confirm-import", [], confirmButton);
        if (confirmed.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Confirming {fileName}: {(int)confirmed.StatusCode}");
        return (upload, preview, clock.Elapsed);
    }
}
