using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Great.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Great.TestSupport;

// dotnet run -c Release --project tests/Great.Benchmarks [-- --students 1000000 --provider Sqlite|Postgres --postgres <server> --seed 42 --data <folder> --out <file.md>
//   --repeat 3 --gets 60 --clients 32 --writers 16 --only rollup,record,incremental,pages,imports,report,reminders --soak SECONDS]
// (--soak runs the mixed soak after the scenarios chosen; --only soak runs the soak alone)
// dotnet run -c Release --project tests/Great.Benchmarks -- --combine results.md --runs "SQLite 1M=a.tsv;PostgreSQL 1M=b.tsv"
namespace Great.Benchmarks;

/// <summary>Runs every scenario on the national dataset and writes the results table (Markdown).</summary>
internal static class BenchmarkRun
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options.Has("combine")) return await Combined.WriteAsync(options.Get("combine", ""), options.Text("runs", ""));
        var log = Console.Out;
        var repository = Options.RepositoryRoot();
        var data = options.Get("data", Path.Combine(repository, "tests", "Great.Benchmarks", "data"));
        var output = options.Get("out", Path.Combine(repository, "tests", "Great.Benchmarks", "results.md"));
        var students = options.Int("students", 1_000_000);
        var repeat = options.Int("repeat", 3);
        var provider = options.Text("provider", "Sqlite");
        if (provider is not ("Sqlite" or "Postgres")) throw new ArgumentException("--provider is Sqlite or Postgres.");
        var postgres = options.Text("postgres", Environment.GetEnvironmentVariable("GREAT_POSTGRES_SERVER") ?? "Host=127.0.0.1;Username=great_tests;Password=great_tests");
        // The issue's national programme: 20 students a class, five classes a school, one officer per class over two years.
        var classes = Math.Max(14, students / 20);
        var generator = new GeneratorOptions(Regions: 7, Schools: Math.Max(7, classes / 5), Classes: classes, StudentsPerClass: 20,
            Seed: options.Int("seed", 42), Instructors: classes);

        var prepared = await Dataset.PrepareAsync(data, generator, provider, postgres, log);
        var database = prepared.Database;
        log.WriteLine($"Dataset: {prepared.Summary}; on {provider}");
        var rows = new ResultRows(log);
        if (prepared.Copy is { } copied)
        {
            // 90 s for a million students, in proportion above.
            var target = 90 * Math.Max(1, students / 1_000_000);
            rows.Add(new("copy", "copy-to-postgres of the dataset into an empty PostgreSQL database (binary COPY, counts checked)", Report.Seconds(copied), $"≤ {target} s",
                Report.Met(copied.TotalSeconds <= target)));
        }
        var failedRequests = 0;
        var writers = options.Int("writers", 16);
        var clients = options.Int("clients", 32);
        double appPeak;

        await using (var host = new BenchmarkHost(database))
        {
            // Correctness first: every enrolment's kept progress equals a recount of its attendance, before and after the run.
            if (await ProgressDiffersAsync(host, "in the dataset")) return 1;
            var cast = await Cast.CreateAsync(host, officers: 16, classesPerOfficer: 10);
            var schoolCode = await host.DbAsync(db => db.Schools.Where(s => s.Id == cast.ImportSchoolId).Select(s => s.Code).SingleAsync());
            await using var app = await database.StartAppAsync("node1");
            rows.App = app;
            log.WriteLine($"App on {app.BaseUrl} (process of its own); region {cast.RegionId} ({cast.RegionSchools.Count} schools), today {cast.Today:yyyy-MM-dd} there.");

            if (options.Runs("rollup"))
            {
                log.WriteLine("Full roll-up and the hand-written query...");
                var (rollup, parts, query, rollupRows) = await RollupBenchmarks.FullAsync(host, repeat);
                var ratio = parts.Reach / query;
                rows.Add(new("rollup", $"Full roll-up, reach and fidelity figures (median of {repeat})", Report.Seconds(rollup), "≤ 1 s", Report.Met(rollup.TotalSeconds <= 1)));
                rows.Add(new("rollup-reach", $"… its reach figures ({rollupRows:N0} rows, checked equal row by row to the query below)", Report.Seconds(parts.Reach),
                    "≤ 1 s", Report.Met(parts.Reach.TotalSeconds <= 1)));
                rows.Add(new("rollup-fidelity", "… its fidelity figures (lessons, dosage and observations by month)", Report.Seconds(parts.Fidelity), "", ""));
                rows.Add(new("query", "The reach figures by one hand-written SQL query over attendance", Report.Seconds(query), "", ""));
                rows.Add(new("ratio", "Reach roll-up ÷ hand-written query", $"{ratio:N2} ×", "≤ 1.5 ×", Report.Met(ratio <= 1.5)));
            }

            if (options.Runs("record"))
            {
                log.WriteLine("Record-lesson posts...");
                var recorded = await HttpBenchmarks.RecordLessonsAsync([app.BaseUrl], cast, [.. cast.Officers.Take(writers)], perClient: 20);
                failedRequests += recorded.Failures;
                rows.Add(Report.Latency("record", $"Record-lesson POST, 25 students, {writers} clients", recorded, p95Target: 50));
                rows.Add(Report.Throughput("record-rate", "Record-lesson POST, requests per second", recorded, null));
                // One officer alone: what a post costs without anyone to wait for (officer 0 is kept for the incremental run).
                var alone = await HttpBenchmarks.RecordLessonsAsync([app.BaseUrl], cast, [cast.Officers[1]], perClient: 20);
                failedRequests += alone.Failures;
                rows.Add(Report.Latency("record-alone", "Record-lesson POST, one officer alone (no queue)", alone, p95Target: 50));
                if (database.OnPostgres)
                {
                    // A second node on the same database: the officers' posts split between the two.
                    await using var second = await database.StartAppAsync("node2");
                    var both = await HttpBenchmarks.RecordLessonsAsync([app.BaseUrl, second.BaseUrl], cast, [.. cast.Officers.Take(writers)], perClient: 20);
                    failedRequests += both.Failures;
                    rows.Add(Report.Latency("record-2", $"Record-lesson POST, {writers} clients over two app nodes", both, p95Target: 50));
                    rows.Add(Report.Throughput("record-2-rate", "Record-lesson POST over two app nodes, requests per second", both, null));
                }
            }

            if (options.Runs("incremental"))
            {
                log.WriteLine("Incremental roll-up...");
                var incrementalBrowser = await Browser.SignInAsync(app.BaseUrl, cast.Officers[0].Email, Cast.Password, cast.Culture);
                await incrementalBrowser.DocumentAsync($"/Lessons/Record/{cast.Officers[0].Classes[0].ClassId}");
                var incremental = await RollupBenchmarks.IncrementalAsync(host, samples: 20,
                    _ => HttpBenchmarks.PostNext(incrementalBrowser, cast.Officers[0], cast.Today) ?? Task.FromResult(false));
                failedRequests += incremental.Failures;
                incrementalBrowser.Dispose();
                rows.Add(Report.Latency("incremental", "Incremental roll-up after one lesson recorded (20 lessons)", incremental, p95Target: 10, p50Target: null, label: "p50 {0} · p95 {1}"));
            }

            if (options.Runs("pages"))
            {
                log.WriteLine("Dashboards...");
                var dashboard = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.ManagerEmail, cast.Culture, ["/Reach"], clients: clients, perClient: options.Int("gets", 60));
                failedRequests += dashboard.Failures;
                rows.Add(Report.Latency("dashboard", $"Region dashboard GET (/Reach), {clients} clients", dashboard, p95Target: 30));
                rows.Add(Report.Throughput("dashboard-rate", "Region dashboard GET, requests per second", dashboard, 500));
                var dashboardAlone = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.ManagerEmail, cast.Culture, ["/Reach"], clients: 1, perClient: 200);
                failedRequests += dashboardAlone.Failures;
                rows.Add(Report.Latency("dashboard-alone", "Region dashboard GET, one client alone (no queue)", dashboardAlone, p95Target: 30));
                var schoolPages = cast.RegionSchools.Take(200).ToList();
                var reachSchool = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.ManagerEmail, cast.Culture,
                    schoolPages.Select(s => $"/Reach/School/{s}").ToList(), clients: clients, perClient: options.Int("gets", 60));
                failedRequests += reachSchool.Failures;
                rows.Add(Report.Latency("reach-school", $"School reach page GET (/Reach/School/{{id}}, 200 schools), {clients} clients", reachSchool, p95Target: 30));
                rows.Add(Report.Throughput("reach-school-rate", "School reach page GET, requests per second", reachSchool, 500));
                var schoolDetails = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.ManagerEmail, cast.Culture,
                    schoolPages.Select(s => $"/Schools/Details/{s}").ToList(), clients: clients, perClient: options.Int("gets", 60));
                failedRequests += schoolDetails.Failures;
                rows.Add(Report.Latency("school", $"School page GET (/Schools/Details/{{id}}, 200 schools), {clients} clients", schoolDetails, p95Target: 30));
                rows.Add(Report.Throughput("school-rate", "School page GET, requests per second", schoolDetails, 500));
                // The schools list of a manager: every school of the region with its classes.
                var schoolList = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.ManagerEmail, cast.Culture, ["/Schools"], clients: 1, perClient: 50);
                failedRequests += schoolList.Failures;
                rows.Add(Report.Latency("schools", $"Schools list GET as the region's manager ({cast.RegionSchools.Count:N0} schools), one client", schoolList, p95Target: 30));
            }

            if (options.Runs("imports"))
            {
                log.WriteLine("Imports...");
                // A server that has run a while has compiled these paths: one small import of each kind first.
                await HttpBenchmarks.CsvImportAsync(app.BaseUrl, cast, cast.ImportClassIds[0], 20, prefix: "WARM");
                await HttpBenchmarks.OneRosterImportAsync(app.BaseUrl, cast, schoolCode, 20, classes: 2, prefix: "WARM");
                // Three of each (new students each time, a class of its own for each CSV): the median.
                var csv = new List<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)>();
                var oneRoster = new List<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)>();
                for (var run = 0; run < 3; run++)
                {
                    csv.Add(await HttpBenchmarks.CsvImportAsync(app.BaseUrl, cast, cast.ImportClassIds[run], 10_000, prefix: $"CSV{run}"));
                    oneRoster.Add(await HttpBenchmarks.OneRosterImportAsync(app.BaseUrl, cast, schoolCode, 10_000, classes: 40, prefix: $"OR{run}"));
                }
                rows.Add(Report.Import("csv", "Plain CSV roster import, 10,000 new students into a class (median of 3)", csv));
                rows.Add(Report.Import("oneroster", "OneRoster zip import, 10,000 new students in 40 new classes (median of 3)", oneRoster));
            }

            if (options.Runs("report"))
            {
                log.WriteLine("National report pack...");
                // The pack reads the roll-up: it is made complete first (the rollup scenario may not have run).
                await host.InScopeAsync(async sp => { await sp.GetRequiredService<Great.Web.Jobs.ReachRollupJob>().RunFullAsync(); return 0; });
                // The last whole fiscal year (October to September): the dataset's busiest period.
                var fiscalYear = cast.Today.Month >= 10 ? cast.Today.Year : cast.Today.Year - 1;
                var query = $"kind=FiscalYear&year={fiscalYear}";
                var page = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.AdminEmail, "en", [$"/Reports?{query}"], clients: 1, perClient: 10);
                failedRequests += page.Failures;
                rows.Add(Report.Latency("report", $"National report pack GET (/Reports, fiscal year {fiscalYear}, the whole programme), one client", page, p95Target: 1000));
                var workbook = await HttpBenchmarks.PagesAsync(app.BaseUrl, cast.AdminEmail, "en", [$"/Reports?handler=Excel&{query}"], clients: 1, perClient: 10);
                failedRequests += workbook.Failures;
                rows.Add(Report.Latency("report-excel", "National report pack as an Excel workbook, one client", workbook, p95Target: 1000));
            }

            if (options.Runs("reminders"))
            {
                log.WriteLine("Reminder scan...");
                var reminders = await ReminderBenchmark.ScanAllRegionsAsync(host);
                rows.Add(new("reminders", $"Reminder scan, every region ({reminders.Officers:N0} officers, {reminders.Classes:N0} classes; {reminders.Written:N0} emails written)",
                    Report.Seconds(reminders.Elapsed), "≤ 5 s", Report.Met(reminders.Elapsed.TotalSeconds <= 5)));
            }

            if (options.Has("soak"))
            {
                var seconds = options.Int("soak", 600);
                log.WriteLine($"Soak, {seconds} s at {clients} clients...");
                // Halfway, on SQLite, an administrator's backup: the copy must verify while lessons are being written.
                var backups = new Dictionary<string, string> { ["Backups:Folder"] = Path.Combine(database.Folder, "soak-backups"), ["Backups:Keep"] = "1" };
                Func<Task<(int, string)>>? backup = database.OnPostgres ? null : () => database.RunCommandAsync(backups, "backup");
                // An app of its own that runs its jobs as deployed: the requested roll-up every minute, the outbox, reminders.
                await using var soakApp = await database.StartAppAsync("soak", new Dictionary<string, string> { ["Hangfire:Server"] = "true" });
                var soak = await Soak.RunAsync(soakApp, cast, TimeSpan.FromSeconds(seconds), clients, backup, log);
                failedRequests += soak.Failures;
                rows.Add(new("soak", $"Soak, {seconds} s, {clients} clients at once ({soak.Clients}): {soak.Requests:N0} requests, {soak.Posts:N0} lessons recorded",
                    $"{soak.Failures} errors · p95 {Report.Ms(soak.P95Ms)}", "0 errors", Report.Met(soak.Failures == 0)));
                foreach (var w in soak.Windows)
                {
                    rows.Add(new($"soak-{w.Number}", $"… {(w.End.TotalSeconds >= 60 && w.End.TotalSeconds % 60 == 0 ? $"minute {w.End.TotalMinutes:N0}" : $"to {w.End.TotalSeconds:N0} s")}: requests (lessons recorded), p95, app memory at its end (resident / managed heap after the last GC)",
                        $"{w.Requests:N0} ({w.Posts:N0}) · p95 {Report.Ms(w.P95Ms)} · {w.MemoryMb:N0} / {w.HeapMb:N0} MB{(w.Failures > 0 ? $" · {w.Failures} errors" : "")}", "", ""));
                }
                rows.Add(new("soak-pages", "… p50 / p95 by page, slowest first", string.Join("; ", soak.Pages.Select(p => $"{p.Page} {Report.Ms(p.P50Ms)} / {Report.Ms(p.P95Ms)} ({p.Requests:N0})")), "", ""));
                // Flat: from the second window (the first warms up) to the last.
                var (from, to) = (soak.Windows[Math.Min(1, soak.Windows.Count - 1)], soak.Windows[^1]);
                // The resident set is what the machine gives the app. The heap after the last collection is shown beside
                // it: after a young-generation collection it still holds old garbage, so alone it says little of a leak.
                var growth = to.MemoryMb / from.MemoryMb - 1;
                rows.Add(new("soak-memory", "… app's resident memory, second window to last (managed heap after the last GC beside it)",
                    $"{from.MemoryMb:N0} → {to.MemoryMb:N0} MB ({growth:+0%;-0%;0%}); heap {from.HeapMb:N0} → {to.HeapMb:N0} MB", "≤ +10 %", Report.Met(growth <= 0.10)));
                var slower = to.P95Ms / from.P95Ms;
                rows.Add(new("soak-p95", "… p95, second window to last", $"{Report.Ms(from.P95Ms)} → {Report.Ms(to.P95Ms)} ({slower:N2} ×)", "≤ 1.5 ×", Report.Met(slower <= 1.5)));
                if (soak.Backup is { } taken)
                {
                    var said = taken.Output.Split('\n').LastOrDefault(l => l.StartsWith("Backup ", StringComparison.Ordinal)) ?? taken.Output;
                    log.WriteLine($"  backup during the soak: {said}");
                    rows.Add(new("soak-backup", "`backup` command halfway through the soak, while lessons are written (a verified copy: integrity_check and row counts of its moment)",
                        taken.ExitCode == 0 ? $"verified, {Report.Seconds(taken.Took)}" : $"**exit {taken.ExitCode}**", "verified", Report.Met(taken.ExitCode == 0)));
                    if (taken.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"The backup taken during the soak failed: {taken.Output}");
                        failedRequests++;
                    }
                }
            }

            if (await ProgressDiffersAsync(host, "after the scenarios")) return 1;
            appPeak = app.PeakMemoryMb();
            rows.App = null;
        }

        rows.Add(new("memory", "Peak memory of the app's process (VmHWM; the load clients run in the benchmark's process)", $"{appPeak:N0} MB", "≤ 400 MB", Report.Met(appPeak <= 400)));
        rows.Add(new("memory-bench", "Peak memory of the benchmark's process (load clients, and the jobs it runs through the app's classes)", $"{Report.PeakMemoryMb():N0} MB", "", ""));

        if (failedRequests > 0)
        {
            Console.Error.WriteLine($"{failedRequests} request(s) did not get the answer a user would: the figures above are not valid.");
            return 1;
        }
        var markdown = Report.Markdown(provider, $"{prepared.Summary}; {provider}", await database.SizeAsync(), rows);
        await File.WriteAllTextAsync(output, markdown);
        await File.WriteAllLinesAsync(Path.ChangeExtension(output, ".tsv"),
            [$"# {Report.Environment(provider)}", $"# {prepared.Summary}", .. rows.Select(r => string.Join('\t', r.Key, r.Scenario, r.Result, r.Target, r.Met))]);
        log.WriteLine(markdown);
        log.WriteLine($"Written to {output}");
        SqliteConnection.ClearAllPools();
        return 0;
    }

    private static async Task<bool> ProgressDiffersAsync(BenchmarkHost host, string when)
    {
        var differing = await host.DbAsync(db => Great.Web.Data.EnrollmentProgress.CountDifferingAsync(db));
        if (differing == 0) return false;
        Console.Error.WriteLine($"{differing:N0} enrolments' kept progress differs from a recount of their attendance {when}.");
        return true;
    }
}

/// <summary>One line of the results table.</summary>
internal sealed record Row(string Key, string Scenario, string Result, string Target, string Met);

/// <summary>The table's lines, each also printed as soon as it is measured.</summary>
internal sealed class ResultRows(TextWriter log) : List<Row>
{
    /// <summary>The app's process, once it runs: its peak so far is printed with each line, to see which scenario grows it.</summary>
    public AppProcess? App { get; set; }

    public new void Add(Row row)
    {
        base.Add(row);
        var app = App is null ? "" : $"app peak so far {App.PeakMemoryMb():N0} MB, ";
        log.WriteLine($"  {row.Scenario}: {row.Result} {row.Target} {row.Met} ({app}benchmark process peak so far {Report.PeakMemoryMb():N0} MB)");
    }
}

internal static class Report
{
    public static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:N2} s" : $"{t.TotalMilliseconds:N0} ms";

    public static string Met(bool met) => met ? "yes" : "**no**";

    public static Row Latency(string key, string scenario, LoadResult r, double p95Target, double? p50Target = null, string label = "p50 {0} · p95 {1}") =>
        new(key, scenario + (r.Failures > 0 ? $" — {r.Failures} failed" : ""), string.Format(CultureInfo.InvariantCulture, label, Ms(r.P50Ms), Ms(r.P95Ms)) + $" ({r.Requests:N0} requests)",
            $"p95 ≤ {p95Target} ms", Met(r.P95Ms <= p95Target && r.Failures == 0 && (p50Target is null || r.P50Ms <= p50Target)));

    public static Row Throughput(string key, string scenario, LoadResult r, double? target) =>
        new(key, scenario, $"{r.PerSecond:N0} /s", target is null ? "" : $"≥ {target} /s", target is null ? "" : Met(r.PerSecond >= target));

    public static Row Import(string key, string scenario, IEnumerable<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)> runs)
    {
        var sorted = runs.OrderBy(r => r.Upload + r.Preview + r.Confirm).ToList();
        var t = sorted[sorted.Count / 2];
        var total = t.Upload + t.Preview + t.Confirm;
        return new(key, scenario, $"{Seconds(total)} (upload {Seconds(t.Upload)}, preview {Seconds(t.Preview)}, confirm {Seconds(t.Confirm)})", "≤ 2 s",
            Met(total.TotalSeconds <= 2));
    }

    public static string Ms(double ms) => ms >= 100 ? $"{ms:N0} ms" : $"{ms:N1} ms";

    /// <summary>The process's peak resident set (Linux); elsewhere the peak working set .NET reports.</summary>
    public static double PeakMemoryMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status) && File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:")) is { } line)
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024;
    }

    /// <summary>The machine, the runtime and the database engine of a run, in one sentence.</summary>
    public static string Environment(string provider)
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : null;
#pragma warning disable RS0030 // a benchmark's results are dated by when they were measured
        return $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {System.Environment.ProcessorCount} cores" +
            (memory is null ? "" : $", {long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024:N0} GB RAM") +
            $", {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
            (provider == "Postgres" ? "PostgreSQL (server on the same machine)" : $"SQLite {SqliteVersion()}") + ", Release build.";
#pragma warning restore RS0030
    }

    public static string Markdown(string provider, string dataset, long databaseBytes, IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(Environment(provider));
        text.AppendLine();
        text.AppendLine($"Dataset: {dataset}; database {databaseBytes / 1024d / 1024:N0} MB.");
        text.AppendLine();
        text.AppendLine("| scenario | result | target | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in rows) text.AppendLine($"| {row.Scenario} | {row.Result} | {row.Target} | {row.Met} |");
        return text.ToString();
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        return new Options(values);
    }

    public string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? Path.GetFullPath(v) : fallback;

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>--only rollup,record,incremental,pages,imports,reminders runs just those (all by default).</summary>
    public bool Runs(string scenario) => !values.TryGetValue("only", out var only) || only.Split(',').Contains(scenario);

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Great.sln"))) folder = folder.Parent;
        return folder?.FullName ?? Directory.GetCurrentDirectory();
    }
}
