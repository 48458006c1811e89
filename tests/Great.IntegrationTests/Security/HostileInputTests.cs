using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Security;

/// <summary>
/// Every form each role can reach (found by following the links of its pages), posted once per kind of hostile value
/// in every field a person types or chooses in. Whatever comes back: never a 500; a form shown again (200) changed
/// nothing in the database; a script never comes back unescaped. Query strings get the same values through the
/// pages' own filter forms. On SQLite and on PostgreSQL (whose column lengths SQLite does not enforce).
/// </summary>
public class HostileInputTests(GreatAppFactory app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<GreatAppFactory>
{
    private const string Script = "<script>alert('great')</script>";

    /// <summary>The kinds of value, each as the raw percent-encoded bytes a client could send.</summary>
    public static readonly IReadOnlyList<(string Kind, string Encoded)> Values =
    [
        ("10,000 characters", Encode(new string('Ñ', 10_000))),
        ("NUL", Encode("Ana\0Pérez")),
        ("lone surrogate", "%ED%A0%80x"), // U+D800 alone, as a careless client encodes it (invalid UTF-8)
        ("right-to-left override", Encode("\u202Etxt.exe")),
        ("script", Encode(Script)),
        ("SQL", Encode("'; DROP TABLE \"Students\"; --")),
        ("LIKE wildcards", Encode("%_%\\")),
        ("far date", Encode("9999-12-31")),
        ("first date", Encode("0001-01-01")),
        ("impossible date", Encode("2026-02-30")),
        ("negative", Encode("-2147483649")),
        ("huge", Encode("99999999999999999999999999")),
        ("float", Encode("1e308")),
    ];

    private static string Encode(string text) => Uri.EscapeDataString(text);

    // Forms that would end the test's own session or lock other tests out (a password reset among them); each is tested where it belongs.
    private static readonly string[] Skipped = ["/Account/Logout", "handler=Disable", "handler=ResetTwoFactor", "handler=ResetPassword", "/Account/Login"];

    public static TheoryData<string> Accounts => new() { DemoAccounts.Admin, DemoAccounts.ManagerSv, DemoAccounts.Coordinator, DemoAccounts.Instructor };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Should_never_fail_never_half_write_and_never_show_a_script_for_any_hostile_value_in_any_form(string email)
    {
        var browser = await app.SignedInAsync(email);
        var forms = await ReachableFormsAsync(browser);
        Assert.True(forms.Count >= 3, $"only {forms.Count} forms found for {email}");

        var failures = new List<string>();
        var posts = 0;
        foreach (var (page, index, shape) in forms)
        {
            foreach (var (kind, encoded) in Values)
            {
                // The form afresh each time: its token, and the state the last post left.
                var document = await TryGetAsync(browser, page);
                if (document?.QuerySelectorAll("form").ElementAtOrDefault(index) is not IHtmlFormElement form || ShapeOf(form) != shape) continue;
                var before = await FingerprintAsync();
                var (status, body) = await SendAsync(browser, page, form, encoded);
                posts++;
                var what = $"{email} {shape} with {kind}: {(int)status}";
                if ((int)status >= 500) failures.Add(what);
                if (status == HttpStatusCode.OK && await FingerprintAsync() != before) failures.Add(what + " shown again, but the database changed");
                if (body.Contains(Script, StringComparison.Ordinal)) failures.Add(what + " shows the script unescaped");
            }
        }
        output.WriteLine($"{email}: {forms.Count} forms, {posts} posts");
        Assert.True(posts > forms.Count, $"{posts} posts");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posts} posts failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Should_answer_hostile_query_parameters_of_the_reach_api_without_a_500()
    {
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var region = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "SV").Select(r => r.Id).SingleAsync());
        var answers = new List<string>();
        foreach (var (kind, encoded) in Values)
        {
            foreach (var query in new[]
                     {
                         $"level=municipality&id={region}&schoolYear=2026&municipality={encoded}",
                         $"level={encoded}&id={region}&schoolYear=2026",
                         $"level=region&id={encoded}&schoolYear={encoded}",
                     })
            {
                var response = await manager.GetAsync("/api/reach?" + query);
                if ((int)response.StatusCode >= 500) answers.Add($"{kind}: {query[..Math.Min(80, query.Length)]} → {(int)response.StatusCode}");
            }
        }
        Assert.True(answers.Count == 0, string.Join("\n", answers));
    }

    /// <summary>Fills every field a person types in or chooses from with the value, keeps the rest (token, ids), and sends it.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient browser, string page, IHtmlFormElement form, string encoded)
    {
        var typed = form.Elements.Where(e => e is IHtmlTextAreaElement or IHtmlSelectElement
                || e is IHtmlInputElement { Type: "text" or "email" or "number" or "date" or "time" or "search" or "tel" or "url" or "password" or "month" })
            .Select(e => e.GetAttribute("name")).OfType<string>().ToHashSet();
        var fields = Forms.FieldsOf(form).Where(f => !typed.Contains(f.Key))
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")
            .Concat(typed.Select(name => $"{Uri.EscapeDataString(name)}={encoded}"));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        var method = form.GetAttribute("method")?.ToLowerInvariant() == "post" ? HttpMethod.Post : HttpMethod.Get;
        var query = string.Join("&", fields);
        using var request = method == HttpMethod.Post
            ? new HttpRequestMessage(method, action) { Content = new StringContent(query, Encoding.ASCII, "application/x-www-form-urlencoded") }
            : new HttpRequestMessage(method, action.Split('?')[0] + "?" + query);
        using var response = await browser.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        // A saved form goes on to a page that shows what was saved: that page must escape it too.
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next && !next.IsAbsoluteUri)
            body += await (await browser.GetAsync(next)).Content.ReadAsStringAsync();
        return (response.StatusCode, body);
    }

    /// <summary>One form of each shape (its action without ids, and its field names) among the pages the role reaches.</summary>
    private static async Task<List<(string Page, int Index, string Shape)>> ReachableFormsAsync(HttpClient browser)
    {
        var found = new Dictionary<string, (string Page, int Index, string Shape)>();
        var seen = new HashSet<string>();
        var kinds = new Dictionary<string, int>();
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && seen.Count < 200)
        {
            var address = queue.Dequeue();
            // Two pages of each kind (/Classes/Details/#) are enough: the others hold the same forms.
            var kind = System.Text.RegularExpressions.Regex.Replace(address.Split('?')[0], @"\d+", "#");
            if (seen.Contains(address) || kinds.GetValueOrDefault(kind) >= 2) continue;
            seen.Add(address);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var document = await TryGetAsync(browser, address);
            if (document is null) continue;
            var forms = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().ToList();
            for (var i = 0; i < forms.Count; i++)
            {
                var shape = ShapeOf(forms[i]);
                if (!Skipped.Any(shape.Contains)) found.TryAdd(shape, (address, i, shape));
            }
            foreach (var href in document.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                if (!href.StartsWith("/Account/Logout") && !href.StartsWith("/Calendar/Feed") && !href.StartsWith("/Admin/Jobs") && !href.Contains("handler=")) queue.Enqueue(href);
            }
        }
        return [.. found.Values];
    }

    private static string ShapeOf(IHtmlFormElement form)
    {
        var action = System.Text.RegularExpressions.Regex.Replace(form.GetAttribute("action") ?? "", @"\d+", "#");
        var names = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n != "__RequestVerificationToken").Distinct().Order();
        return $"{form.GetAttribute("method") ?? "get"} {action} [{string.Join(",", names)}]";
    }

    private static async Task<AngleSharp.Dom.IDocument?> TryGetAsync(HttpClient browser, string address)
    {
        var response = await browser.GetAsync(address);
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: false } next && hops < 3; hops++)
            response = await browser.GetAsync(next);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") return null;
        return await Forms.ParseAsync(response);
    }

    /// <summary>
    /// Rows of every table and the number of audited changes, aside from what reading writes: the security events
    /// (sign-ins) and the record of who was shown names (a page redisplayed with names is a showing).
    /// </summary>
    private Task<string> FingerprintAsync() => app.QueryAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Where(t => t != "NameAccesses").Distinct().Order().ToList();
        var parts = tables.Select(t => t == "AuditEntries"
            ? $"(SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Entity\" <> 'Security')"
            : $"(SELECT COUNT(*) FROM \"{t}\")");
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT " + string.Join(" || ',' || ", parts.Select(p => $"CAST({p} AS TEXT)"));
            return (string)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });
}
