using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>The app on a clock the test sets: 24 November 2026, 12:00 UTC (06:00 in El Salvador) to begin with.</summary>
public class FakeClockAppFactory : GreatAppFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    protected override DateTimeOffset? SeedMoment => Clock.GetUtcNow();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
