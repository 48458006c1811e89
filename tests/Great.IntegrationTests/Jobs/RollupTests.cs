using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Jobs;

public class RollupTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private Task<List<RollupFigures.Figures>> RollupAsync() => RollupFigures.KeptAsync(app);

    private Task<List<RollupFigures.Figures>> DirectCountAsync() => RollupFigures.DirectCountAsync(app);

    [Fact]
    public async Task Should_equal_a_direct_count_over_raw_attendance_for_the_demo_and_for_random_data()
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var demo = await RollupAsync();
        Assert.Equal(await DirectCountAsync(), demo);
        Assert.Contains(demo, f => f.Level == RollupLevel.Program && f.Completed > 0);
        // The demo's finished and under-way Families groups: families enrolled, reached and (the finished group) completed.
        Assert.Contains(demo, f => f.Level == RollupLevel.Program && f.Component == "FAM" && f.FamiliesCompleted > 0 && f.FamiliesReached > f.FamiliesCompleted
            && f.AdultsReached > 0 && f.YouthReached > 0 && f.Enrolled == 0);

        await AddRandomClassesAsync(seed: 2026, classes: 40);
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var random = await RollupAsync();
        Assert.Equal(await DirectCountAsync(), random);
        Assert.True(random.Where(f => f.Level == RollupLevel.Program).Sum(f => f.Enrolled) > demo.Where(f => f.Level == RollupLevel.Program).Sum(f => f.Enrolled));
        Assert.True(random.Where(f => f.Level == RollupLevel.Program).Sum(f => f.FamiliesCompleted) > demo.Where(f => f.Level == RollupLevel.Program).Sum(f => f.FamiliesCompleted));
    }

    [Fact]
    public async Task Should_give_after_one_recorded_lesson_the_same_figures_incrementally_as_a_full_recompute()
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var officer = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10102" && c.Grade == "4" && c.Section == "A").Select(c => c.Id).SingleAsync());
        var recorded = await officer.SubmitAsync($"/Lessons/Record/{classId}", []);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.RollupRequests.CountAsync()));
        var before = await RollupAsync();

        await app.RunAsync<ReachRollupJob>(j => j.RunRequestedAsync());
        var incremental = await RollupAsync();
        Assert.Equal(0, await app.QueryAsync(db => db.RollupRequests.CountAsync()));
        Assert.NotEqual(before, incremental);

        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        Assert.Equal(await RollupAsync(), incremental);
    }

    [Fact]
    public async Task Should_take_two_requests_for_one_school_saved_at_the_same_moment_and_clear_both_with_one_recompute()
    {
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        // Two saves that each change an enrolment of the school (two coordinators at the same moment): each asks for itself.
        await using (var first = app.Services.CreateAsyncScope())
        await using (var second = app.Services.CreateAsyncScope())
        {
            var a = first.ServiceProvider.GetRequiredService<GreatDbContext>();
            var b = second.ServiceProvider.GetRequiredService<GreatDbContext>();
            var enrolments = await a.Enrollments.Where(e => e.Class.SchoolId == school && e.WithdrawnOn == null).OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync();
            var left = await a.Enrollments.SingleAsync(e => e.Id == enrolments[0]);
            left.Withdraw(left.EnrolledOn);
            var alsoLeft = await b.Enrollments.SingleAsync(e => e.Id == enrolments[1]);
            alsoLeft.Withdraw(alsoLeft.EnrolledOn);
            await a.SaveChangesAsync();
            await b.SaveChangesAsync();
        }
        Assert.Equal(2, await app.QueryAsync(db => db.RollupRequests.CountAsync(r => r.SchoolId == school)));

        await app.RunAsync<ReachRollupJob>(j => j.RunRequestedAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.RollupRequests.CountAsync()));
        var computed = await app.QueryAsync(db => db.ReachRollups.Where(r => r.Level == RollupLevel.School && r.ScopeId == school).Select(r => r.ComputedAt).Distinct().ToListAsync());
        Assert.Equal([app.Clock.GetUtcNow()], computed);
    }

    private async Task AddRandomClassesAsync(int seed, int classes)
    {
        await app.QueryAsync(async db =>
        {
            var random = new Random(seed);
            var schools = await db.Schools.ToListAsync();
            var instructors = await db.Instructors.Select(i => i.Id).ToListAsync();
            var components = new[] { ("ELEM", 6), ("MS", 13), ("FAM", 6), ("SUM", 4) };
            for (var n = 0; n < classes; n++)
            {
                var school = schools[random.Next(schools.Count)];
                var (code, count) = components[random.Next(components.Length)];
                var year = 2025 + random.Next(2);
                var schoolClass = new SchoolClass
                {
                    SchoolId = school.Id, ComponentCode = code, Edition = "2024", Grade = "R", Section = n.ToString(),
                    InstructorId = random.Next(4) == 0 ? null : instructors[random.Next(instructors.Count)],
                    Status = (ClassStatus)random.Next(4),
                };
                schoolClass.Describe(year, "R", n.ToString(), null, null);
                var enrolments = code == "FAM"
                    // Households of one to four members, any mix of adults and youth (some with none of one, which never complete).
                    ? Enumerable.Range(0, random.Next(0, 8)).SelectMany(h =>
                    {
                        var household = new Household { Class = schoolClass, Label = $"R-{h}" };
                        schoolClass.Households.Add(household);
                        return Enumerable.Range(0, random.Next(1, 5)).Select(i =>
                        {
                            var e = new Enrollment
                            {
                                Class = schoolClass, Student = new Student { SchoolId = school.Id, GivenName = $"R{n}-{h}-{i}", FamilyInitial = "R" },
                                EnrolledOn = new DateOnly(2025, 1, 1), Household = household, Role = random.Next(2) == 0 ? MemberRole.Adult : MemberRole.Youth,
                                WithdrawnOn = random.Next(8) == 0 ? new DateOnly(2025, 6, 1) : null,
                            };
                            schoolClass.Enrollments.Add(e);
                            return e;
                        }).ToList();
                    }).ToList()
                    : Enumerable.Range(0, random.Next(0, 25)).Select(i =>
                    {
                        var e = schoolClass.Enroll(new Student { SchoolId = school.Id, GivenName = $"R{n}-{i}", FamilyInitial = "R" }, new DateOnly(2025, 1, 1));
                        if (random.Next(10) == 0) e.Withdraw(new DateOnly(2025, 6, 1));
                        return e;
                    }).ToList();
                foreach (var lesson in Enumerable.Range(1, count).Where(_ => random.Next(3) > 0))
                {
                    var delivery = new LessonDelivery { LessonNumber = lesson, TaughtOn = new DateOnly(2025, 3, 1).AddDays(lesson * 7), InstructorId = instructors[0], RecordedAt = DateTimeOffset.UnixEpoch };
                    delivery.Attendance.AddRange(enrolments.Select(e => new Attendance { Enrollment = e, Present = random.Next(5) > 0 }));
                    schoolClass.Deliveries.Add(delivery);
                }
                db.Classes.Add(schoolClass);
            }
            return await db.SaveChangesAsync();
        });
    }
}
