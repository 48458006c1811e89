using Great.Web.Data;
using Great.Web.Data.Seeding;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.Benchmarks;

/// <summary>A class an officer records lessons in during the benchmark: its active enrolments and the lessons still to record.</summary>
public sealed record RecordingClass(int ClassId, int SchoolId, int[] EnrollmentIds, Queue<int> LessonsLeft);

public sealed record RecordingOfficer(string Email, int InstructorId, List<RecordingClass> Classes);

/// <summary>
/// The people the benchmark signs in as, made in the generated data: a manager of the region with the most Middle
/// School classes begun, a coordinator of one of its schools, and officers with such classes (25 students each,
/// certification current, five lessons recorded), so every record-lesson post is one a real officer could make today.
/// </summary>
public sealed record Cast(int RegionId, string Culture, DateOnly Today, string ManagerEmail, string CoordinatorEmail, string AdminEmail, int ImportSchoolId,
    IReadOnlyList<int> ImportClassIds, IReadOnlyList<int> RegionSchools, IReadOnlyList<RecordingOfficer> Officers)
{
    public const string Password = "Bench-2026!";
    public const int ClassSize = 25;

    public static async Task<Cast> CreateAsync(BenchmarkHost host, int officers, int classesPerOfficer)
    {
        return await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GreatDbContext>();
            var time = sp.GetRequiredService<TimeProvider>();
            await DemoSeeder.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
            var users = sp.GetRequiredService<UserManager<GreatUser>>();

            // Middle School classes that have begun, this year's first. Each is taken back to its first five lessons
            // (later records deleted), so officers have eight lessons to record whatever the day of the year.
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var begun = db.Classes.Where(c => c.ComponentCode == "MS" && c.Status != ClassStatus.Cancelled
                && c.PlannedLessons.Any() && c.PlannedLessons.Min(p => p.PlannedOn) <= today.AddDays(-1));
            var regionId = await begun.GroupBy(c => c.School.RegionId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            var region = await db.Regions.SingleAsync(r => r.Id == regionId);
            today = region.Today(time);
            var classIds = await begun.Where(c => c.School.RegionId == regionId).OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Id)
                .Select(c => c.Id).Take(officers * classesPerOfficer).ToListAsync();
            var officerIds = await db.Instructors.Where(i => i.Agency.RegionId == regionId).OrderBy(i => i.Id).Select(i => i.Id).Take(officers).ToListAsync();
            if (classIds.Count < officers * classesPerOfficer || officerIds.Count < officers)
                throw new InvalidOperationException($"The dataset has too few Middle School classes for {officers} officers × {classesPerOfficer} classes: generate a larger one.");
            await db.Attendance.Where(a => classIds.Contains(a.Delivery.ClassId) && a.Delivery.LessonNumber > 5).ExecuteDeleteAsync();
            await db.LessonDeliveries.Where(d => classIds.Contains(d.ClassId) && d.LessonNumber > 5).ExecuteDeleteAsync();
            await db.Classes.Where(c => classIds.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ClassStatus.Active));
            // Those deletes went around the save pipeline: the classes' progress is recounted, as rebuild-progress would.
            await EnrollmentProgress.RecountAsync(db, [], classIds);

            var recording = new List<RecordingOfficer>();
            for (var o = 0; o < officers; o++)
            {
                var officer = await db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.Id == officerIds[o]);
                // Each recording officer may teach Middle School for the whole run: through the intents a manager would use.
                foreach (var certification in officer.Certifications.Where(c => c.ComponentCode == "MS" && !c.IsRevoked(today)))
                {
                    if (certification.IsSuspended(today)) certification.Reinstate(today);
                    certification.CorrectDates(certification.TrainedOn, certification.CertifiedOn, today.AddYears(2));
                }
                if (!officer.MayTeach("MS", today)) officer.Grant("MS", CertificationLevel.Mentor, today.AddYears(-1), today.AddYears(-1), today.AddYears(2), today);
                var email = $"bench.officer{o + 1}@great.test";
                await CreateUserAsync(users, email, region.DefaultCulture, Roles.Instructor, u => u.InstructorId = officer.Id);
                var classes = new List<RecordingClass>();
                foreach (var classId in classIds.Skip(o * classesPerOfficer).Take(classesPerOfficer))
                {
                    var schoolClass = await db.Classes.Include(c => c.Enrollments).Include(c => c.Deliveries).Include(c => c.PlannedLessons).AsSplitQuery()
                        .SingleAsync(c => c.Id == classId);
                    schoolClass.AssignInstructors(officer, null, today);
                    var enrolledOn = schoolClass.PlannedLessons.Min(p => p.PlannedOn).AddDays(-7);
                    for (var n = schoolClass.Enrollments.Count(e => e.WithdrawnOn is null); n < ClassSize; n++)
                    {
                        var student = new Student { SchoolId = schoolClass.SchoolId, GivenName = $"Bench{classId}-{n}", FamilyInitial = "B" };
                        schoolClass.Enrollments.Add(new Enrollment { Student = student, EnrolledOn = enrolledOn });
                    }
                    await db.SaveChangesAsync();
                    var done = schoolClass.Deliveries.Select(d => d.LessonNumber).ToHashSet();
                    classes.Add(new RecordingClass(classId, schoolClass.SchoolId,
                        schoolClass.Enrollments.Where(e => e.WithdrawnOn is null).Select(e => e.Id).ToArray(),
                        new Queue<int>(Enumerable.Range(1, 13).Where(n => !done.Contains(n)))));
                }
                recording.Add(new RecordingOfficer(email, officer.Id, classes));
            }
            await db.SaveChangesAsync();

            var schools = await db.Schools.Where(s => s.RegionId == regionId).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
            // A school with at least four classes: three to import plain CSV rosters into, the school for OneRoster.
            var importSchool = await db.Schools.Where(sc => sc.RegionId == regionId && db.Classes.Count(c => c.SchoolId == sc.Id && !classIds.Contains(c.Id)) >= 4)
                .OrderBy(sc => sc.Id).Select(sc => sc.Id).FirstAsync();
            var importClasses = await db.Classes.Where(c => c.SchoolId == importSchool && !classIds.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync();
            var manager = "bench.manager@great.test";
            await CreateUserAsync(users, manager, region.DefaultCulture, Roles.RegionalManager, u => u.RegionId = regionId);
            var coordinator = "bench.coordinator@great.test";
            await CreateUserAsync(users, coordinator, region.DefaultCulture, Roles.SchoolCoordinator,
                u => u.Schools.Add(new UserSchool { UserId = u.Id, SchoolId = importSchool }));
            var admin = "bench.admin@great.test";
            await CreateUserAsync(users, admin, "en", Roles.Admin, _ => { });
            return new Cast(regionId, region.DefaultCulture, today, manager, coordinator, admin, importSchool, importClasses, schools, recording);
        });
    }

    private static async Task CreateUserAsync(UserManager<GreatUser> users, string email, string culture, string role, Action<GreatUser> scope)
    {
        var user = new GreatUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, Culture = culture };
        scope(user);
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }
}
