using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>The app on real Kestrel (a free loopback port) over its own seeded SQLite file, and Debian's Chromium.</summary>
public sealed class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "great-tests", $"browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public BrowserFixture() => UseKestrel(0);

    /// <summary>
    /// What the app did that a stalled browser test should name: requests that took over 5 s (method, path, status,
    /// seconds) and the app's warnings and errors. A test that times out waiting for a page adds them to its failure.
    /// </summary>
    public static System.Collections.Concurrent.ConcurrentQueue<string> ServerTrouble { get; } = new();

    /// <summary>Time since the run began, which stamps <see cref="ServerTrouble"/> (the wall clock is not the app's).</summary>
    private static readonly System.Diagnostics.Stopwatch RunTime = System.Diagnostics.Stopwatch.StartNew();

    public static string TroubleReport() => ServerTrouble.IsEmpty ? "the app logged no slow request and no warning"
        : "the app: " + string.Join(" | ", ServerTrouble.TakeLast(20));

    private sealed class SlowRequests : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try { await proceed(context); }
                finally
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(5))
                        ServerTrouble.Enqueue($"{RunTime.Elapsed:hh\\:mm\\:ss} {context.Request.Method} {context.Request.Path} {context.Response.StatusCode} took {clock.Elapsed.TotalSeconds:N1} s");
                }
            });
            next(app);
        };
    }

    private sealed class TroubleLogger(string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel level) => level >= Microsoft.Extensions.Logging.LogLevel.Warning;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, Microsoft.Extensions.Logging.EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Not the warnings every start gives (migrations on SQLite, unencrypted test keys, no https port): they hid the rest.
            if (category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal)
                || category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)
                || category.StartsWith("Microsoft.AspNetCore.HttpsPolicy", StringComparison.Ordinal)) return;
            if (IsEnabled(level)) ServerTrouble.Enqueue($"{RunTime.Elapsed:hh\\:mm\\:ss} {level} {category}: {formatter(state, exception)}");
        }
    }

    private sealed class TroubleLoggers : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string category) => new TroubleLogger(category);
        public void Dispose() { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, SlowRequests>();
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider, TroubleLoggers>();
        });
        // Outside Development the static files are found through the build manifest only when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Great", $"Data Source={_database}");
        foreach (var (key, value) in TestHost.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Seed:Demo", "true");
    }

    public async Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>The app's clock: the pinned day (<see cref="TestClock"/>), running on.</summary>
    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    public async Task<T> DbAsync<T>(Func<GreatDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GreatDbContext>());
    }

    /// <summary>A class of the demo officer's own, started three weeks ago, with its students: each test has one nobody else touches.</summary>
    public Task<int> NewOfficerClassAsync(string component, int students, string section, string officerEmail = "instructor@example.org",
        string schoolCode = "SV-10101", string grade = "9") => DbAsync(async db =>
    {
        var curriculum = Services.GetRequiredService<CurriculumCatalogue>();
        var officer = await db.Instructors.SingleAsync(i => i.Email == officerEmail);
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == schoolCode);
        var today = school.Region.Today(Clock);
        var schoolClass = SchoolClass.Create(school, component, curriculum.CurrentEdition(component)!.Edition, school.Region.SchoolYearOf(today), grade, section, officer);
        var lessonCount = curriculum.CurrentEdition(component)!.LessonCount;
        schoolClass.Plan(Enumerable.Range(0, lessonCount).Select(n => today.AddDays(-21 + 3 * n)).ToList());
        for (var n = 1; n <= students; n++)
        {
            schoolClass.Enroll(new Student { School = school, SchoolId = school.Id, GivenName = $"Alumno{section}{n:00}", FamilyInitial = "Z" }, today.AddDays(-21));
        }
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        return schoolClass.Id;
    });

    /// <summary>The figures the dashboards read, computed as the nightly job would.</summary>
    public async Task RunFullRollupAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Great.Web.Jobs.ReachRollupJob>().RunFullAsync();
    }

    /// <summary>A page in a browser context of its own (a person's own browser); a test opens it through <see cref="BrowserTest"/>, which closes it.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_database + suffix); } catch (IOException) { }
        }
    }
}

/// <summary>
/// A browser test: the pages it opens are in browser contexts of its own, closed when it ends, passed or failed, so no
/// page, service worker or background sync of one test lives on into the next (two collections run side by side, each
/// with its app and Chromium: a test closes only its own).
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 800)
    {
        var page = await fixture.NewPageAsync(locale, width, height);
        _contexts.Add(page.Context);
        return page;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class SignIn
{
    /// <summary>
    /// Opens a phone's folded menu and waits until it has finished opening: a tap on one of its items while it still
    /// slides open can land where the item was a moment before (a sign-out that did nothing, seen in full runs).
    /// </summary>
    public static async Task OpenPhoneMenuAsync(this IPage page)
    {
        await page.Locator(".navbar-toggler").ClickAsync();
        await page.Locator("#mainNav.collapse.show").WaitForAsync();
    }

    /// <summary>Signs in through the real login form and waits until the app has left it.</summary>
    public static async Task SignInAsync(this IPage page, string email)
    {
        if (!page.Url.Contains("/Account/Login")) await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("Demo-2026!");
        // What the page still waits for, should it stall: the requests it sent that have not finished.
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<IRequest, string>();
        void Sent(object? _, IRequest r) => pending[r] = $"{r.Method} {r.Url} ({r.ResourceType}{(r.IsNavigationRequest ? ", navigation" : "")})";
        void Done(object? _, IRequest r) => pending.TryRemove(r, out var _);
        // And what the app answered to the sign-in post: a stalled sign-in with nothing pending was answered (seen in CI:
        // two at once, one in each app, nothing pending); its status says whether it was refused, and how.
        var answers = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Answered(object? _, IResponse r)
        {
            if (r.Request.Method == "POST" || r.Request.IsNavigationRequest) answers.Enqueue($"{r.Request.Method} {new Uri(r.Url).PathAndQuery} {r.Status}");
        }
        page.Request += Sent;
        page.RequestFinished += Done;
        page.RequestFailed += Done;
        page.Response += Answered;
        try
        {
            await page.Locator("main button[type=submit]").ClickAsync();
            // Signed in once the app has sent the browser elsewhere and that page is parsed (its images and the like are the next step's to wait for).
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(not readable)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"stalled-sign-in-{email}.png"), Timeout = 5000 })
                .ContinueWith(_ => { });
            throw new TimeoutException($"{email} still on the sign-in page after 30 s ({page.Url}); answers: {string.Join(" | ", answers)}; " +
                $"the page still waited for: {string.Join(" | ", pending.Values)}; it shows: {shown.ReplaceLineEndings(" ")[..Math.Min(shown.Length, 300)]}; " +
                BrowserFixture.TroubleReport(), e);
        }
        finally
        {
            page.Request -= Sent;
            page.RequestFinished -= Done;
            page.RequestFailed -= Done;
            page.Response -= Answered;
        }
    }
}
