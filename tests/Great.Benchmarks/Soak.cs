using System.Collections.Concurrent;
using System.Diagnostics;
using Great.TestSupport;

namespace Great.Benchmarks;

/// <summary>One stretch of a soak (a minute in a long run): what was asked, how it went, the app's size at its end.</summary>
public sealed record SoakWindow(int Number, TimeSpan End, int Requests, int Failures, double P95Ms, int Posts, double MemoryMb, double HeapMb);

/// <summary>A whole soak: its windows, and the backup taken halfway while it wrote, when there was one.</summary>
public sealed record SoakResult(string Clients, IReadOnlyList<SoakWindow> Windows, int Requests, int Failures, int Posts, double P95Ms,
    IReadOnlyList<SoakPage> Pages, (int ExitCode, string Output, TimeSpan Took)? Backup);

/// <summary>One kind of request over the whole soak, slowest first.</summary>
public sealed record SoakPage(string Page, int Requests, double P50Ms, double P95Ms);

/// <summary>
/// A long mixed load, as a working day brings it: officers open their classes and record lessons (paced so that they
/// still have lessons to record at the end), coordinators open their school, classes and import page, managers
/// their dashboards and school pages; all at once, with no pause between requests, against an app that runs its own
/// jobs as deployed (the requested roll-up every minute among them). Every answer must be the one a user would get;
/// what is measured is whether anything drifts: errors, p95 and the app's memory, window by window.
/// </summary>
public static class Soak
{
    public static async Task<SoakResult> RunAsync(AppProcess app, Cast cast, TimeSpan duration, int clients,
        Func<Task<(int ExitCode, string Output)>>? backupHalfway, TextWriter log)
    {
        var window = duration.TotalSeconds >= 120 ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(Math.Max(5, duration.TotalSeconds / 4));
        var officers = Math.Min(cast.Officers.Count, clients * 3 / 8);
        var coordinators = clients / 4;
        var managers = clients - officers - coordinators;
        var officerBrowsers = await Task.WhenAll(cast.Officers.Take(officers).Select(async o =>
        {
            var browser = await Browser.SignInAsync(app.BaseUrl, o.Email, Cast.Password, cast.Culture);
            await browser.DocumentAsync($"/Lessons/Record/{o.Classes[0].ClassId}"); // the signed-in user's form token
            return browser;
        }));
        var coordinatorBrowsers = await Task.WhenAll(Enumerable.Range(0, coordinators).Select(_ => Browser.SignInAsync(app.BaseUrl, cast.CoordinatorEmail, Cast.Password, cast.Culture)));
        var managerBrowsers = await Task.WhenAll(Enumerable.Range(0, managers).Select(_ => Browser.SignInAsync(app.BaseUrl, cast.ManagerEmail, Cast.Password, cast.Culture)));

        var samples = new ConcurrentQueue<(double At, double Ms, bool Ok, bool Post, string Page)>();
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed < duration;

        var failures = new ConcurrentQueue<string>();
        async Task Timed(string page, Func<Task<bool>> call, bool post = false)
        {
            var started = clock.Elapsed;
            bool ok;
            string? why = null;
            try
            {
                ok = await call();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                (ok, why) = (false, e.Message);
            }
            samples.Enqueue((started.TotalSeconds, (clock.Elapsed - started).TotalMilliseconds, ok, post, page));
            if (!ok) failures.Enqueue($"{page} at {started.TotalSeconds:N0} s after {(clock.Elapsed - started).TotalMilliseconds:N0} ms: {why ?? "not the answer a user would get"}");
        }

        async Task<bool> Get(Browser browser, string url)
        {
            using var response = await browser.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.OK) failures.Enqueue($"GET {url}: {(int)response.StatusCode}");
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }

        async Task OfficerAsync(int k)
        {
            var officer = cast.Officers[k];
            var browser = officerBrowsers[k];
            var lessons = officer.Classes.Sum(c => c.LessonsLeft.Count);
            var posted = 0;
            for (var n = 0; Running(); n++)
            {
                var schoolClass = officer.Classes[n % officer.Classes.Count];
                await Timed("/Classes/Mine", () => Get(browser, "/Classes/Mine"));
                await Timed("/Classes/Details (officer)", () => Get(browser, $"/Classes/Details/{schoolClass.ClassId}"));
                // Lessons spread over the run: an officer is never out of lessons before the end.
                if (posted < lessons * 0.95 * clock.Elapsed.TotalSeconds / duration.TotalSeconds
                    && HttpBenchmarks.PostNext(browser, officer, cast.Today) is { } post)
                {
                    await Timed("POST /Lessons/Record", () => post, post: true);
                    posted++;
                }
            }
        }

        async Task CoordinatorAsync(int k)
        {
            var browser = coordinatorBrowsers[k];
            string[] pages = ["/Schools", $"/Schools/Details/{cast.ImportSchoolId}", .. cast.ImportClassIds.Select(c => $"/Classes/Details/{c}"), $"/Classes/Import/{cast.ImportClassIds[0]}"];
            for (var n = k; Running(); n++)
            {
                var page = pages[n % pages.Length];
                await Timed(System.Text.RegularExpressions.Regex.Replace(page, @"/\d+$", "") + " (coordinator)", () => Get(browser, page));
            }
        }

        async Task ManagerAsync(int k)
        {
            var browser = managerBrowsers[k];
            for (var n = k; Running(); n++)
            {
                var school = cast.RegionSchools[(k * 7919 + n) % cast.RegionSchools.Count];
                var (kind, page) = (n % 3) switch { 0 => ("/Reach", "/Reach"), 1 => ("/Reach/School", $"/Reach/School/{school}"), _ => ("/Schools/Details (manager)", $"/Schools/Details/{school}") };
                await Timed(kind, () => Get(browser, page));
            }
        }

        // Window ends: the app's memory. Halfway: the backup.
        var memory = new List<double>();
        var heap = new List<double>();
        using var health = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        async Task WindowsAsync()
        {
            for (var end = window; end <= duration + TimeSpan.FromMilliseconds(1); end += window)
            {
                var wait = end - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                memory.Add(app.MemoryMb());
                // The managed heap as the app's last garbage collection left it (its /health "memory" check).
                var checks = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(health, "/health");
                heap.Add(checks.GetProperty("checks").GetProperty("memory").GetProperty("data").GetProperty("heapAfterLastGcMb").GetDouble());
                log.WriteLine($"  soak {clock.Elapsed.TotalSeconds:N0} s: {samples.Count:N0} requests, {samples.Count(s => !s.Ok)} failed, app {memory[^1]:N0} MB (heap after the last GC {heap[^1]:N0} MB)");
            }
        }

        (int, string, TimeSpan)? backup = null;
        async Task BackupAsync()
        {
            if (backupHalfway is null) return;
            var wait = duration / 2 - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var started = clock.Elapsed;
            var (exitCode, output) = await backupHalfway();
            backup = (exitCode, output, clock.Elapsed - started);
        }

        await Task.WhenAll([
            .. Enumerable.Range(0, officers).Select(k => Task.Run(() => OfficerAsync(k))),
            .. Enumerable.Range(0, coordinators).Select(k => Task.Run(() => CoordinatorAsync(k))),
            .. Enumerable.Range(0, managers).Select(k => Task.Run(() => ManagerAsync(k))),
            WindowsAsync(), BackupAsync()]);
        foreach (var browser in officerBrowsers.Concat(coordinatorBrowsers).Concat(managerBrowsers)) browser.Dispose();

        var all = samples.ToArray();
        foreach (var failure in failures.Take(20)) log.WriteLine($"  failed: {failure}");
        var pagesSeen = all.GroupBy(s => s.Page).OrderByDescending(g => P95(g.Select(s => s.Ms)))
            .Select(g => new SoakPage(g.Key, g.Count(), LoadResult.Percentile([.. g.Select(s => s.Ms).Order()], 0.5), P95(g.Select(s => s.Ms)))).ToList();
        var windows = memory.Select((mb, i) =>
        {
            var inWindow = all.Where(s => s.At >= i * window.TotalSeconds && (s.At < (i + 1) * window.TotalSeconds || i == memory.Count - 1)).ToArray();
            return new SoakWindow(i + 1, window * (i + 1), inWindow.Length, inWindow.Count(s => !s.Ok), P95(inWindow.Select(s => s.Ms)), inWindow.Count(s => s.Post), mb, heap[i]);
        }).ToList();
        return new SoakResult($"{officers} officers, {coordinators} coordinators, {managers} managers", windows, all.Length, all.Count(s => !s.Ok),
            all.Count(s => s.Post), P95(all.Select(s => s.Ms)), pagesSeen, backup);
    }

    private static double P95(IEnumerable<double> latencies) => LoadResult.Percentile([.. latencies.Order()], 0.95);
}
