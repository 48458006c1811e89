using System.Diagnostics;
using System.Diagnostics.Metrics;
using Great.Web.Security;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Great.Web.Telemetry;

/// <summary>
/// Where the time goes, in the product (issue 42). Metrics always: every request (ASP.NET Core), every outgoing call
/// (OneRoster, OpenID Connect), the runtime, and Great's own — how long a save waited for its turn at the write
/// queue and how long it took to its commit — in Prometheus' text format on <c>/metrics</c>, which only
/// administrators reach. Traces when an OTLP collector is configured (<c>Telemetry:OtlpEndpoint</c>): each request
/// with its EF Core commands and Great's spans of a save (<c>save</c>, <c>write-queue wait</c>, <c>commit</c>); without a
/// collector no span is made at all, so an app that exports nothing pays nothing for them.
/// </summary>
public static class GreatTelemetry
{
    public const string Name = "Great";
    public const string MetricsPath = "/metrics";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> WriteQueueWait = Meter.CreateHistogram<double>("great.write_queue.wait", "ms",
        "How long a save or a job's transaction waited for its turn at the write queue.");
    public static readonly Histogram<double> SaveDuration = Meter.CreateHistogram<double>("great.save.duration", "ms",
        "A save from its turn at the write queue to its commit (the rows, the save pipeline's own rows, the commit).");

    public static IServiceCollection AddGreatTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var otlp = config["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("great"))
            .WithMetrics(m =>
            {
                m.AddMeter(Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter();
                if (otlp is not null) m.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(t => t.AddSource(Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = otlp));
        }
        return services;
    }

    /// <summary>The metrics, for administrators only (a scraper signs in as one, or scrapes a management port in front of the app).</summary>
    public static WebApplication MapGreatTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Operations.Administer);
        return app;
    }

    /// <summary>Milliseconds since a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static double MillisecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
