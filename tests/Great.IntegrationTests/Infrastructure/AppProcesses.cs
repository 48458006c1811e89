namespace Great.IntegrationTests.Infrastructure;

/// <summary>The built app as a process of its own (<see cref="AppProcess"/>) over a test factory's database or a SQLite file.</summary>
public static class AppProcesses
{
    /// <summary>The web app over the factory's database, on a free loopback port; returns once it listens.</summary>
    public static Task<AppProcess> StartProcessAsync(this GreatAppFactory over, IReadOnlyDictionary<string, string>? settings = null) =>
        AppProcess.StartWebAsync(Over(over, settings));

    /// <summary>A command (`recompute-reach`, `sync-rosters`…) over the factory's database; wait for its lines or its exit.</summary>
    public static AppProcess StartCommand(this GreatAppFactory over, IReadOnlyDictionary<string, string>? settings, params string[] args) =>
        AppProcess.StartCommand(Over(over, settings), args);

    /// <summary>A command (`create-admin`, `backup`, `restore`…) over a SQLite file, run to its end: its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(string sqlitePath, params string[] args) =>
        AppProcess.RunAsync(new Dictionary<string, string> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Great"] = $"Data Source={sqlitePath}" }, args);

    private static Dictionary<string, string> Over(GreatAppFactory app, IReadOnlyDictionary<string, string>? settings)
    {
        var all = new Dictionary<string, string>
        {
            ["Database:Provider"] = app.IsPostgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Great"] = app.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return all;
    }
}
