using System.Diagnostics;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>Runs the built app as a command (`dotnet Great.Web.dll create-admin …`), in Production, on a SQLite file.</summary>
public static class AppCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string sqlitePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Great.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in TestClock.Settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Great"] = $"Data Source={sqlitePath}";
        start.Environment["Security__DataProtection__AllowUnencryptedKeys"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
