using System.Data.Common;
using System.Diagnostics;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Data.Seeding;

/// <summary>Sizes of a synthetic national programme: the defaults are the 1M-student benchmark set.</summary>
/// <remarks>Instructors 0 means one officer for every four classes.</remarks>
public sealed record GeneratorOptions(int Regions = 7, int Schools = 10_000, int Classes = 50_000, int StudentsPerClass = 20, int Seed = 42, int Instructors = 0);

/// <summary>
/// Writes a deterministic synthetic programme straight into an empty, migrated Great database with prepared
/// INSERTs in one transaction (no change tracking, no audit): two school years of classes over the four
/// components, every lesson planned, last year's classes finished and this year's under way, ~90% attendance,
/// instructors with certifications, region targets. Same options and seed, same rows.
/// </summary>
public sealed class NationalDataGenerator(GreatDbContext db, TimeProvider time, Great.Web.Curriculum.CurriculumCatalogue curriculum)
{
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static readonly (string Code, int Lessons, double Share)[] Components = [("ELEM", 6, 0.45), ("MS", 13, 0.40), ("FAM", 6, 0.10), ("SUM", 4, 0.05)];
    private static readonly (string Name, string Country, string Zone, int StartMonth, string Culture)[] RegionTemplates =
    [
        ("El Salvador", "SV", "America/El_Salvador", 1, "es"), ("Guatemala", "GT", "America/Guatemala", 1, "es"),
        ("Honduras", "HN", "America/Tegucigalpa", 2, "es"), ("Panamá", "PA", "America/Panama", 3, "es"),
        ("Nicaragua", "NI", "America/Managua", 2, "es"), ("Costa Rica", "CR", "America/Costa_Rica", 2, "es"),
        ("Belize", "BZ", "America/Belize", 8, "en"), ("US Southeast Region", "US", "America/New_York", 8, "en"),
    ];

    public async Task<string> GenerateAsync(GeneratorOptions o)
    {
        if (await db.Regions.AnyAsync()) throw new InvalidOperationException("generate fills an empty database only.");
        var clock = Stopwatch.StartNew();
        var random = new Random(o.Seed);
        var recordedAt = db.Model.FindEntityType(typeof(LessonDelivery))!.FindProperty(nameof(LessonDelivery.RecordedAt))!.GetTypeMapping().Converter is { } converter
            ? converter.ConvertToProvider(time.GetUtcNow())! : time.GetUtcNow();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        // SQLite: the empty file is filled with a rollback journal (new pages are not journalled) and a 1 GB page cache,
        // instead of writing every page twice through the WAL; WAL again afterwards. Six million students: 4 GB less to write.
        var sqlite = db.Database.IsSqlite();
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = DELETE; PRAGMA cache_size = -1048576;");
        try
        {
            await using var tx = await connection.BeginTransactionAsync();
            var insert = new Inserter(connection, tx);

            var regions = Math.Clamp(o.Regions, 1, RegionTemplates.Length);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var regionYears = new int[regions + 1];
            for (var r = 1; r <= regions; r++)
            {
                var t = RegionTemplates[r - 1];
                await insert.RowAsync("Regions", ["Id", "Name", "CountryCode", "TimeZone", "SchoolYearStartMonth", "DefaultCulture"], [r, t.Name, t.Country, t.Zone, t.StartMonth, t.Culture]);
                regionYears[r] = today.Month >= t.StartMonth ? today.Year : today.Year - 1;
                await insert.RowAsync("Agencies", ["Id", "RegionId", "Name"], [r, r, $"Policía {t.Name}"]);
            }

            var schoolRegion = new int[o.Schools + 1];
            for (var s = 1; s <= o.Schools; s++)
            {
                var r = (s - 1) % regions + 1;
                schoolRegion[s] = r;
                await insert.RowAsync("Schools", ["Id", "RegionId", "Municipality", "Name", "Code", "Kind"], [s, r, $"Municipio {(s / regions) % 60 + 1}", $"Escuela {s}", $"S-{s:D6}", (int)PlaceKind.School]);
            }

            // One officer for every four classes unless told, certified for every component (a few lapsed).
            // Officer i serves region (i - 1) % regions + 1, so classes get officers of their own region.
            var instructors = Math.Max(regions, o.Instructors > 0 ? o.Instructors : o.Classes / 4);
            var officersPerRegion = instructors / regions;
            var classesInRegion = new int[regions + 1];
            for (var i = 1; i <= instructors; i++)
            {
                var r = (i - 1) % regions + 1;
                await insert.RowAsync("Instructors", ["Id", "AgencyId", "GivenName", "FamilyName", "BadgeNumber", "Email", "Phone", "Culture", "CalendarToken"],
                    [i, r, $"Oficial{i}", "Generado", $"B-{i:D6}", $"officer{i}@generated.example", null, RegionTemplates[r - 1].Culture, null]);
                var expires = today.AddDays(random.Next(-120, 1000));
                foreach (var (code, _, _) in Components)
                {
                    await insert.RowAsync("Certifications", ["InstructorId", "TrainingId", "ComponentCode", "Level", "TrainedOn", "CertifiedOn", "ExpiresOn", "RenewedOn", "SuspendedOn", "SuspensionReason", "RevokedOn", "RevocationReason", "RequiresMentoring"],
                        [i, null, code, 0, expires.AddYears(-3).AddDays(-20), expires.AddYears(-3), expires, null, null, null, null, null, false]);
                }
            }

            long student = 0, enrollment = 0, delivery = 0, marks = 0;
            for (var c = 1; c <= o.Classes; c++)
            {
                var school = (c - 1) % o.Schools + 1;
                var region = schoolRegion[school];
                var thisYear = c % 2 == 0;
                var year = regionYears[region] - (thisYear ? 0 : 1);
                var pick = random.NextDouble();
                var (code, lessons, _) = Components.First(x => (pick -= x.Share) <= 0 || x.Code == "SUM");
                var instructor = region + regions * (classesInRegion[region]++ % officersPerRegion);
                var start = new DateOnly(year, RegionTemplates[region - 1].StartMonth, 1).AddDays(30 + random.Next(60));
                var recorded = thisYear ? Math.Min(lessons, Math.Max(0, (today.DayNumber - start.DayNumber) / 7 + 1)) : lessons;
                // One class in eleven of this year is cancelled after its second lesson (or before its first, not yet started).
                var cancelled = thisYear && c % 11 == 0;
                if (cancelled) recorded = Math.Min(recorded, 2);
                var status = cancelled ? ClassStatus.Cancelled : recorded == lessons ? ClassStatus.Finished : recorded == 0 ? ClassStatus.Planned : ClassStatus.Active;
                DateOnly? cancelledOn = cancelled ? Min(start.AddDays(7 * recorded + 3), today) : null;
                await insert.RowAsync("Classes", ["Id", "SchoolId", "ComponentCode", "Edition", "SchoolYear", "Grade", "Section", "ClassroomTeacher", "InstructorId", "SubstituteInstructorId", "Status", "SourcedId",
                        "CancelledOn", "Language"],
                    [c, school, code, "2024", year, code == "MS" ? "6" : "5", $"{c}", null, instructor, null, (int)status, null, cancelledOn, RegionTemplates[region - 1].Culture]);
                for (var n = 1; n <= lessons; n++)
                {
                    await insert.RowAsync("PlannedLessons", ["ClassId", "LessonNumber", "PlannedOn"], [c, n, start.AddDays(7 * (n - 1))]);
                }
                // The class's lessons and marks are drawn first (in the order they always were), so each enrolment is
                // written with its progress already counted, as the save pipeline would keep it.
                var size = o.StudentsPerClass;
                var skips = new int[recorded + 1];
                // A mark per student and lesson: present, absent, or none (not in the class that day).
                var marked = new bool?[recorded + 1, size];
                var attended = new int[size];
                var highest = new int[size];
                for (var n = 1; n <= recorded; n++)
                {
                    skips[n] = random.Next(4) == 0 ? 1 : 0;
                    for (var k = 0; k < size; k++)
                    {
                        // Attendance is marked for students in the class that day (the withdrawn one left after three weeks).
                        if (k == 0 && c % 10 == 0 && n > 3) continue;
                        marked[n, k] = random.Next(10) != 0;
                        if (marked[n, k] != true) continue;
                        attended[k]++;
                        highest[k] = n;
                    }
                }
                var firstEnrollment = enrollment + 1;
                for (var k = 0; k < size; k++)
                {
                    student++;
                    enrollment++;
                    await insert.RowAsync("Students", ["Id", "SchoolId", "GivenName", "FamilyInitial", "LocalId", "SourcedId"], [student, school, $"Estudiante{student}", "G", $"L{student}", null]);
                    await insert.RowAsync("Enrollments", ["Id", "ClassId", "StudentId", "EnrolledOn", "WithdrawnOn", "IsLinked", "LessonsAttended", "HighestLessonAttended"],
                        [enrollment, c, student, start.AddDays(-7), k == 0 && c % 10 == 0 ? start.AddDays(21) : null, false, attended[k], highest[k]]);
                }
                for (var n = 1; n <= recorded; n++)
                {
                    delivery++;
                    var taughtOn = start.AddDays(7 * (n - 1));
                    // Dosage as officers give it: most lessons whole, some a little short with an activity skipped.
                    var plan = curriculum.Find(code, "2024")!.LessonNumber(n)!;
                    var skipped = skips[n];
                    var done = Enumerable.Range(1, plan.Activities.Count).Where(a => a != plan.Activities.Count || skipped == 0).ToList();
                    await insert.RowAsync("LessonDeliveries", ["Id", "ClassId", "LessonNumber", "TaughtOn", "InstructorId", "Notes", "RecordedAt",
                            "MinutesTaught", "MinutesPlanned", "ActivitiesDone", "ActivitiesDoneCount", "ActivitiesPlanned"],
                        [delivery, c, n, taughtOn, instructor, null, recordedAt, plan.PlannedMinutes - 5 * skipped, plan.PlannedMinutes, Dosage.Format(done), done.Count,
                         plan.Activities.Count]);
                    for (var k = 0; k < size; k++)
                    {
                        if (marked[n, k] is not { } present) continue;
                        marks++;
                        await insert.RowAsync("Attendance", ["DeliveryId", "EnrollmentId", "Present"], [delivery, firstEnrollment + k, present]);
                    }
                }
            }
            for (var r = 1; r <= regions; r++)
            {
                foreach (var (code, _, share) in Components)
                {
                    await insert.RowAsync("ReachTargets", ["RegionId", "SchoolId", "SchoolYear", "ComponentCode", "StudentsToComplete"],
                        [r, null, regionYears[r], code, (int)(o.Classes / 2 / regions * o.StudentsPerClass * share * 0.8)]);
                }
            }
            await tx.CommitAsync();
            // Rows came with their ids: on PostgreSQL each identity sequence must continue after them.
            if (db.Database.IsNpgsql()) await CopyToPostgres.ResetIdentitySequencesAsync(db, db.Model.GetEntityTypes());
            return $"{regions} regions, {o.Schools:N0} schools, {instructors:N0} instructors, {o.Classes:N0} classes, {student:N0} students, " +
                   $"{delivery:N0} lessons, {marks:N0} attendance marks in {clock.Elapsed.TotalSeconds:N1} s";
        }
        finally
        {
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One prepared INSERT per table, reused for every row.</summary>
    private sealed class Inserter(DbConnection connection, DbTransaction tx)
    {
        private readonly Dictionary<string, DbCommand> _commands = [];

        public async Task RowAsync(string table, string[] columns, object?[] values)
        {
            if (!_commands.TryGetValue(table, out var command))
            {
                command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < columns.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    command.Parameters.Add(parameter);
                }
                _commands[table] = command;
            }
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
    }
}
