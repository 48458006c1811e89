using Great.Web.Email;
using Great.Web.Security;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Great.Web.Jobs;

public static class JobServices
{
    public static IServiceCollection AddGreatJobs(this IServiceCollection services, IConfiguration config)
    {
        var storage = config["Hangfire:Storage"] ?? "InMemory";
        // Storage and activator belong to this host, not to Hangfire's static globals, so that several hosts in one
        // process (the tests) never share a queue. Nothing that matters lives only in it: see the outbox and RollupRequest.
        if (storage.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<JobStorage>(sp =>
            {
                sp.GetRequiredService<IGlobalConfiguration>(); // Hangfire's own settings first (its log provider among them)
                return new InMemoryStorage(new InMemoryStorageOptions());
            });
        }
        else if (storage.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            // Several nodes share one queue and one set of recurring jobs (Hangfire's distributed locks make each
            // occurrence run once), in a schema of its own beside Great's tables.
            var connectionString = config.GetConnectionString("Great")
                ?? throw new InvalidOperationException("Hangfire:Storage is PostgreSql: set ConnectionStrings:Great to the PostgreSQL database.");
            services.AddSingleton<JobStorage>(sp =>
            {
                sp.GetRequiredService<IGlobalConfiguration>();
                var options = new PostgreSqlStorageOptions
                {
                    SchemaName = config["Hangfire:Schema"] ?? "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(config.GetValue("Hangfire:QueuePollSeconds", 5)),
                    // A job taken by a node that then dies (killed, power cut) goes back to the queue for another node
                    // once it has not been touched for this long; a live node keeps touching the jobs it runs, so a
                    // long roll-up is never taken twice (ADR-018).
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromSeconds(config.GetValue("Hangfire:InvisibilitySeconds", 300)),
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
            });
        }
        else
        {
            throw new InvalidOperationException($"Hangfire:Storage '{storage}' is not known: use InMemory or PostgreSql.");
        }
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        var quiet = !config.GetValue("Hangfire:Logging", true);
        services.AddHangfire((_, c) =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            // Hangfire's log provider is a process-wide static: with several hosts in one process (the tests) one host's
            // disposed logger factory would reach the next host, so there Hangfire logs nothing.
            if (quiet) c.UseLogProvider(new QuietLogProvider());
        });
        if (config.GetValue("Hangfire:Server", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(config.GetValue("Hangfire:SchedulePollingSeconds", 5));
            });
        }
        services.Configure<EmailOptions>(config.GetSection("Email"));
        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs").AddCheck<MemoryHealthCheck>("memory");
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<ReachRollupJob>();
        services.AddScoped<ProgressVerificationJob>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<EmailDispatchJob>();
        services.AddScoped<RosterSyncJob>();
        services.AddScoped<UploadPurgeJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<BackupJob>();
        services.Configure<Great.Web.Privacy.RetentionOptions>(config.GetSection("Privacy:Retention"));
        services.Configure<Great.Web.Sync.RosterSyncOptions>(config.GetSection("RosterSync"));
        services.AddSingleton<Great.Web.Sync.OneRosterTokens>();
        services.AddScoped<Great.Web.Sync.RosterSync>();
        services.AddHttpClient(Great.Web.Sync.RosterSync.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(100));
        return services;
    }

    /// <summary>The recurring jobs (re-registered at every start: a restart of in-memory storage loses no schedule) and the dashboard.</summary>
    public static WebApplication UseGreatJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        // Progress verified (and corrected) before the nightly roll-up that counts from it.
        jobs.AddOrUpdate<ProgressVerificationJob>("progress-verification-nightly", j => j.RunAsync(), "5 3 * * *");
        // Hangfire puts its own token in place of CancellationToken.None: cancelled when the node is asked to stop.
        jobs.AddOrUpdate<ReachRollupJob>("reach-rollup-nightly", j => j.RunFullAsync(CancellationToken.None), "15 3 * * *");
        jobs.AddOrUpdate<ReachRollupJob>("reach-rollup-requested", j => j.RunRequestedAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ReminderJob>("reminders", j => j.RunDueRegionsAsync(), Cron.Hourly());
        jobs.AddOrUpdate<EmailDispatchJob>("email-dispatch", j => j.DispatchAsync(), Cron.Minutely());
        jobs.AddOrUpdate<UploadPurgeJob>("upload-purge", j => j.RunAsync(), Cron.Hourly(40));
        // After the night's roll-up: names go, counts stay.
        jobs.AddOrUpdate<RetentionJob>("retention-nightly", j => j.RunAsync(), "45 3 * * *");
        // The SQLite file copied and verified (a no-op on PostgreSQL, which its own tools back up).
        var backupSchedule = app.Configuration["Backups:Schedule"] is { Length: > 0 } when ? when : new Great.Web.Data.BackupOptions().Schedule;
        jobs.AddOrUpdate<BackupJob>("backup-nightly", j => j.RunAsync(), backupSchedule);
        var rosterSchedule = app.Configuration["RosterSync:Schedule"] is { Length: > 0 } cron ? cron : new Great.Web.Sync.RosterSyncOptions().Schedule;
        jobs.AddOrUpdate<RosterSyncJob>("roster-sync-nightly", j => j.RunAllAsync(), rosterSchedule);
        // Figures at once when there are none yet (the demo's first minute); otherwise the nightly run and the
        // per-school requests keep them, and a restart of every node need not recompute a national programme.
        using (var scope = app.Services.CreateScope())
        {
            if (!scope.ServiceProvider.GetRequiredService<Great.Web.Data.GreatDbContext>().ReachRollups.Any())
            {
                app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ReachRollupJob>(j => j.RunFullAsync(CancellationToken.None));
            }
        }

        app.MapHangfireDashboard("/Admin/Jobs", new DashboardOptions
        {
            Authorization = [new AdminsOnly()],
            AppPath = "/Admin",
            // One title for every reader: Hangfire's dashboard takes a fixed one, so it says it in both languages.
            DashboardTitle = "Great · jobs / tareas",
        });
        return app;
    }

    private sealed class QuietLogProvider : Hangfire.Logging.ILogProvider
    {
        public Hangfire.Logging.ILog GetLogger(string name) => new QuietLog();

        private sealed class QuietLog : Hangfire.Logging.ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }

    /// <summary>The dashboard is for administrators; it answers 403 to anyone else signed in (the login page to the rest).</summary>
    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}

/// <summary>/health covers the job storage too: a node that cannot reach its queue is not healthy.</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("recurring-jobs");
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        }
        catch (Exception e)
        {
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("job storage", e));
        }
    }
}

/// <summary>
/// Always healthy: the process's memory, for whoever watches it over time (the soak benchmark does, minute by minute) —
/// the resident set, and the managed heap as the last garbage collection left it (after a young-generation collection
/// it still holds old garbage: a leak shows as a heap that keeps growing across full collections).
/// </summary>
internal sealed class MemoryHealthCheck : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var gc = GC.GetGCMemoryInfo();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        const double mb = 1024 * 1024;
        return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(data: new Dictionary<string, object>
        {
            ["residentMb"] = Math.Round(process.WorkingSet64 / mb),
            ["heapAfterLastGcMb"] = Math.Round(gc.HeapSizeBytes / mb),
            ["heapCommittedMb"] = Math.Round(gc.TotalCommittedBytes / mb),
            ["collections"] = GC.CollectionCount(0),
        }));
    }
}
