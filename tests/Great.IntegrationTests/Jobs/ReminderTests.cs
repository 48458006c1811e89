using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Jobs;

public class ReminderTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private Task<List<OutboundEmail>> OutboxAsync(string kind) =>
        app.QueryAsync(db => db.OutboundEmails.Where(e => e.Kind == kind).OrderBy(e => e.Id).ToListAsync());

    private Task<int> RegionAsync(string country) => app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == country).Select(r => r.Id).SingleAsync());

    [Fact]
    public async Task Should_write_each_reminder_once_in_the_regions_local_morning_in_the_recipients_language()
    {
        // Lesson 11 of Carlos's Middle School class is planned for tomorrow, 25 November.
        var carlos = await app.QueryAsync(async db =>
        {
            var schoolClass = await db.Classes.Include(c => c.PlannedLessons).SingleAsync(c => c.School.Code == "SV-10101" && c.Grade == "6" && c.PlannedLessons.Any(p => p.LessonNumber == 11));
            schoolClass.Plan(schoolClass.PlannedLessons.OrderBy(p => p.LessonNumber).Select(p => p.LessonNumber == 11 ? new DateOnly(2026, 11, 25) : p.PlannedOn).ToList());
            await db.SaveChangesAsync();
            return await db.Instructors.Where(i => i.BadgeNumber == "SV-4471").Select(i => i.Id).SingleAsync();
        });

        app.Clock.AdjustTime(Tuesday.AddHours(12).AddMinutes(30)); // 06:30 in San Salvador: too early
        await app.RunAsync<ReminderJob>(j => j.RunDueRegionsAsync());
        Assert.Empty(await OutboxAsync(ReminderJob.LessonTomorrow));

        app.Clock.AdjustTime(Tuesday.AddHours(13).AddMinutes(5)); // 07:05 in San Salvador, 08:05 in New York
        await app.RunAsync<ReminderJob>(j => j.RunDueRegionsAsync());
        // Honduras shares El Salvador's clock: its officers get theirs too; Carlos gets one.
        var tomorrow = Assert.Single(await OutboxAsync(ReminderJob.LessonTomorrow), e => e.Recipient == "instructor@example.org");
        Assert.Equal(($"lesson-tomorrow:{carlos}:2026-11-25", "instructor@example.org", "es"), (tomorrow.DedupeKey, tomorrow.Recipient, tomorrow.Culture));
        Assert.StartsWith("Mañana: 1 lección que impartir", tomorrow.Subject); // one lesson, said in the singular (Plurals)
        Assert.Contains("Lección 11", tomorrow.Text);
        Assert.Contains("<a href=\"http://localhost:5070/Classes/Mine\"", tomorrow.Html);

        // Elementary 4 A planned lessons 3, 4 and 5 on 3, 10 and 17 November without a record.
        // (At 06:30 here it was 07:30 in the US Southeast: its officers got theirs then, in English.)
        var overdue = (await OutboxAsync(ReminderJob.LessonOverdue)).Where(e => e.Recipient == "instructor@example.org").ToList();
        Assert.Equal(3, overdue.Count);
        Assert.All(overdue, e => Assert.StartsWith("Lección aún sin registrar", e.Subject));

        // María José's certifications expire in 35 days: she and her manager hear of it, in Spanish.
        var expiry = await OutboxAsync(ReminderJob.CertificationExpiry);
        Assert.Contains(expiry, e => e.Recipient == "mj.alvarado@pnc.example.org" && e.Subject.StartsWith("La certificación vence en 35 días"));
        Assert.Contains(expiry, e => e.Recipient == "manager.sv@example.org" && e.DedupeKey.Contains(":60:"));
        // Each region at its own seven o'clock: New York's came at 12:30 UTC, San Salvador's at 13:05.
        Assert.All(expiry.Where(e => e.Recipient == "manager.us@example.org"), e => Assert.Equal(12, e.CreatedAt.Hour));
        Assert.All(expiry.Where(e => e.Recipient == "manager.sv@example.org"), e => Assert.Equal(13, e.CreatedAt.Hour));

        var staffing = Assert.Single(await OutboxAsync(ReminderJob.ClassStaffing), e => e.DedupeKey.Contains("unstaffed") && e.Recipient == "coordinator@example.org");
        Assert.Equal("coordinator@example.org", staffing.Recipient);
        Assert.StartsWith("Clase sin instructor", staffing.Subject);
        Assert.DoesNotContain(await OutboxAsync(ReminderJob.ManagerDigest), e => e.CreatedAt.Date == Tuesday.Date); // not on a Tuesday

        // Still seven o'clock, or the scan run twice: nothing new.
        var total = await app.QueryAsync(db => db.OutboundEmails.CountAsync());
        app.Clock.AdjustTime(Tuesday.AddHours(13).AddMinutes(40));
        await app.RunAsync<ReminderJob>(j => j.RunDueRegionsAsync());
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(RegionAsync("SV").Result));
        Assert.Equal(total, await app.QueryAsync(db => db.OutboundEmails.CountAsync()));

        // A week later: the three again (once each), plus lessons 6 (24 Nov), 10 (27 Nov) and 11 (25 Nov) now two days late.
        app.Clock.AdjustTime(Tuesday.AddDays(7).AddHours(13).AddMinutes(5));
        await app.RunAsync<ReminderJob>(j => j.RunDueRegionsAsync());
        await app.RunAsync<ReminderJob>(j => j.RunDueRegionsAsync());
        var weekLater = (await OutboxAsync(ReminderJob.LessonOverdue)).Where(e => e.Recipient == "instructor@example.org").ToList();
        Assert.Equal(3 + 3 + 3, weekLater.Count);
        Assert.Equal(weekLater.Count, weekLater.Select(e => e.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task Should_write_an_english_speakers_reminders_in_english()
    {
        app.Clock.AdjustTime(Tuesday.AddHours(12).AddMinutes(10)); // 07:10 in New York
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(RegionAsync("US").Result));
        var expiry = await OutboxAsync(ReminderJob.CertificationExpiry);
        var manager = Assert.Single(expiry, e => e.Recipient == "manager.us@example.org" && e.Subject.Contains("Okafor"));
        Assert.Equal("en", manager.Culture);
        Assert.Matches(@"^Certification expires in \d+ days: Daniel Okafor, Middle School$", manager.Subject);
        Assert.Contains("Plan the renewal now.", manager.Text);
    }

    [Fact]
    public async Task Should_send_the_monday_digest_and_respect_switched_off_kinds_but_never_certification_expiry()
    {
        await app.QueryAsync(async db =>
        {
            var manager = await db.Users.SingleAsync(u => u.Email == "manager.hn@example.org");
            manager.ReminderOptOuts = $"{ReminderJob.ManagerDigest},{ReminderJob.ClassStaffing}";
            // A new officer of El Salvador provisional for seven months: overdue for a mentor's observation.
            var provisional = await db.Certifications.SingleAsync(c => c.Instructor.BadgeNumber == "SV-6001" && c.ComponentCode == "ELEM");
            provisional.CorrectDates(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 20), provisional.ExpiresOn);
            return await db.SaveChangesAsync();
        });
        var monday = new DateTimeOffset(2026, 11, 30, 13, 5, 0, TimeSpan.Zero); // 07:05 in Tegucigalpa
        app.Clock.AdjustTime(monday);
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(RegionAsync("HN").Result));
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(RegionAsync("SV").Result));

        var digests = await OutboxAsync(ReminderJob.ManagerDigest);
        var sv = Assert.Single(digests, e => e.DedupeKey.EndsWith("2026-11-30") && e.Recipient == "manager.sv@example.org");
        Assert.Equal("manager.sv@example.org", sv.Recipient);
        Assert.StartsWith("Resumen semanal de El Salvador", sv.Subject);
        Assert.Contains("Primaria:", sv.Text);
        Assert.Contains("Oficiales con observación vencida: 1", sv.Text);
        // Honduras's manager switched digests off, yet still hears of an expiring certification.
        Assert.DoesNotContain(digests, e => e.Recipient == "manager.hn@example.org");
        Assert.Contains(await OutboxAsync(ReminderJob.CertificationExpiry), e => e.Recipient == "manager.hn@example.org");
    }
}
