using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace Great.TestSupport;

/// <summary>
/// The built app as a process of its own (`dotnet Great.Web.dll`, beside the test's own files), as it is deployed: the
/// web app on a free loopback port, or a command (`backup`, `recompute-reach`…). Its settings are passed as environment
/// variables (`A:B` becomes `A__B`), on top of <see cref="TestHost.Settings"/>. It can be killed (SIGKILL: no finally
/// block, no flush, as a power cut or the out-of-memory killer would) or asked to stop (SIGTERM, as systemd or a
/// container runtime does). Its output is kept line by line, so a caller waits on what the app says rather than on time.
/// The integration tests start it over a test factory's database, the benchmarks over theirs.
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
    public static async Task<AppProcess> StartWebAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var baseUrl = $"http://127.0.0.1:{TestHost.FreePort()}";
        var app = Start(settings, baseUrl, ["--urls", baseUrl, .. args]);
        await app.WaitForLineAsync("Now listening on");
        return app;
    }

    /// <summary>Starts a command; wait for its lines (<see cref="WaitForLineAsync"/>) or its exit (<see cref="ExitCodeAsync"/>).</summary>
    public static AppProcess StartCommand(IReadOnlyDictionary<string, string> settings, params string[] args) => Start(settings, "", args);

    /// <summary>Runs a command to its end: its exit code and its whole output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        await using var command = StartCommand(settings, args);
        var exitCode = await command.ExitCodeAsync();
        return (exitCode, command.Output.Trim());
    }

    private static AppProcess Start(IReadOnlyDictionary<string, string> settings, string baseUrl, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Great.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var environment = new Dictionary<string, string>(TestHost.Settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Security:HttpsRedirection"] = "false",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings) environment[key] = value;
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
        // GREAT_APP_LOG=<file> keeps every app's whole output (e.g. with EF's command log turned on), to find where time goes.
        if (Environment.GetEnvironmentVariable("GREAT_APP_LOG") is { Length: > 0 } file)
        {
            lock (_lines) File.AppendAllText(file, line + Environment.NewLine);
        }
        _arrived.Release();
    }

    /// <summary>Until the app prints a line containing <paramref name="text"/> (up to two minutes; fails with its output).</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } found) return found;
            if (_process.HasExited) throw new InvalidOperationException($"The app ended ({_process.ExitCode}) without saying '{text}':\n{Output}");
            try
            {
                // Woken by each new line, and now and then to notice an exit.
                await _arrived.WaitAsync(TimeSpan.FromSeconds(1), limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The app did not say '{text}' in time:\n{Output}");
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
        if (SendSignal(_process.Id, 15) != 0) throw new InvalidOperationException($"SIGTERM to {_process.Id} failed ({Marshal.GetLastPInvokeError()}).");
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Until a command ends (up to three minutes); its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // Also until both output streams have ended, so Output holds the command's last line.
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

    /// <summary>The process's peak resident set (Linux VmHWM), in MB.</summary>
    public double PeakMemoryMb() => Status("VmHWM:") ?? _process.PeakWorkingSet64 / 1024d / 1024;

    /// <summary>The process's resident set now (Linux VmRSS), in MB.</summary>
    public double MemoryMb()
    {
        _process.Refresh();
        return Status("VmRSS:") ?? _process.WorkingSet64 / 1024d / 1024;
    }

    private double? Status(string field)
    {
        var status = $"/proc/{_process.Id}/status";
        return File.Exists(status) && File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024
            : null;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
