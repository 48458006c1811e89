using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>
/// The built app as a process of its own (`dotnet Great.Web.dll`), in Production, over the database of a test
/// factory: the web app on a loopback port, or a command. It can be killed (SIGKILL: no finally block, no flush, as
/// a power cut or the out-of-memory killer would) or asked to stop (SIGTERM, as systemd or a container runtime does).
/// Its output is kept line by line, so a test waits on what the app says rather than on time.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public string BaseUrl { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output => string.Join("\n", _lines);

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>Starts the web app on a free loopback port and returns once it listens.</summary>
    public static async Task<AppProcess> StartWebAsync(GreatAppFactory over, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = TestHost.FreePort();
        var app = Start(over, settings, $"http://127.0.0.1:{port}", "--urls", $"http://127.0.0.1:{port}");
        await app.WaitForLineAsync("Now listening on");
        return app;
    }

    /// <summary>Starts a command (`recompute-reach`, `backup`…); wait for its lines or its exit.</summary>
    public static AppProcess StartCommand(GreatAppFactory over, IReadOnlyDictionary<string, string>? settings, params string[] args) =>
        Start(over, settings, "", args);

    private static AppProcess Start(GreatAppFactory over, IReadOnlyDictionary<string, string>? settings, string baseUrl, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Great.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var environment = new Dictionary<string, string>(TestHost.Settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database:Provider"] = over.IsPostgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Great"] = over.ConnectionString,
            ["Security:HttpsRedirection"] = "false",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__")] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => app.Add(e.Data);
        process.ErrorDataReceived += (_, e) => app.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _arrived.Release();
    }

    /// <summary>Until the app prints a line containing <paramref name="text"/> (up to two minutes; fails with its output).</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } found) return found;
            if (_process.HasExited) Assert.Fail($"The app ended ({_process.ExitCode}) without saying '{text}':\n{Output}");
            try
            {
                // Woken by each new line, and now and then to notice an exit.
                await _arrived.WaitAsync(TimeSpan.FromSeconds(1), limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The app did not say '{text}' in time:\n{Output}");
            }
        }
    }

    /// <summary>SIGKILL, and until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (a stop request); returns the exit code once it has stopped.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        Assert.Equal(0, SendSignal(_process.Id, 15));
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Until a command ends; its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>A browser-like client of this process: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateBrowser(string acceptLanguage = "en")
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
