using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Great.Web.Curriculum;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Data.Seeding;

/// <summary>
/// Fills an empty database from seed-data/ (see its README). Dates in the files are offsets from today,
/// so the demo always has finished, in-progress and overdue classes, and certifications in every status.
/// </summary>
public sealed class DemoSeeder(
    GreatDbContext db, UserManager<GreatUser> users, RoleManager<IdentityRole> roles,
    CurriculumCatalogue curriculum, TimeProvider time, IConfiguration config)
{
    public const string DemoPassword = "Demo-2026!";

    private string Folder => config["Seed:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seed-data");

    public async Task SeedIfEmptyAsync()
    {
        await EnsureRolesAsync(roles);
        if (await db.Regions.AnyAsync()) return;

        var regions = Read<RegionRow>("regions.csv").Select(r => new Region
        {
            Name = r.Name, CountryCode = r.CountryCode, TimeZone = r.TimeZone,
            SchoolYearStartMonth = r.SchoolYearStartMonth, DefaultCulture = r.DefaultCulture,
        }).ToDictionary(r => r.Name);
        db.Regions.AddRange(regions.Values);

        var schools = Read<SchoolRow>("schools.csv").Select(s => new School
        {
            Region = regions[s.Region], Municipality = s.Municipality, Code = s.Code, Name = s.Name,
        }).ToDictionary(s => s.Code);
        // Community sites are places beside the schools: demo classes and groups name either by code.
        foreach (var s in Read<SiteRow>("sites.csv"))
        {
            schools.Add(s.Code, new School { Region = regions[s.Region], Municipality = s.Municipality, Code = s.Code, Name = s.Name, Kind = Enum.Parse<PlaceKind>(s.Kind) });
        }
        db.Schools.AddRange(schools.Values);

        var agencies = Read<AgencyRow>("agencies.csv")
            .Select(a => new Agency { Region = regions[a.Region], Name = a.Name }).ToDictionary(a => a.Name);
        db.Agencies.AddRange(agencies.Values);

        var instructors = Read<InstructorRow>("instructors.csv").Select(i => new Instructor
        {
            Agency = agencies[i.Agency], BadgeNumber = i.Badge, GivenName = i.GivenName, FamilyName = i.FamilyName,
            Email = i.Email, Phone = i.Phone, Culture = i.Culture,
        }).ToDictionary(i => i.BadgeNumber);
        db.Instructors.AddRange(instructors.Values);

        var trainings = new Dictionary<(string Badge, int Offset, TrainingCourse Course), Training>();
        foreach (var c in Read<CertificationRow>("certifications.csv"))
        {
            var instructor = instructors[c.Badge];
            var today = instructor.Agency.Region.Today(time);
            var course = c.Component == "FAM" ? TrainingCourse.FamiliesTraining : TrainingCourse.OfficerTraining;
            if (!trainings.TryGetValue((c.Badge, c.TrainedOffset, course), out var training))
            {
                var region = instructor.Agency.Region;
                training = new Training
                {
                    Course = course, StartedOn = today.AddDays(c.TrainedOffset - 11), EndedOn = today.AddDays(c.TrainedOffset),
                    Place = region.DefaultCulture == "es" ? $"Centro de formación policial, {region.Name}" : $"Regional training center, {region.Name}",
                    Trainers = region.DefaultCulture == "es" ? "Equipo nacional de formadores" : "National training team",
                };
                instructor.Trainings.Add(training);
                trainings.Add((c.Badge, c.TrainedOffset, course), training);
            }
            instructor.Certifications.Add(new Certification
            {
                Training = training,
                ComponentCode = c.Component,
                Level = Enum.Parse<CertificationLevel>(c.Level),
                TrainedOn = today.AddDays(c.TrainedOffset),
                CertifiedOn = today.AddDays(c.CertifiedOffset),
                ExpiresOn = today.AddDays(c.ExpiresOffset),
                SuspendedOn = c.SuspendedOffset is { } s ? today.AddDays(s) : null,
                SuspensionReason = string.IsNullOrWhiteSpace(c.SuspensionReason) ? null : c.SuspensionReason,
                RequiresMentoring = c.Provisional == "true",
            });
        }
        // Mentors once every certification exists: a mentor's own certification decides whether they may be one.
        foreach (var c in Read<CertificationRow>("certifications.csv").Where(c => c.Mentor is { Length: > 0 }))
        {
            var officer = instructors[c.Badge];
            officer.Certifications.Single(x => x.ComponentCode == c.Component).AssignMentor(instructors[c.Mentor!], officer.Agency.Region.Today(time));
        }

        var rosters = Read<RosterRow>("rosters.csv").ToLookup(r => r.Class);
        foreach (var row in Read<ClassRow>("classes.csv"))
        {
            db.Classes.Add(BuildClass(row, schools[row.School], row.Instructor is { Length: > 0 } b ? instructors[b] : null, rosters[row.Key]));
        }

        foreach (var t in Read<TargetRow>("targets.csv"))
        {
            var region = regions[t.Region];
            db.ReachTargets.Add(new ReachTarget
            {
                Region = region,
                School = t.School is { Length: > 0 } code ? schools[code] : null,
                SchoolYear = region.SchoolYearOf(region.Today(time)),
                ComponentCode = t.Component,
                StudentsToComplete = t.StudentsToComplete,
            });
        }
        await db.SaveChangesAsync();

        foreach (var u in Read<UserRow>("users.csv"))
        {
            var user = new GreatUser
            {
                UserName = u.Email, Email = u.Email, EmailConfirmed = true, DisplayName = u.DisplayName, Culture = u.Culture,
                RegionId = u.Role == Roles.RegionalManager ? regions[u.Scope!].Id : null,
                InstructorId = u.Role == Roles.Instructor ? instructors[u.Scope!].Id : null,
            };
            if (u.Role == Roles.SchoolCoordinator)
            {
                user.Schools.AddRange(u.Scope!.Split(';').Select(code => new UserSchool { UserId = user.Id, SchoolId = schools[code].Id }));
            }
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded) throw new InvalidOperationException($"Demo user {u.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, u.Role);
        }
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private SchoolClass BuildClass(ClassRow row, School school, Instructor? instructor, IEnumerable<RosterRow> roster)
    {
        var component = curriculum.CurrentEdition(row.Component)
            ?? throw new InvalidOperationException($"classes.csv: class {row.Key} names unknown component {row.Component}");
        var today = school.Region.Today(time);
        var start = today.AddDays(row.StartOffset);
        // Demo history: lessons already taught are written as they were, so the class starts in the status they give it.
        var taught = instructor is null ? 0 : Enumerable.Range(0, Math.Min(row.Recorded, component.LessonCount)).Count(n => start.AddDays(7 * n) <= today);
        var schoolClass = new SchoolClass
        {
            Status = start > today ? ClassStatus.Planned : taught == component.LessonCount ? ClassStatus.Finished : ClassStatus.Active,
            School = school, ComponentCode = component.Code, Edition = component.Edition, Grade = row.Grade, Section = row.Section, Instructor = instructor,
        };
        schoolClass.Describe(school.Region.SchoolYearOf(start), row.Grade, row.Section, row.Teacher, school.Region.DefaultCulture);
        for (var n = 1; n <= component.LessonCount; n++)
        {
            schoolClass.PlannedLessons.Add(new PlannedLesson { LessonNumber = n, PlannedOn = start.AddDays(7 * (n - 1)) });
        }

        // A Families group's roster rows name their household and role: members come as households (no school id kept).
        var households = new Dictionary<string, Household>();
        Household? HouseholdOf(RosterRow r)
        {
            if (!component.TakesHouseholds) return null;
            var label = r.Household is { Length: > 0 } l ? l : throw new InvalidOperationException($"rosters.csv: {r.Class} {r.GivenName} has no household");
            if (!households.TryGetValue(label, out var household)) households[label] = household = new Household { Class = schoolClass, Label = label };
            return household;
        }
        var students = roster.Select(r =>
        {
            var household = HouseholdOf(r);
            var student = new Student { School = school, GivenName = r.GivenName, FamilyInitial = r.FamilyInitial, LocalId = household is null ? r.LocalId : null };
            var enrollment = new Enrollment
            {
                Student = student, EnrolledOn = start.AddDays(-7), Household = household, Role = household is null ? null : Enum.Parse<MemberRole>(r.Role!),
            };
            schoolClass.Enrollments.Add(enrollment);
            household?.Members.Add(enrollment);
            var absent = (r.Absent ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
            return (enrollment, absent);
        }).ToList();
        schoolClass.Households.AddRange(households.Values);

        var recorded = 0;
        foreach (var planned in schoolClass.PlannedLessons.Take(row.Recorded).Where(p => p.PlannedOn <= today))
        {
            if (instructor is null) break;
            var delivery = new LessonDelivery
            {
                LessonNumber = planned.LessonNumber, TaughtOn = planned.PlannedOn, Instructor = instructor,
                RecordedAt = new DateTimeOffset(planned.PlannedOn.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero),
            };
            // Demo dosage: lesson 1 of each class on record without it (kept before it was asked); then most
            // lessons whole, every third one a little short with its last activity skipped.
            if (planned.LessonNumber > 1 && component.LessonNumber(planned.LessonNumber) is { } plan)
            {
                var shortened = (planned.LessonNumber + row.Key.Length) % 3 == 0;
                var done = plan.AllActivities.Where(a => !shortened || a < plan.Activities.Count);
                delivery.SetDosage(Dosage.For(plan, plan.PlannedMinutes - (shortened ? 10 : 0), done));
            }
            delivery.Attendance.AddRange(students.Select(s => new Attendance
            {
                Enrollment = s.enrollment, Present = !s.absent.Contains(planned.LessonNumber),
            }));
            schoolClass.Deliveries.Add(delivery);
            recorded++;
        }
        if (recorded != taught) throw new InvalidOperationException($"classes.csv: class {row.Key} recorded {recorded} lessons, expected {taught}");
        return schoolClass;
    }

    private List<T> Read<T>(string file)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Replace("_", "").ToLowerInvariant(),
        };
        using var reader = new StreamReader(Path.Combine(Folder, file));
        using var csv = new CsvReader(reader, config);
        return csv.GetRecords<T>().ToList();
    }

    private sealed record RegionRow(string Name, string CountryCode, string TimeZone, int SchoolYearStartMonth, string DefaultCulture);
    private sealed record SchoolRow(string Region, string Municipality, string Code, string Name);
    private sealed record AgencyRow(string Region, string Name);
    private sealed record SiteRow(string Region, string Municipality, string Code, string Name, string Kind);
    private sealed record InstructorRow(string Agency, string Badge, string GivenName, string FamilyName, string Email, string? Phone, string Culture);
    private sealed record CertificationRow(string Badge, string Component, string Level, int TrainedOffset, int CertifiedOffset,
        int ExpiresOffset, int? SuspendedOffset, string? SuspensionReason, string? Provisional, string? Mentor);
    private sealed record ClassRow(string Key, string School, string Component, string Grade, string Section, string? Teacher,
        string? Instructor, int StartOffset, int Recorded, int Students);
    private sealed record RosterRow(string Class, string GivenName, string FamilyInitial, string LocalId, string? Absent, string? Household, string? Role);
    private sealed record TargetRow(string Region, string? School, string Component, int StudentsToComplete);
    private sealed record UserRow(string Email, string DisplayName, string Role, string? Scope, string Culture);
}
