using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Great.Benchmarks;

/// <summary>
/// The app as it is deployed: `dotnet Great.Web.dll` in a process of its own, on a free loopback port, over the
/// benchmark's database. The load clients stay in the benchmark's process, so the app's peak memory (its VmHWM) is
/// its own. No job server runs in it (the benchmark runs each job itself, so nothing else competes with what is
/// measured), except in the soak's own process, which runs its jobs as deployed.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public string BaseUrl { get; }

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public static async Task<AppProcess> StartAsync(BenchmarkDatabase database, string name, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Great.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(Options.RepositoryRoot(), "src", "Great.Web"));
        foreach (var (key, value) in database.AppSettings(name).Concat(overrides ?? new Dictionary<string, string>())) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        // The same garbage collector as the deployed app (the Web SDK's server GC).
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilUpAsync();
        return app;
    }

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Keep(string? line)
    {
        if (line is null)
        {
            _started.TrySetException(new InvalidOperationException("The app's output ended before it started."));
            return;
        }
        lock (_output)
        {
            _output.Add(line);
            // GREAT_BENCH_APP_LOG=<file> keeps the app's whole output (e.g. with EF's command log turned on), to find where time goes.
            if (Environment.GetEnvironmentVariable("GREAT_BENCH_APP_LOG") is { Length: > 0 } file) File.AppendAllText(file, line + Environment.NewLine);
        }
        if (line.Contains("Application started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    /// <summary>Until the host says it has started (its lifetime log line), then one /health check.</summary>
    private async Task WaitUntilUpAsync()
    {
        try
        {
            await _started.Task.WaitAsync(TimeSpan.FromMinutes(2));
            using var http = new HttpClient();
            using var response = await http.GetAsync(BaseUrl + "/health");
            if (response.StatusCode == HttpStatusCode.OK) return;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
        }
        string log;
        lock (_output) log = string.Join(Environment.NewLine, _output.TakeLast(40));
        throw new InvalidOperationException($"The app did not start on {BaseUrl}:{Environment.NewLine}{log}");
    }

    /// <summary>The app process's peak resident set (Linux VmHWM), in MB.</summary>
    public double PeakMemoryMb() => Status("VmHWM:") ?? _process.PeakWorkingSet64 / 1024d / 1024;

    /// <summary>The app process's resident set now (Linux VmRSS), in MB.</summary>
    public double MemoryMb()
    {
        _process.Refresh();
        return Status("VmRSS:") ?? _process.WorkingSet64 / 1024d / 1024;
    }

    private double? Status(string field)
    {
        var status = $"/proc/{_process.Id}/status";
        return File.Exists(status) && File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field)) is { } line
            ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024
            : null;
    }

    /// <summary>A command of the app (`backup`…) over the benchmark's database, as an administrator runs it; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(BenchmarkDatabase database, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Great.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in database.AppSettings("command").Concat(settings)) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
