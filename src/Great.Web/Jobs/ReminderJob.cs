using Great.Web.Resources;
using System.Globalization;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Email;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Jobs;

/// <summary>
/// The daily reminders of a region, written to the outbox in its local morning. Every reminder has a dedupe key,
/// so running the scan twice (or on every node) sends nothing twice; the dispatch job sends them.
/// </summary>
public sealed class ReminderJob(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, EmailTemplates templates, IConfiguration config,
    Microsoft.Extensions.Options.IOptions<CertificationOptions> certificationOptions)
{
    public const string LessonTomorrow = "lesson-tomorrow";
    public const string LessonOverdue = "lesson-overdue";
    public const string CertificationExpiry = "certification-expiry";
    public const string ClassStaffing = "class-staffing";
    public const string ManagerDigest = "manager-digest";
    /// <summary>A mentor is told of an officer to observe when assigned, then weekly once the officer is overdue; it cannot be switched off.</summary>
    public const string Mentoring = "mentoring";

    /// <summary>The kinds a user may switch off; certification expiry is not one of them.</summary>
    public static readonly string[] Optional = [LessonTomorrow, LessonOverdue, ClassStaffing, ManagerDigest];

    /// <summary>An overdue lesson is first reminded of this many days after its planned date, then weekly.</summary>
    private const int OverdueReminderAfterDays = 2;

    /// <summary>Hourly: the regions where it is now the reminder hour (7 in the morning unless configured).</summary>
    public async Task RunDueRegionsAsync()
    {
        var hour = config.GetValue("Reminders:LocalHour", 7);
        foreach (var region in await db.Regions.AsNoTracking().ToListAsync())
        {
            if (region.LocalTime(time.GetUtcNow()).Hour == hour) await RunForRegionAsync(region.Id);
        }
    }

    public async Task RunForRegionAsync(int regionId)
    {
        var region = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == regionId);
        var today = region.Today(time);
        var people = await PeopleAsync(regionId);
        var outbox = new OutboxBatch(db, time.GetUtcNow());

        await LessonsTomorrowAsync(regionId, today, people, outbox);
        await OverdueLessonsAsync(regionId, today, people, outbox);
        await CertificationExpiryAsync(regionId, today, people, outbox);
        await ClassStaffingAsync(regionId, today, people, outbox);
        await MentoringAsync(regionId, today, people, outbox);
        if (today.DayOfWeek == DayOfWeek.Monday) await ManagerDigestAsync(region, today, people, outbox);
        await outbox.SaveAsync();
    }

    private sealed record Person(string Email, string Culture, GreatUser? Account)
    {
        public bool Wants(string kind) => kind is CertificationExpiry or Mentoring || Account?.Wants(kind) != false;
    }

    private sealed record People(Dictionary<int, Person> Instructors, List<(Person Person, HashSet<int> Schools)> Coordinators, List<Person> Managers);

    /// <summary>The region's people only: its officers, and the accounts whose scope touches it.</summary>
    private async Task<People> PeopleAsync(int regionId)
    {
        var officers = await db.Instructors.AsNoTracking().Where(i => i.Agency.RegionId == regionId).ToListAsync();
        var schoolIds = await db.Schools.Where(s => s.RegionId == regionId).Select(s => s.Id).ToListAsync();
        var regionSchools = schoolIds.ToHashSet();
        var accounts = await db.Users.AsNoTracking().Include(u => u.Schools)
            .Where(u => !u.IsDisabled && (u.RegionId == regionId || u.Schools.Any(s => schoolIds.Contains(s.SchoolId))
                || db.Instructors.Any(i => i.Id == u.InstructorId && i.Agency.RegionId == regionId)))
            .ToListAsync();
        var ids = accounts.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync()).ToLookup(r => r.UserId, r => r.Name);
        var byOfficer = accounts.Where(a => a.InstructorId is not null).ToDictionary(a => a.InstructorId!.Value);
        var instructors = officers.ToDictionary(i => i.Id, i => byOfficer.TryGetValue(i.Id, out var account)
            ? new Person(account.Email!, account.Culture, account) : new Person(i.Email, i.Culture, null));
        var coordinators = accounts.Where(u => roles[u.Id].Contains(Roles.SchoolCoordinator) && u.Schools.Any(s => regionSchools.Contains(s.SchoolId)))
            .Select(u => (new Person(u.Email!, u.Culture, u), u.Schools.Select(s => s.SchoolId).ToHashSet())).ToList();
        var managers = accounts.Where(u => roles[u.Id].Contains(Roles.RegionalManager) && u.RegionId == regionId)
            .Select(u => new Person(u.Email!, u.Culture, u)).ToList();
        return new People(instructors, coordinators, managers);
    }

    private IQueryable<PlannedLesson> OpenPlannedLessons(int regionId) => db.PlannedLessons.AsNoTracking()
        .Where(p => p.Class.School.RegionId == regionId && p.Class.InstructorId != null
            && SchoolClass.OpenStatuses.Contains(p.Class.Status)
            && !p.Class.Deliveries.Any(d => d.LessonNumber == p.LessonNumber));

    private async Task LessonsTomorrowAsync(int regionId, DateOnly today, People people, OutboxBatch outbox)
    {
        var tomorrow = today.AddDays(1);
        var lessons = await OpenPlannedLessons(regionId).Where(p => p.PlannedOn == tomorrow)
            .Select(p => new Lesson(p.Class.InstructorId!.Value, p.ClassId, p.LessonNumber, p.PlannedOn, p.Class.ComponentCode, p.Class.Edition, p.Class.Grade, p.Class.Section, p.Class.School.Name))
            .ToListAsync();
        foreach (var group in lessons.GroupBy(l => l.InstructorId))
        {
            if (!people.Instructors.TryGetValue(group.Key, out var person) || !person.Wants(LessonTomorrow)) continue;
            outbox.Queue(LessonTomorrow, $"{LessonTomorrow}:{group.Key}:{tomorrow:yyyy-MM-dd}", person.Email, person.Culture, () => templates.Render(person.Culture,
                L => L.Plural("Tomorrow: {0} lessons to teach", group.Count(), group.Count()),
                L => L["These lessons are planned for tomorrow, {0}:", tomorrow.ToString("D", CultureInfo.GetCultureInfo(person.Culture))],
                _ => group.Select(l => Describe(l, person.Culture)).ToList(),
                L => L["Open my classes"], "/Classes/Mine"));
        }
    }

    private async Task OverdueLessonsAsync(int regionId, DateOnly today, People people, OutboxBatch outbox)
    {
        var cutoff = today.AddDays(-OverdueReminderAfterDays);
        var lessons = await OpenPlannedLessons(regionId).Where(PlannedLesson.Overdue(today)).Where(p => p.PlannedOn <= cutoff)
            .Select(p => new { p.Id, Lesson = new Lesson(p.Class.InstructorId!.Value, p.ClassId, p.LessonNumber, p.PlannedOn, p.Class.ComponentCode, p.Class.Edition, p.Class.Grade, p.Class.Section, p.Class.School.Name) })
            .ToListAsync();
        foreach (var item in lessons)
        {
            if (!people.Instructors.TryGetValue(item.Lesson.InstructorId, out var person) || !person.Wants(LessonOverdue)) continue;
            // Two days after the planned date, then once a week until the lesson is recorded.
            var week = (today.DayNumber - item.Lesson.PlannedOn.DayNumber - OverdueReminderAfterDays) / 7;
            outbox.Queue(LessonOverdue, $"{LessonOverdue}:{item.Id}:{week}", person.Email, person.Culture, () => templates.Render(person.Culture,
                L => L["Lesson not recorded yet: {0}", Describe(item.Lesson, person.Culture).Text],
                L => L["This lesson was planned for {0} and has no record yet. If you taught it, record it; if not, ask your coordinator to move the date.", item.Lesson.PlannedOn.ToString("D", CultureInfo.GetCultureInfo(person.Culture))],
                _ => [Describe(item.Lesson, person.Culture)],
                L => L["Record the lesson"], $"/Lessons/Record/{item.Lesson.ClassId}?lessonNumber={item.Lesson.LessonNumber}"));
        }
    }

    private async Task CertificationExpiryAsync(int regionId, DateOnly today, People people, OutboxBatch outbox)
    {
        var soon = today.AddDays(Certification.ReminderDaysBeforeExpiry.Max());
        var recently = today.AddDays(-Certification.ExpiredReminderDays);
        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.Instructor.Agency.RegionId == regionId && c.RevokedOn == null && c.SuspendedOn == null
                && c.ExpiresOn <= soon && c.ExpiresOn >= recently
                // A newer certification for the same component replaces this one.
                && !db.Certifications.Any(n => n.InstructorId == c.InstructorId && n.ComponentCode == c.ComponentCode && n.ExpiresOn > c.ExpiresOn))
            .Select(c => new { c.Id, c.InstructorId, c.ComponentCode, c.ExpiresOn, Name = c.Instructor.GivenName + " " + c.Instructor.FamilyName })
            .ToListAsync();
        foreach (var c in certifications)
        {
            var daysLeft = c.ExpiresOn.DayNumber - today.DayNumber;
            var stage = Certification.ReminderStage(c.ExpiresOn, today)!;
            var recipients = new List<Person>(people.Managers);
            if (people.Instructors.TryGetValue(c.InstructorId, out var officer)) recipients.Insert(0, officer);
            foreach (var person in recipients)
            {
                var culture = CultureInfo.GetCultureInfo(person.Culture);
                var component = curriculum.CurrentEdition(c.ComponentCode)?.Name.For(culture) ?? c.ComponentCode;
                outbox.Queue(CertificationExpiry, $"{CertificationExpiry}:{c.Id}:{stage}:{person.Email}", person.Email, person.Culture, () => templates.Render(person.Culture,
                    L => daysLeft < 0 ? L["Certification expired: {0}, {1}", c.Name, component] : L["Certification expires in {0} days: {1}, {2}", daysLeft, c.Name, component],
                    L => daysLeft < 0
                        ? L["The certification of {0} for {1} expired on {2}: they cannot teach or record lessons of this component until it is renewed.", c.Name, component, c.ExpiresOn.ToString("D", culture)]
                        : L["The certification of {0} for {1} expires on {2}. Plan the renewal now.", c.Name, component, c.ExpiresOn.ToString("D", culture)],
                    _ => [],
                    L => L["Open the certification"], person == officer ? "/Classes/Mine" : $"/Instructors/Details/{c.InstructorId}"));
            }
        }
    }

    private async Task ClassStaffingAsync(int regionId, DateOnly today, People people, OutboxBatch outbox)
    {
        var horizon = today.AddDays(14);
        var classes = await db.Classes.AsNoTracking().Include(c => c.Instructor!).ThenInclude(i => i.Certifications).Include(c => c.School)
            .Where(c => c.School.RegionId == regionId && SchoolClass.OpenStatuses.Contains(c.Status))
            .Select(c => new { Class = c, StartsOn = c.PlannedLessons.Min(p => (DateOnly?)p.PlannedOn) })
            .ToListAsync();
        foreach (var item in classes)
        {
            var c = item.Class;
            string? key = null;
            bool lapsed = false;
            if (c.InstructorId is null && item.StartsOn is { } starts && starts >= today && starts <= horizon) key = $"{ClassStaffing}:unstaffed:{c.Id}:{starts:yyyy-MM-dd}";
            else if (SchoolClass.InstructorLapsed(c.Instructor, c.ComponentCode, c.Status, today) && c.Instructor is { } instructor)
            {
                key = $"{ClassStaffing}:lapsed:{c.Id}:{instructor.Id}";
                lapsed = true;
            }
            if (key is null) continue;
            foreach (var (person, schools) in people.Coordinators.Where(p => p.Schools.Contains(c.SchoolId) && p.Person.Wants(ClassStaffing)))
            {
                var culture = CultureInfo.GetCultureInfo(person.Culture);
                var label = $"{curriculum.CurrentEdition(c.ComponentCode)?.Name.For(culture)} {c.Grade} {c.Section} · {c.School.Name}";
                outbox.Queue(ClassStaffing, $"{key}:{person.Email}", person.Email, person.Culture, () => templates.Render(person.Culture,
                    L => lapsed ? L["Instructor no longer certified: {0}", label] : L["Class without an instructor: {0}", label],
                    L => lapsed
                        ? L["The instructor of this class can no longer teach its component. Assign a certified instructor."]
                        : L["This class starts on {0} and has no instructor yet.", item.StartsOn!.Value.ToString("D", culture)],
                    _ => [new EmailTemplates.Line(label)],
                    L => L["Assign an instructor"], $"/Classes/AssignInstructor/{c.Id}"));
            }
        }
    }

    /// <summary>
    /// Each mentor of a provisional certification: once when assigned (keyed by certification and mentor, so a new
    /// mentor is told too), then once a week while the officer is overdue for observation.
    /// </summary>
    private async Task MentoringAsync(int regionId, DateOnly today, People people, OutboxBatch outbox)
    {
        var months = certificationOptions.Value.ProvisionalMonths;
        var certifications = await db.Certifications.AsNoTracking().Include(c => c.Instructor)
            .Where(c => c.Instructor.Agency.RegionId == regionId && c.MentorId != null)
            .Where(Certification.HasStatus(CertificationStatus.Provisional, today))
            .ToListAsync();
        foreach (var c in certifications)
        {
            if (!people.Instructors.TryGetValue(c.MentorId!.Value, out var mentor)) continue;
            var culture = CultureInfo.GetCultureInfo(mentor.Culture);
            var component = curriculum.CurrentEdition(c.ComponentCode)?.Name.For(culture) ?? c.ComponentCode;
            var overdue = c.IsOverdueForObservation(today, months);
            var key = overdue
                ? $"{Mentoring}:{c.Id}:{c.MentorId}:overdue:{(today.DayNumber - c.CertifiedOn.AddMonths(months).DayNumber) / 7}"
                : $"{Mentoring}:{c.Id}:{c.MentorId}:assigned";
            outbox.Queue(Mentoring, key, mentor.Email, mentor.Culture, () => templates.Render(mentor.Culture,
                L => overdue ? L["Observation overdue: {0}, {1}", c.Instructor.FullName, component] : L["You are the mentor of {0} for {1}", c.Instructor.FullName, component],
                L => overdue
                    ? L["{0} has been provisionally certified for {1} since {2} and is overdue for observation. Observe one of their lessons and, if it passes, sign the certification off.", c.Instructor.FullName, component, c.CertifiedOn.ToString("D", culture)]
                    : L["{0} is provisionally certified for {1} since {2}. Observe one of their lessons; a passing observation you sign off makes the certification Active.", c.Instructor.FullName, component, c.CertifiedOn.ToString("D", culture)],
                _ => [],
                L => L["Open my mentoring"], "/Observations"));
        }
    }

    private async Task ManagerDigestAsync(Region region, DateOnly today, People people, OutboxBatch outbox)
    {
        var schoolYear = region.SchoolYearOf(today);
        var reach = await db.ReachRollups.AsNoTracking()
            .Where(r => r.Level == RollupLevel.Region && r.ScopeId == region.Id && r.SchoolYear == schoolYear).ToListAsync();
        var targets = await db.ReachTargets.AsNoTracking()
            .Where(t => t.RegionId == region.Id && t.SchoolId == null && t.SchoolYear == schoolYear).ToListAsync();
        var overdue = await OpenPlannedLessons(region.Id).CountAsync(PlannedLesson.Overdue(today));
        var expiring = await db.Certifications.Where(c => c.Instructor.Agency.RegionId == region.Id)
            .CountAsync(Certification.HasStatus(CertificationStatus.Expiring, today));
        var overdueForObservation = await db.Certifications.Where(c => c.Instructor.Agency.RegionId == region.Id)
            .CountAsync(Certification.OverdueForObservation(today, certificationOptions.Value.ProvisionalMonths));
        foreach (var person in people.Managers.Where(p => p.Wants(ManagerDigest)))
        {
            var culture = CultureInfo.GetCultureInfo(person.Culture);
            outbox.Queue(ManagerDigest, $"{ManagerDigest}:{person.Email}:{today:yyyy-MM-dd}", person.Email, person.Culture, () => templates.Render(person.Culture,
                L => L["Weekly summary for {0}", region.Name],
                L => L["Where {0} stands this week (school year {1}):", region.Name, region.SchoolYearLabel(schoolYear)],
                L => targets.Select(t => new EmailTemplates.Line(
                        L["{0}: {1} of {2} students completed", curriculum.CurrentEdition(t.ComponentCode)?.Name.For(culture) ?? t.ComponentCode,
                            reach.Where(r => r.ComponentCode == t.ComponentCode).Sum(r => r.StudentsCompleted), t.StudentsToComplete]))
                    .Append(new EmailTemplates.Line(L["Lessons overdue: {0}", overdue]))
                    .Append(new EmailTemplates.Line(L["Certifications expiring within {0} days: {1}", Certification.ExpiringWindowDays, expiring]))
                    .Append(new EmailTemplates.Line(L["Officers overdue for observation: {0}", overdueForObservation])).ToList(),
                L => L["Open the region"], "/Reach"));
        }
    }

    private sealed record Lesson(int InstructorId, int ClassId, int LessonNumber, DateOnly PlannedOn, string ComponentCode, string Edition,
        string Grade, string Section, string School);

    private EmailTemplates.Line Describe(Lesson lesson, string culture)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        var component = curriculum.Find(lesson.ComponentCode, lesson.Edition);
        var title = component?.LessonNumber(lesson.LessonNumber)?.Title.For(info);
        var heading = templates.Localize(culture, L => L["Lesson {0}: {1}", lesson.LessonNumber, title ?? ""]);
        return new EmailTemplates.Line($"{heading} · {component?.Name.For(info)} {lesson.Grade} {lesson.Section}", lesson.School);
    }
}
