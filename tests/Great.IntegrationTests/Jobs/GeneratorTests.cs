using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Data.Seeding;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Jobs;

/// <summary>An empty database, for the synthetic national data.</summary>
public sealed class EmptyAppFactory : GreatAppFactory
{
    protected override bool StartsFromDemoTemplate => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Demo", "false");
    }

    public async Task<string> GenerateAsync(GeneratorOptions options)
    {
        await using var scope = Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<NationalDataGenerator>(scope.ServiceProvider).GenerateAsync(options);
    }
}

public class GeneratorTests
{
    private static readonly GeneratorOptions Small = new(Regions: 3, Schools: 12, Classes: 60, StudentsPerClass: 9, Seed: 7);

    [Fact]
    public async Task Should_generate_a_consistent_programme_whose_roll_up_equals_a_direct_count()
    {
        await using var app = new EmptyAppFactory();
        _ = app.Services;
        var summary = await app.GenerateAsync(Small);
        Assert.Contains("60 classes, 540 students", summary);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReachRollupJob>().RunFullAsync();
        }
        await app.QueryAsync(async db =>
        {
            var curriculum = app.Services.GetRequiredService<CurriculumCatalogue>();
            // Cancelled classes (the generator cancels some, some after lessons) leave the figures.
            var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.WithdrawnOn == null && e.Class.Status != ClassStatus.Cancelled)
                .Select(e => new { e.Id, e.StudentId, e.Class.ComponentCode, e.Class.Edition }).ToListAsync();
            var present = (await db.Attendance.AsNoTracking().Where(a => a.Present && a.Delivery.Class.Status != ClassStatus.Cancelled).Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber }).ToListAsync())
                .ToLookup(a => a.EnrollmentId, a => a.LessonNumber);
            var completed = enrollments.Where(e => curriculum.Find(e.ComponentCode, e.Edition) is { } c && c.Completion.IsMetBy(present[e.Id], c.LessonCount))
                .Select(e => e.StudentId).Distinct().Count();
            var program = await db.ReachRollups.Where(r => r.Level == RollupLevel.Program).ToListAsync();
            Assert.Equal(enrollments.Select(e => e.StudentId).Distinct().Count(), program.Sum(r => r.StudentsEnrolled));
            Assert.Equal(completed, program.Sum(r => r.StudentsCompleted));
            Assert.True(completed > 0);
            Assert.Equal(await db.LessonDeliveries.CountAsync(d => d.Class.Status != ClassStatus.Cancelled), program.Sum(r => r.LessonsDelivered));
            Assert.True(await db.Classes.CountAsync(c => c.Status == ClassStatus.Cancelled) > 0);
            return 0;
        });

        // Ids continue after the generated rows (PostgreSQL's sequences were moved on).
        await app.QueryAsync(async db =>
        {
            db.Regions.Add(new Region { Name = "Extra", CountryCode = "XX", TimeZone = "UTC" });
            return await db.SaveChangesAsync();
        });
        Assert.InRange(await app.QueryAsync(db => db.Regions.Where(r => r.Name == "Extra").Select(r => r.Id).SingleAsync()), 4, 4);
    }

    [Fact]
    public async Task Should_generate_the_same_rows_from_the_same_seed_and_refuse_a_database_that_is_not_empty()
    {
        async Task<(int Marks, int Present, int Students)> GenerateAsync()
        {
            await using var app = new EmptyAppFactory();
            _ = app.Services;
            await app.GenerateAsync(Small);
            var figures = await app.QueryAsync(async db => (await db.Attendance.CountAsync(), await db.Attendance.CountAsync(a => a.Present), await db.Students.CountAsync()));
            await Assert.ThrowsAsync<InvalidOperationException>(() => app.GenerateAsync(Small));
            return figures;
        }
        Assert.Equal(await GenerateAsync(), await GenerateAsync());
    }
}
