using Great.Web.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace Great.Benchmarks;

/// <summary>
/// The national dataset, generated once per size and seed by the app's own generator and kept beside the results;
/// every run works on a fresh copy, because the scenarios record lessons and import rosters.
/// </summary>
public static class Dataset
{
    public static async Task<(string WorkingCopy, string Summary)> PrepareAsync(string folder, GeneratorOptions options, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        var name = $"national-{options.Classes * options.StudentsPerClass}-s{options.Schools}-i{options.Instructors}-seed{options.Seed}";
        var pristine = Path.Combine(folder, name + ".db");
        var summaryFile = Path.Combine(folder, name + ".txt");
        if (!File.Exists(pristine) || !File.Exists(summaryFile))
        {
            foreach (var stale in new[] { pristine, pristine + "-wal", pristine + "-shm" }) File.Delete(stale);
            log.WriteLine($"Generating {name} (once; kept in {folder})...");
            await using var host = new BenchmarkHost(pristine);
            var summary = await host.InScopeAsync(sp => ActivatorUtilities.CreateInstance<NationalDataGenerator>(sp).GenerateAsync(options));
            await File.WriteAllTextAsync(summaryFile, summary);
        }
        var work = Path.Combine(folder, "work.db");
        foreach (var stale in new[] { work, work + "-wal", work + "-shm" }) File.Delete(stale);
        File.Copy(pristine, work);
        return (work, await File.ReadAllTextAsync(summaryFile));
    }
}
