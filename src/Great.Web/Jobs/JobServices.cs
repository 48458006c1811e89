using Great.Web.Email;
using Great.Web.Security;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;

namespace Great.Web.Jobs;

public static class JobServices
{
    public static IServiceCollection AddGreatJobs(this IServiceCollection services, IConfiguration config)
    {
        var storage = config["Hangfire:Storage"] ?? "InMemory";
        if (!storage.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Hangfire:Storage '{storage}' is not supported: use InMemory.");
        }
        // Storage and activator belong to this host, not to Hangfire's static globals, so that several hosts in one
        // process (the tests) never share a queue. Nothing that matters lives only in it: see the outbox and RollupRequest.
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>(); // Hangfire's own settings first (its log provider among them)
            return new InMemoryStorage(new InMemoryStorageOptions());
        });
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
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }
        services.Configure<EmailOptions>(config.GetSection("Email"));
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<ReachRollupJob>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<EmailDispatchJob>();
        return services;
    }

    /// <summary>The recurring jobs (re-registered at every start: a restart of in-memory storage loses no schedule) and the dashboard.</summary>
    public static WebApplication UseGreatJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<ReachRollupJob>("reach-rollup-nightly", j => j.RunFullAsync(), "15 3 * * *");
        jobs.AddOrUpdate<ReachRollupJob>("reach-rollup-requested", j => j.RunRequestedAsync(), Cron.Minutely());
        jobs.AddOrUpdate<ReminderJob>("reminders", j => j.RunDueRegionsAsync(), Cron.Hourly());
        jobs.AddOrUpdate<EmailDispatchJob>("email-dispatch", j => j.DispatchAsync(), Cron.Minutely());
        // Figures at once after a start (the demo's first minute, or a database restored from elsewhere).
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ReachRollupJob>(j => j.RunFullAsync());

        app.MapHangfireDashboard("/Admin/Jobs", new DashboardOptions
        {
            Authorization = [new AdminsOnly()],
            AppPath = "/Admin",
            DashboardTitle = "Great · jobs",
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
