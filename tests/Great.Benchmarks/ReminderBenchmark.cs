using System.Diagnostics;
using Great.Web.Data;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.Benchmarks;

/// <summary>The morning reminder scan of every region, one after the other, as the hourly job does at each region's hour.</summary>
public static class ReminderBenchmark
{
    public static async Task<(TimeSpan Elapsed, int Written, int Officers, int Classes)> ScanAllRegionsAsync(BenchmarkHost host)
    {
        var (regions, before, officers, classes) = await host.DbAsync(async db => (
            await db.Regions.Select(r => r.Id).ToListAsync(), await db.OutboundEmails.CountAsync(),
            await db.Instructors.CountAsync(), await db.Classes.CountAsync()));
        var clock = Stopwatch.StartNew();
        foreach (var region in regions)
        {
            await host.InScopeAsync(async sp =>
            {
                await sp.GetRequiredService<ReminderJob>().RunForRegionAsync(region);
                return 0;
            });
        }
        clock.Stop();
        var after = await host.DbAsync(db => db.OutboundEmails.CountAsync());
        return (clock.Elapsed, after - before, officers, classes);
    }
}
