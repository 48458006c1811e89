using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Fidelity;

/// <summary>
/// Dosage recorded with a lesson (form, correction, phone), observations and their rules over real form posts, the
/// provisional → active path with its reminder, and the fidelity roll-up against a direct count.
/// </summary>
public class FidelityTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static Dictionary<string, string> Observation(int lesson, int minutes = 45, string outcome = "Pass", int engagement = 3, bool signOff = false)
    {
        var values = new Dictionary<string, string>
        {
            ["Input.LessonNumber"] = lesson.ToString(), ["Input.Minutes"] = minutes.ToString(), ["Input.Preparation"] = "3",
            ["Input.Engagement"] = engagement.ToString(), ["Input.ClassroomManagement"] = "4", ["Input.ContentAccuracy"] = "3",
            ["Input.Strengths"] = "Buen manejo del grupo", ["Input.Suggestions"] = "Más tiempo para la dramatización", ["Input.Outcome"] = outcome,
        };
        if (signOff) values["Input.SignOff"] = "true";
        return values;
    }

    private Task<int> ObservationsAsync() => app.QueryAsync(db => db.Observations.CountAsync());

    [Fact]
    public async Task Should_record_minutes_and_activities_with_a_lesson_refuse_bad_ones_and_audit_a_correction()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.ClassIdAsync("SV-10102", "4", "A"); // Elementary, lessons 1–2 recorded: lesson 3 is next
        var form = await browser.GetDocumentAsync($"/Lessons/Record/{classId}");
        Assert.Equal("45", form.QuerySelector("#MinutesTaught")!.GetAttribute("value"));
        var enabled = form.QuerySelector(".activity-list:not([disabled])")!;
        Assert.Equal("3", enabled.GetAttribute("data-lesson"));
        Assert.Equal(4, enabled.QuerySelectorAll("input[name=Activities][checked]").Length); // all done until unticked
        Assert.Contains("Tarjetas de decisiones en parejas", enabled.TextContent); // the officer reads them in Spanish

        var before = await app.QueryAsync(db => db.LessonDeliveries.CountAsync());
        foreach (var (minutes, message) in new[] { ("0", "entre 1 y 240"), ("300", "entre 1 y 240"), ("", "entre 1 y 240") })
        {
            var refused = await browser.SubmitAsync($"/Lessons/Record/{classId}", [new("MinutesTaught", minutes)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await Forms.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        }
        var strange = await browser.SubmitAsync($"/Lessons/Record/{classId}", [new("Activities", "1"), new("Activities", "9")]);
        Assert.Contains("Elija solo actividades de esta lección", (await Forms.ParseAsync(strange)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, await app.QueryAsync(db => db.LessonDeliveries.CountAsync()));

        var saved = await browser.SubmitAsync($"/Lessons/Record/{classId}", [new("MinutesTaught", "40"), new("Activities", "1"), new("Activities", "2"), new("Activities", "4")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var delivery = await app.QueryAsync(db => db.LessonDeliveries.SingleAsync(d => d.ClassId == classId && d.LessonNumber == 3));
        Assert.Equal((40, 45, "1,2,4", 3, 4), (delivery.MinutesTaught, delivery.MinutesPlanned, delivery.ActivitiesDone, delivery.ActivitiesDoneCount, delivery.ActivitiesPlanned));

        var classPage = await browser.GetDocumentAsync($"/Classes/Details/{classId}");
        Assert.Equal("40 min · 3/4 actividades", classPage.QuerySelectorAll("#lessons tbody tr")[2].QuerySelector("[data-dosage]")!.TextContent.Trim());

        // The correction form shows what was recorded; correcting it is audited like any other change.
        var edit = await browser.GetDocumentAsync($"/Lessons/Edit/{delivery.Id}");
        Assert.Equal(3, edit.QuerySelectorAll(".activity-list input[name=Activities][checked]").Length);
        var corrected = await browser.SubmitAsync($"/Lessons/Edit/{delivery.Id}", [new("MinutesTaught", "45"), new("Activities", "1"), new("Activities", "2"), new("Activities", "3"), new("Activities", "4")]);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "LessonDelivery" && a.EntityId == delivery.Id.ToString() && a.Action == "Modified").ToListAsync());
        Assert.Contains(audit, a => a.Before!.Contains("\"ActivitiesDone\":\"1,2,4\"") && a.After!.Contains("\"ActivitiesDone\":\"1,2,3,4\""));
    }

    [Fact]
    public async Task Should_record_dosage_sent_from_a_phone_refuse_it_out_of_range_and_take_a_record_kept_before_dosage_was_asked()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var token = (await browser.GetFromJsonAsync<JsonElement>("/Phone/Send")).GetProperty("token").GetString()!;
        var classId = await app.ClassIdAsync("SV-10101", "6", "B"); // Middle School, lessons 1–9 recorded
        var enrolled = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId && e.WithdrawnOn == null).Select(e => e.Id).ToListAsync());
        var today = await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).Select(c => c.School.Region).SingleAsync());
        Task<HttpResponseMessage> Send(int lesson, int? minutes, int[]? activities)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/Phone/Send")
            {
                Content = JsonContent.Create(new
                {
                    id = Guid.NewGuid(), classId, lessonNumber = lesson, taughtOn = today.Today(app.Clock).ToString("yyyy-MM-dd"), present = enrolled,
                    roster = enrolled, minutes, activities,
                }),
            };
            request.Headers.Add("RequestVerificationToken", token);
            return browser.SendAsync(request);
        }

        var refused = await Send(10, 500, [1]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("entre 1 y 240", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetString());
        Assert.Equal(0, await app.QueryAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId && d.LessonNumber == 10)));

        Assert.Equal(HttpStatusCode.OK, (await Send(10, 50, [1, 3])).StatusCode);
        var sent = await app.QueryAsync(db => db.LessonDeliveries.SingleAsync(d => d.ClassId == classId && d.LessonNumber == 10));
        Assert.Equal((50, 50, "1,3", 2, 4), (sent.MinutesTaught, sent.MinutesPlanned, sent.ActivitiesDone, sent.ActivitiesDoneCount, sent.ActivitiesPlanned));

        // A phone that kept its record before this version sends no dosage: recorded, without it.
        Assert.Equal(HttpStatusCode.OK, (await Send(11, null, null)).StatusCode);
        Assert.Null(await app.QueryAsync(db => db.LessonDeliveries.Where(d => d.ClassId == classId && d.LessonNumber == 11).Select(d => d.MinutesTaught).SingleAsync()));
    }

    [Fact]
    public async Task Should_let_a_mentor_observe_another_officers_recorded_lesson_and_refuse_everything_else_writing_nothing()
    {
        var mentor = await app.SignedInAsync(DemoAccounts.Instructor); // Carlos: Mentor for Elementary and Middle School in El Salvador
        var other = await app.ClassIdAsync("SV-10102", "7", "A"); // Middle School, taught by María José Alvarado
        var own = await app.ClassIdAsync("SV-10101", "5", "A");
        var honduras = await app.QueryAsync(db => db.Classes.Where(c => c.School.Region.CountryCode == "HN").Select(c => c.Id).FirstAsync());
        var before = await ObservationsAsync();

        async Task<string> Refusal(int classId, Dictionary<string, string> values)
        {
            var response = await mentor.SubmitAsync($"/Observations/Record/{classId}?lessonNumber={values["Input.LessonNumber"]}", values, "#observe-lesson");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Forms.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent;
        }
        Assert.Contains("aún no está registrada", await Refusal(other, Observation(lesson: 13)));
        Assert.Contains("de 1 a 4", await Refusal(other, Observation(lesson: 12, engagement: 5)));
        Assert.Contains("entre 1 y 240", await Refusal(other, Observation(lesson: 12, minutes: 0)));
        Assert.Contains("entre 1 y 240", await Refusal(other, Observation(lesson: 12, minutes: 241)));
        Assert.Contains("No puede observar su propia lección", await Refusal(own, Observation(lesson: 2)));
        Assert.Contains("Elija el resultado", await Refusal(other, Observation(lesson: 12, outcome: "7"))); // a crafted value outside the outcomes
        Assert.Equal(before, await ObservationsAsync());

        // Another region's lesson does not exist for this mentor, nor for this region's manager; a coordinator may not observe at all.
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/Observations/Record/{honduras}")).StatusCode);
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Observations/Record/{honduras}")).StatusCode);
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Observations/Record/{other}")).StatusCode);

        var saved = await mentor.SubmitAsync($"/Observations/Record/{other}?lessonNumber=12", Observation(lesson: 12, outcome: "NeedsFollowUp"), "#observe-lesson");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var observation = await app.QueryAsync(db => db.Observations.Include(o => o.ObservedInstructor).SingleAsync(o => o.Delivery.ClassId == other));
        var signedOff = await app.QueryAsync(db => db.Certifications.AnyAsync(c => c.SignOffObservationId == observation.Id));
        Assert.Equal(("SV-4502", ObservationOutcome.NeedsFollowUp, 4, 4, false), (observation.ObservedInstructor.BadgeNumber, observation.Outcome,
            observation.ActivityNumbersSeen.Count, observation.ClassroomManagement, signedOff));

        // The observed officer's account reads it, acknowledges it; nobody else can acknowledge it; the manager of another region cannot see it.
        var details = await mentor.GetDocumentAsync($"/Observations/Details/{observation.Id}");
        Assert.Contains("Buen manejo del grupo", details.Text());
        Assert.Empty(details.QuerySelectorAll("form[action*=Acknowledge]"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Observations/Details/{observation.Id}")).StatusCode);
        var honduranManager = await app.SignedInAsync(DemoAccounts.ManagerHn);
        Assert.Equal(HttpStatusCode.NotFound, (await honduranManager.GetAsync($"/Observations/Details/{observation.Id}")).StatusCode);
        var token = details.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refusedAcknowledgement = await mentor.PostAsync($"/Observations/Details/{observation.Id}?handler=Acknowledge",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, refusedAcknowledgement.StatusCode);
        Assert.Contains("Solo el oficial observado", (await Forms.ParseAsync(refusedAcknowledgement)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(await app.QueryAsync(db => db.Observations.Where(o => o.Id == observation.Id).Select(o => o.AcknowledgedAt).SingleAsync()));
    }

    [Fact]
    public async Task Should_make_a_provisional_certification_active_through_the_assigned_mentors_passing_sign_off_with_its_reminder()
    {
        var officer = await app.QueryAsync(db => db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.BadgeNumber == "SV-6001"));
        var elementary = officer.Certifications.Single(c => c.ComponentCode == "ELEM");
        var carlos = await app.QueryAsync(db => db.Instructors.SingleAsync(i => i.BadgeNumber == "SV-4471"));
        Assert.Null(elementary.MentorId);
        Assert.True(elementary.RequiresMentoring);

        // The manager assigns the mentor: only a mentor of the component in the region is offered and accepted.
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var page = await manager.GetDocumentAsync($"/Instructors/Mentor/{elementary.Id}");
        Assert.Equal([carlos.Id.ToString()], page.QuerySelectorAll("#MentorId option[value!='']").Select(o => o.GetAttribute("value")!));
        var notMentor = await app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == "SV-4502").Select(i => i.Id).SingleAsync());
        var refused = await manager.SubmitAsync($"/Instructors/Mentor/{elementary.Id}", [new("MentorId", notMentor.ToString())]);
        Assert.Contains("no es mentor", (await Forms.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        var assigned = await manager.SubmitAsync($"/Instructors/Mentor/{elementary.Id}", [new("MentorId", carlos.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(carlos.Id, await app.QueryAsync(db => db.Certifications.Where(c => c.Id == elementary.Id).Select(c => c.MentorId).SingleAsync()));

        // The morning reminders tell the mentor, once.
        var region = await app.QueryAsync(db => db.Regions.SingleAsync(r => r.CountryCode == "SV"));
        var today = region.Today(app.Clock);
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(region.Id));
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(region.Id));
        var assignedMail = Assert.Single(await app.QueryAsync(db => db.OutboundEmails.Where(e => e.Kind == ReminderJob.Mentoring).ToListAsync()));
        Assert.Equal(("instructor@example.org", "es"), (assignedMail.Recipient, assignedMail.Culture));
        Assert.EndsWith(":assigned", assignedMail.DedupeKey);
        Assert.Contains("Usted es mentor de Jorge Alberto Rivas Melara para Primaria", assignedMail.Subject);
        Assert.Contains("/Observations", assignedMail.Text);

        // Provisional for more than six months (certified seven months ago, as records sometimes arrive late): overdue
        // in the lists and the report, and the mentor is reminded again, once a week.
        await app.QueryAsync(db => db.Certifications.Where(c => c.Id == elementary.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.CertifiedOn, today.AddMonths(-7)).SetProperty(c => c.TrainedOn, today.AddMonths(-7))));
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(region.Id));
        await app.RunAsync<ReminderJob>(j => j.RunForRegionAsync(region.Id));
        var overdueMail = Assert.Single(await app.QueryAsync(db => db.OutboundEmails.Where(e => e.Kind == ReminderJob.Mentoring && e.DedupeKey.Contains(":overdue:")).ToListAsync()));
        Assert.Contains("Observación vencida: Jorge Alberto Rivas Melara, Primaria", overdueMail.Subject);
        var overdueList = await manager.GetDocumentAsync("/Instructors?overdue=true");
        Assert.Equal([officer.Id.ToString()], overdueList.QuerySelectorAll("#instructors tbody tr").Select(r => r.GetAttribute("data-instructor-id")!));
        Assert.NotNull(overdueList.QuerySelector("#instructors .overdue-observation"));
        var report = await manager.GetDocumentAsync("/Reach/Fidelity");
        Assert.Equal([officer.Id.ToString()], report.QuerySelectorAll("#due-for-observation li").Select(li => li.GetAttribute("data-instructor-id")!));

        // The officer teaches (provisional officers may), the mentor watches a lesson from the list of officers they mentor.
        var classId = await OpenClassWithLessonAsync(officer.Id);
        var mentor = await app.SignedInAsync(DemoAccounts.Instructor);
        var mine = await mentor.GetDocumentAsync("/Observations");
        Assert.NotNull(mine.QuerySelector($"#mentees a[href='/Observations/Record/{classId}']"));
        var form = await mentor.GetDocumentAsync($"/Observations/Record/{classId}");
        Assert.NotNull(form.QuerySelector("#sign-off"));
        var noPass = await mentor.SubmitAsync($"/Observations/Record/{classId}?lessonNumber=1", Observation(lesson: 1, outcome: "NeedsFollowUp", signOff: true), "#observe-lesson");
        Assert.Contains("requiere un resultado aprobado", (await Forms.ParseAsync(noPass)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(db => db.Observations.CountAsync(o => o.Delivery.ClassId == classId)));

        var signed = await mentor.SubmitAsync($"/Observations/Record/{classId}?lessonNumber=1", Observation(lesson: 1, signOff: true), "#observe-lesson");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var now = await app.QueryAsync(db => db.Certifications.Include(c => c.SignOffObservation).SingleAsync(c => c.Id == elementary.Id));
        Assert.Equal(CertificationStatus.Active, now.StatusOn(region.Today(app.Clock)));
        Assert.Equal(officer.Id, now.SignOffObservation!.ObservedInstructorId); // signed off by an observation of this officer's lesson
        var details = await manager.GetDocumentAsync($"/Instructors/Details/{officer.Id}");
        Assert.NotNull(details.QuerySelector("#certifications tr[data-component=ELEM] .badge-status-Active"));
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Certification" && a.EntityId == elementary.Id.ToString()).ToListAsync()),
            a => a.Action == "Modified" && a.Before!.Contains("\"MentoredOn\":null") && !a.After!.Contains("\"MentoredOn\":null"));

        // The officer acknowledges the observation.
        var observation = now.SignOffObservationId!.Value;
        var officerAccount = await OfficerAccountAsync(officer.Id);
        var acknowledged = await officerAccount.SubmitAsync($"/Observations/Details/{observation}", [], "main form");
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.NotNull(await app.QueryAsync(db => db.Observations.Where(o => o.Id == observation).Select(o => o.AcknowledgedAt).SingleAsync()));
    }

    /// <summary>An Elementary class of the officer's with lesson 1 recorded yesterday, built through the class's own rules.</summary>
    private async Task<int> OpenClassWithLessonAsync(int officerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var curriculum = scope.ServiceProvider.GetRequiredService<CurriculumCatalogue>();
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == "SV-10102");
        var officer = await db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.Id == officerId);
        var today = school.Region.Today(app.Clock);
        var schoolClass = SchoolClass.Create(school, "ELEM", "2024", school.Region.SchoolYearOf(today), "4", "M" + officerId, officer);
        var enrollment = schoolClass.Enroll(new Student { School = school, GivenName = "Lucía", FamilyInitial = "M" }, today.AddDays(-7));
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        var plan = curriculum.Find("ELEM", "2024")!.LessonNumber(1)!;
        schoolClass.RecordLesson(1, 6, today.AddDays(-1), officer, today, new HashSet<int> { enrollment.Id }, null, app.Clock.GetUtcNow(),
            dosage: Dosage.For(plan, 45, plan.AllActivities));
        await db.SaveChangesAsync();
        return schoolClass.Id;
    }

    /// <summary>A sign-in for the officer: an account the administrator would create, made here through Identity.</summary>
    private async Task<HttpClient> OfficerAccountAsync(int officerId)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Great.Web.Security.GreatUser>>();
            var user = new Great.Web.Security.GreatUser
            {
                UserName = $"officer{officerId}@example.org", Email = $"officer{officerId}@example.org", EmailConfirmed = true, InstructorId = officerId, Culture = "es",
            };
            Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(user, Great.Web.Security.Roles.Instructor);
        }
        return await app.SignedInAsync($"officer{officerId}@example.org");
    }

    private sealed record Figures(RollupLevel Level, int ScopeId, string Municipality, int SchoolYear, string Component, int Month, int Lessons,
        int WithDosage, double Adherence, long MinutesTaught, long MinutesPlanned, int Observations, int Passed);

    private Task<List<Figures>> FidelityRollupAsync() => app.QueryAsync(async db => Sorted((await db.FidelityRollups.AsNoTracking().ToListAsync())
        .Select(r => new Figures(r.Level, r.ScopeId, r.Municipality, r.SchoolYear, r.ComponentCode, r.Month, r.Lessons, r.LessonsWithDosage,
            Math.Round(r.AdherenceSum, 9), r.MinutesTaught, r.MinutesPlanned, r.Observations, r.ObservationsPassed))));

    private static List<Figures> Sorted(IEnumerable<Figures> rows) => rows.OrderBy(f => f.Level).ThenBy(f => f.ScopeId).ThenBy(f => f.Municipality)
        .ThenBy(f => f.SchoolYear).ThenBy(f => f.Component).ThenBy(f => f.Month).ToList();

    /// <summary>The same figures the slow way, in C#, from every lesson record and observation.</summary>
    private Task<List<Figures>> DirectCountAsync() => app.QueryAsync(async db =>
    {
        var lessons = await db.LessonDeliveries.AsNoTracking().Where(d => d.Class.Status != ClassStatus.Cancelled)
            .Select(d => new
            {
                d.Class.SchoolId, d.Class.School.RegionId, d.Class.School.Municipality, d.InstructorId, d.Class.SchoolYear, d.Class.ComponentCode, d.TaughtOn,
                d.MinutesTaught, d.MinutesPlanned, d.ActivitiesDoneCount, d.ActivitiesPlanned,
                Observations = d.Observations.Count, Passed = d.Observations.Count(o => o.Outcome == ObservationOutcome.Pass),
            }).ToListAsync();
        List<Figures> Level<TKey>(RollupLevel level, Func<dynamic, TKey> key, Func<TKey, (int, string)> scope) => lessons
            .GroupBy(l => (Key: key(l), l.SchoolYear, l.ComponentCode, Month: l.TaughtOn.Year * 100 + l.TaughtOn.Month))
            .Select(g => new Figures(level, scope(g.Key.Key).Item1, scope(g.Key.Key).Item2, g.Key.SchoolYear, g.Key.ComponentCode, g.Key.Month, g.Count(),
                g.Count(l => l.MinutesTaught != null), Math.Round(g.Where(l => l.MinutesTaught != null).Sum(l => (double)l.ActivitiesDoneCount!.Value / l.ActivitiesPlanned!.Value), 9),
                g.Sum(l => (long)(l.MinutesTaught ?? 0)), g.Where(l => l.MinutesTaught != null).Sum(l => (long)l.MinutesPlanned!.Value),
                g.Sum(l => l.Observations), g.Sum(l => l.Passed)))
            .ToList();
        return Sorted(Level(RollupLevel.School, l => (int)l.SchoolId, k => (k, ""))
            .Concat(Level(RollupLevel.Instructor, l => (int)l.InstructorId, k => (k, "")))
            .Concat(Level(RollupLevel.Municipality, l => ((int)l.RegionId, (string)l.Municipality), k => k))
            .Concat(Level(RollupLevel.Region, l => (int)l.RegionId, k => (k, "")))
            .Concat(Level(RollupLevel.Program, _ => 0, k => (0, ""))));
    });

    [Fact]
    public async Task Should_roll_fidelity_up_equal_to_a_direct_count_fully_and_after_one_observation_and_show_it_in_the_report()
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var full = await FidelityRollupAsync();
        Assert.Equal(await DirectCountAsync(), full);
        Assert.Contains(full, f => f.Level == RollupLevel.Program && f.WithDosage > 0 && f.WithDosage < f.Lessons); // the demo has both

        // A manager observes a lesson: the save asks for the school's figures, the minute job recomputes them alone.
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var classId = await app.ClassIdAsync("SV-10101", "6", "B");
        var observed = await manager.SubmitAsync($"/Observations/Record/{classId}?lessonNumber=5", Observation(lesson: 5), "#observe-lesson");
        Assert.Equal(HttpStatusCode.Redirect, observed.StatusCode);
        Assert.True(await app.QueryAsync(db => db.RollupRequests.AnyAsync()));
        await app.RunAsync<ReachRollupJob>(j => j.RunRequestedAsync());
        var incremental = await FidelityRollupAsync();
        Assert.Equal(await DirectCountAsync(), incremental);
        Assert.Equal(full.Where(f => f.Level == RollupLevel.Program).Sum(f => f.Observations) + 1,
            incremental.Where(f => f.Level == RollupLevel.Program).Sum(f => f.Observations));

        // The report shows the region's sums of the roll-up; its CSV has the same figures; another region's id is 404.
        var region = await app.QueryAsync(db => db.Regions.SingleAsync(r => r.CountryCode == "SV"));
        var year = region.SchoolYearOf(region.Today(app.Clock));
        var regionRows = incremental.Where(f => f.Level == RollupLevel.Region && f.ScopeId == region.Id && f.SchoolYear == year).ToList();
        var report = await manager.GetDocumentAsync("/Reach/Fidelity");
        Assert.Equal($"{regionRows.Sum(f => f.WithDosage)} / {regionRows.Sum(f => f.Lessons)}",
            report.QuerySelector("#fidelity-summary [data-figure=with-dosage]")!.TextContent.Trim());
        Assert.Equal(regionRows.Sum(f => f.Observations).ToString(), report.QuerySelector("#fidelity-summary [data-figure=observations]")!.ChildNodes[0].TextContent.Trim());
        var mean = regionRows.Sum(f => f.Adherence) / regionRows.Sum(f => f.WithDosage);
        Assert.Equal((mean * 100).ToString("0") + " %", report.QuerySelector("#fidelity-summary [data-figure=adherence]")!.TextContent.Trim());
        Assert.Equal(regionRows.Select(f => f.Month).Distinct().Count(), report.QuerySelectorAll("#adherence-chart rect[data-month]").Length);
        var school = await app.QueryAsync(db => db.Schools.SingleAsync(s => s.Code == "SV-10101"));
        var schoolRow = report.QuerySelector($"#fidelity-schools tr[data-id='{school.Id}']")!;
        Assert.Equal(incremental.Where(f => f.Level == RollupLevel.School && f.ScopeId == school.Id && f.SchoolYear == year).Sum(f => f.Lessons).ToString(),
            schoolRow.QuerySelector("[data-figure=lessons]")!.TextContent);

        var csv = await manager.GetStringAsync($"/Reach/Fidelity?handler=Export&regionId={region.Id}&year={year}");
        var lines = csv.Trim().Split('\n');
        Assert.Equal(1 + 1 + report.QuerySelectorAll("#fidelity-municipalities tbody tr").Length + report.QuerySelectorAll("#fidelity-schools tbody tr").Length
            + report.QuerySelectorAll("#fidelity-officers tbody tr").Length, lines.Length);
        Assert.Contains($",{regionRows.Sum(f => f.Lessons)},{regionRows.Sum(f => f.WithDosage)},", lines[1]);
        var honduras = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "HN").Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Reach/Fidelity?regionId={honduras}")).StatusCode);
    }
}
