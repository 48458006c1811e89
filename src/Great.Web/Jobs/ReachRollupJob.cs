using System.Globalization;
using System.Text.RegularExpressions;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Jobs;

/// <summary>
/// Turns attendance into reach figures (ReachRollup rows) with set-based SQL: one statement computes every
/// school and class × school year × component from one pass over the enrolments and their kept progress (ADR-011);
/// municipalities are sums of their schools (a student belongs to one school), regions of their municipalities, the
/// programme of the regions, with instructors
/// counted distinct at each level. Measured against one hand-written query in tests/Great.Benchmarks.
/// Safe to run twice: each run replaces the rows it computes, in one transaction.
/// </summary>
public sealed class ReachRollupJob(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, ILogger<ReachRollupJob> log)
{
    // CTE names never match a table's: SQLite compares names without case ("classes" would hide "Classes").

    /// <summary>
    /// Nightly: every school, then every upper level; reach figures, then fidelity figures, in one transaction. Returns
    /// how long each took. A stop request (the node shutting down) ends it at the next stage with nothing saved: the
    /// figures stay as they were and the requests stay queued for the next run.
    /// </summary>
    public async Task<FullRollupTimes> RunFullAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        try
        {
            await using var tx = await db.BeginWriteAsync(cancellationToken);
            await SerializeAsync();
            await db.RollupRequests.ExecuteDeleteAsync(cancellationToken);
            await ComputeSchoolsAsync(schoolId: null);
            cancellationToken.ThrowIfCancellationRequested();
            await AggregateUpperLevelsAsync();
            var reach = time.GetElapsedTime(started);
            cancellationToken.ThrowIfCancellationRequested();
            await ComputeFidelityAsync(schoolId: null);
            await tx.CommitAsync(cancellationToken);
            var times = new FullRollupTimes(reach, time.GetElapsedTime(started) - reach);
            log.LogInformation("Full roll-up in {Elapsed} ms (reach {Reach} ms, fidelity {Fidelity} ms)",
                (times.Reach + times.Fidelity).TotalMilliseconds, times.Reach.TotalMilliseconds, times.Fidelity.TotalMilliseconds);
            return times;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Full roll-up stopped by a stop request after {Elapsed} ms; nothing of it was saved", time.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    /// <summary>Every minute: the schools whose rosters or lessons changed, each once, each in its own transaction; a stop request ends it between two schools.</summary>
    public async Task RunRequestedAsync(CancellationToken cancellationToken = default)
    {
        var requested = await db.RollupRequests.AsNoTracking().GroupBy(r => r.SchoolId)
            .Select(g => new { SchoolId = g.Key, Last = g.Max(r => r.Id) }).ToListAsync(cancellationToken);
        foreach (var request in requested)
        {
            if (cancellationToken.IsCancellationRequested) return;
            await using var tx = await db.BeginWriteAsync(CancellationToken.None);
            await SerializeAsync();
            // Only the requests seen now are taken: a change arriving during the computation has asked again.
            await db.RollupRequests.Where(r => r.SchoolId == request.SchoolId && r.Id <= request.Last).ExecuteDeleteAsync();
            await RecomputeSchoolAsync(request.SchoolId);
            await tx.CommitAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// One roll-up at a time across all nodes: two would each delete and insert the same rows. SQLite serialises
    /// writers by itself; PostgreSQL is asked for a transaction-scoped advisory lock.
    /// </summary>
    private async Task SerializeAsync()
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72420001)");
    }

    /// <summary>One school, and only the municipality, region and programme figures it is part of.</summary>
    public async Task RecomputeSchoolAsync(int schoolId)
    {
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => new { s.RegionId, s.Municipality }).FirstOrDefaultAsync();
        await ComputeSchoolsAsync(schoolId);
        if (school is null) return;
        await AggregateUpperLevelsAsync(school.RegionId, school.Municipality);
        await ComputeFidelityAsync(schoolId, school.RegionId, school.Municipality);
    }

    /// <summary>
    /// Fidelity per month (FidelityRollup): schools and officers straight from the lesson records (their stored dosage
    /// and the count of observations of each), one pass each; municipalities as sums of their schools, regions of their
    /// municipalities, the programme of the regions. For one school: its row, the officers who teach or taught there (their rows span every school), and
    /// the levels above it. No attendance or activity rows are read: a record carries its own counts.
    /// </summary>
    private async Task ComputeFidelityAsync(int? schoolId, int? regionId = null, string? municipality = null)
    {
        var parameters = new Dictionary<string, object> { ["now"] = ProviderValue(time.GetUtcNow()) };
        var school = (int)RollupLevel.School;
        var instructor = (int)RollupLevel.Instructor;
        var officers = "";
        if (schoolId is not null)
        {
            parameters["school"] = schoolId.Value;
            parameters["region"] = regionId!.Value;
            parameters["municipality"] = municipality ?? "";
            officers = $"""
                SELECT d."InstructorId" FROM "LessonDeliveries" d JOIN "Classes" c ON c."Id" = d."ClassId" WHERE c."SchoolId" = @school
                UNION SELECT "InstructorId" FROM "Classes" WHERE "SchoolId" = @school AND "InstructorId" IS NOT NULL
                UNION SELECT "SubstituteInstructorId" FROM "Classes" WHERE "SchoolId" = @school AND "SubstituteInstructorId" IS NOT NULL
                """;
            await ExecuteAsync($"DELETE FROM \"FidelityRollups\" WHERE \"Level\" = {school} AND \"ScopeId\" = @school", parameters);
            await ExecuteAsync($"DELETE FROM \"FidelityRollups\" WHERE \"Level\" = {instructor} AND \"ScopeId\" IN ({officers})", parameters);
        }
        else
        {
            await ExecuteAsync($"DELETE FROM \"FidelityRollups\" WHERE \"Level\" IN ({school}, {instructor})", parameters);
        }
        await ExecuteAsync(schoolId is null
            ? FidelityBaseSql("", "", "")
            // The school's lessons and its officers' lessons, each found through its index (an OR of the two would scan them all).
            : FidelityBaseSql($"""
                AND d."Id" IN (SELECT x."Id" FROM "LessonDeliveries" x WHERE x."ClassId" IN (SELECT "Id" FROM "Classes" WHERE "SchoolId" = @school)
                               UNION SELECT x."Id" FROM "LessonDeliveries" x WHERE x."InstructorId" IN ({officers}))
                """, "AND school_id = @school", $"AND instructor_id IN ({officers})"), parameters);

        const string columns = "\"Level\", \"ScopeId\", \"Municipality\", \"SchoolYear\", \"ComponentCode\", \"Month\", \"Lessons\", \"LessonsWithDosage\", \"AdherenceSum\", \"MinutesTaught\", \"MinutesPlanned\", \"Observations\", \"ObservationsPassed\", \"ComputedAt\"";
        const string sums = "SUM(r.\"Lessons\"), SUM(r.\"LessonsWithDosage\"), SUM(r.\"AdherenceSum\"), SUM(r.\"MinutesTaught\"), SUM(r.\"MinutesPlanned\"), SUM(r.\"Observations\"), SUM(r.\"ObservationsPassed\"), @now";
        // One municipality's schools are found by their ids (an index seek on the roll-up), not by scanning every school row.
        var inMunicipality = schoolId is null ? "" : "AND r.\"ScopeId\" IN (SELECT \"Id\" FROM \"Schools\" WHERE \"RegionId\" = @region AND \"Municipality\" = @municipality)";
        var inRegion = schoolId is null ? "" : "AND r.\"ScopeId\" = @region";
        await ExecuteAsync($"DELETE FROM \"FidelityRollups\" WHERE \"Level\" = {(int)RollupLevel.Municipality} {(schoolId is null ? "" : "AND \"ScopeId\" = @region AND \"Municipality\" = @municipality")}", parameters);
        await ExecuteAsync($"""
            INSERT INTO "FidelityRollups" ({columns})
            SELECT {(int)RollupLevel.Municipality}, s."RegionId", s."Municipality", r."SchoolYear", r."ComponentCode", r."Month", {sums}
            FROM "FidelityRollups" r JOIN "Schools" s ON s."Id" = r."ScopeId"
            WHERE r."Level" = {school} {inMunicipality}
            GROUP BY s."RegionId", s."Municipality", r."SchoolYear", r."ComponentCode", r."Month"
            """, parameters);
        await ExecuteAsync($"DELETE FROM \"FidelityRollups\" WHERE \"Level\" = {(int)RollupLevel.Region} {(schoolId is null ? "" : "AND \"ScopeId\" = @region")}", parameters);
        await ExecuteAsync($"""
            INSERT INTO "FidelityRollups" ({columns})
            SELECT {(int)RollupLevel.Region}, r."ScopeId", '', r."SchoolYear", r."ComponentCode", r."Month", {sums}
            FROM "FidelityRollups" r
            WHERE r."Level" = {(int)RollupLevel.Municipality} {inRegion}
            GROUP BY r."ScopeId", r."SchoolYear", r."ComponentCode", r."Month"
            """, parameters);
        await ExecuteAsync($"DELETE FROM \"FidelityRollups\" WHERE \"Level\" = {(int)RollupLevel.Program}", parameters);
        await ExecuteAsync($"""
            INSERT INTO "FidelityRollups" ({columns})
            SELECT {(int)RollupLevel.Program}, 0, '', r."SchoolYear", r."ComponentCode", r."Month", {sums}
            FROM "FidelityRollups" r
            WHERE r."Level" = {(int)RollupLevel.Region}
            GROUP BY r."SchoolYear", r."ComponentCode", r."Month"
            """, parameters);
    }

    /// <summary>
    /// Both base levels (schools and officers) from one grouped pass over the lesson records of classes not cancelled:
    /// each school × officer × year × component × month once, then summed by school and by officer. Observations are
    /// counted once per lesson observed (a few) and joined, not looked up for every lesson.
    /// </summary>
    private string FidelityBaseSql(string filter, string schoolRows, string officerRows)
    {
        var month = db.Database.IsNpgsql()
            ? "CAST(to_char(d.\"TaughtOn\", 'YYYYMM') AS INTEGER)"
            : "CAST(substr(d.\"TaughtOn\", 1, 4) || substr(d.\"TaughtOn\", 6, 2) AS INTEGER)";
        const string sums = "SUM(lessons), SUM(with_dosage), SUM(adherence), SUM(minutes_taught), SUM(minutes_planned), SUM(observations), SUM(passed), @now";
        return $"""
        WITH lesson AS MATERIALIZED (
            SELECT c."SchoolId" AS school_id, d."InstructorId" AS instructor_id, c."SchoolYear" AS school_year, c."ComponentCode" AS component, {month} AS month,
                   COUNT(*) AS lessons, COUNT(d."MinutesTaught") AS with_dosage,
                   COALESCE(SUM(CASE WHEN d."MinutesTaught" IS NOT NULL AND d."ActivitiesPlanned" > 0
                                     THEN CAST(d."ActivitiesDoneCount" AS DOUBLE PRECISION) / d."ActivitiesPlanned" END), 0) AS adherence,
                   COALESCE(SUM(d."MinutesTaught"), 0) AS minutes_taught,
                   COALESCE(SUM(CASE WHEN d."MinutesTaught" IS NOT NULL THEN d."MinutesPlanned" END), 0) AS minutes_planned,
                   COALESCE(SUM(ob.observations), 0) AS observations, COALESCE(SUM(ob.passed), 0) AS passed
            FROM "LessonDeliveries" d JOIN "Classes" c ON c."Id" = d."ClassId"
            LEFT JOIN (SELECT o."DeliveryId" AS delivery_id, COUNT(*) AS observations,
                              SUM(CASE WHEN o."Outcome" = {(int)ObservationOutcome.Pass} THEN 1 ELSE 0 END) AS passed
                       FROM "Observations" o GROUP BY o."DeliveryId") ob ON ob.delivery_id = d."Id"
            WHERE c."Status" <> {(int)ClassStatus.Cancelled} {filter}
            GROUP BY c."SchoolId", d."InstructorId", c."SchoolYear", c."ComponentCode", {month})
        INSERT INTO "FidelityRollups" ("Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Month", "Lessons", "LessonsWithDosage",
            "AdherenceSum", "MinutesTaught", "MinutesPlanned", "Observations", "ObservationsPassed", "ComputedAt")
        SELECT {(int)RollupLevel.School}, school_id, '', school_year, component, month, {sums}
        FROM lesson WHERE 1 = 1 {schoolRows} GROUP BY school_id, school_year, component, month
        UNION ALL
        SELECT {(int)RollupLevel.Instructor}, instructor_id, '', school_year, component, month, {sums}
        FROM lesson WHERE 1 = 1 {officerRows} GROUP BY instructor_id, school_year, component, month
        """;
    }

    private async Task ComputeSchoolsAsync(int? schoolId)
    {
        var now = ProviderValue(time.GetUtcNow());
        var parameters = new Dictionary<string, object> { ["now"] = now };
        if (schoolId is null)
        {
            await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" IN ({(int)RollupLevel.School}, {(int)RollupLevel.Class})", parameters);
        }
        else
        {
            parameters["school"] = schoolId.Value;
            await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.School} AND \"ScopeId\" = @school", parameters);
            await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.Class} AND \"ScopeId\" IN (SELECT \"Id\" FROM \"Classes\" WHERE \"SchoolId\" = @school)", parameters);
        }
        await ExecuteAsync(BaseLevelsSql(schoolId is not null), parameters);
    }

    /// <summary>
    /// Schools and classes in one statement from each enrolment's kept progress (lessons attended, the highest
    /// attended; see Data/EnrollmentProgress.cs): one pass over the enrolments, none over the attendance marks of
    /// school classes. Every active enrolment is counted by school and by class; students are counted distinct per
    /// school, so a student in two classes of one school counts once there.
    /// </summary>
    private string BaseLevelsSql(bool oneSchool)
    {
        var schoolFilter = oneSchool ? "AND c.\"SchoolId\" = @school" : "";
        // Named on the enrolments too: otherwise SQLite 3.53 scans every enrolment of the programme for one school.
        var enrollmentFilter = oneSchool ? "AND e.\"ClassId\" IN (SELECT \"Id\" FROM \"Classes\" WHERE \"SchoolId\" = @school)" : "";
        // Each class's lessons from one grouped pass over the lesson records (three lookups per class cost twice as much).
        var deliveryFilter = oneSchool ? "AND d.\"ClassId\" IN (SELECT \"Id\" FROM \"Classes\" WHERE \"SchoolId\" = @school)" : "";
        return $"""
        WITH rules(code, edition, min_lessons, requires_last, lesson_count) AS ({RulesValues()}),
        live AS MATERIALIZED (
            SELECT c."Id" AS class_id, c."SchoolId" AS school_id, c."SchoolYear" AS school_year, c."ComponentCode" AS component,
                   c."InstructorId" AS instructor, r.min_lessons, r.requires_last, r.lesson_count,
                   COALESCE(t.lessons, 0) AS lessons, t.first_lesson, t.last_lesson
            FROM "Classes" c
            LEFT JOIN rules r ON r.code = c."ComponentCode" AND r.edition = c."Edition"
            LEFT JOIN (SELECT d."ClassId" AS class_id, COUNT(*) AS lessons, MIN(d."TaughtOn") AS first_lesson, MAX(d."TaughtOn") AS last_lesson
                       FROM "LessonDeliveries" d WHERE 1 = 1 {deliveryFilter} GROUP BY d."ClassId") t ON t.class_id = c."Id"
            WHERE c."Status" <> {(int)ClassStatus.Cancelled} {schoolFilter}),
        progress AS MATERIALIZED (
            SELECT l.class_id, l.school_id, l.school_year, l.component, e."StudentId" AS student_id,
                   CASE WHEN {CompletionRule.SqlIsMet("e.\"LessonsAttended\"", "(CASE WHEN e.\"HighestLessonAttended\" = l.lesson_count THEN 1 ELSE 0 END)",
                                                      "l.min_lessons", "l.requires_last")} THEN 1 ELSE 0 END AS completed
            FROM live l
            JOIN "Enrollments" e ON e."ClassId" = l.class_id AND e."WithdrawnOn" IS NULL
            -- The unary plus keeps SQLite from reading every enrolment through the HouseholdId index (nearly all are NULL
            -- there) instead of each class's enrolments through their own index; PostgreSQL reads it as the column itself.
            WHERE l.min_lessons IS NOT NULL AND +e."HouseholdId" IS NULL {enrollmentFilter}),
        {FamiliesSql(schoolFilter)}
        INSERT INTO "ReachRollups" ("Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Classes",
            "StudentsEnrolled", "StudentsCompleted", "LessonsDelivered", "ActiveInstructors", "FirstLessonOn", "LastLessonOn",
            "FamiliesEnrolled", "FamiliesReached", "FamiliesCompleted", "AdultsReached", "YouthReached", "ComputedAt")
        SELECT {(int)RollupLevel.School}, k.school_id, '', k.school_year, k.component, k.classes,
               COALESCE(s.enrolled, 0), COALESCE(s.completed, 0), k.lessons, k.instructors, CAST(NULL AS DATE), CAST(NULL AS DATE),
               k.families_enrolled, k.families_reached, k.families_completed, k.adults_reached, k.youth_reached, @now
        FROM (SELECT l.school_id, l.school_year, l.component, COUNT(*) AS classes, COUNT(DISTINCT l.instructor) AS instructors, SUM(l.lessons) AS lessons,
                     COALESCE(SUM(f.enrolled), 0) AS families_enrolled, COALESCE(SUM(f.reached), 0) AS families_reached,
                     COALESCE(SUM(f.completed), 0) AS families_completed, COALESCE(SUM(m.adults), 0) AS adults_reached, COALESCE(SUM(m.youth), 0) AS youth_reached
              FROM live l LEFT JOIN families f ON f.class_id = l.class_id LEFT JOIN members_reached m ON m.class_id = l.class_id
              GROUP BY l.school_id, l.school_year, l.component) k
        LEFT JOIN (SELECT school_id, school_year, component, COUNT(DISTINCT student_id) AS enrolled,
                          COUNT(DISTINCT CASE WHEN completed = 1 THEN student_id END) AS completed
                   FROM progress GROUP BY school_id, school_year, component) s
          ON s.school_id = k.school_id AND s.school_year = k.school_year AND s.component = k.component
        UNION ALL
        SELECT {(int)RollupLevel.Class}, l.class_id, '', l.school_year, l.component, 1,
               COALESCE(s.enrolled, 0), COALESCE(s.completed, 0), l.lessons, CASE WHEN l.instructor IS NULL THEN 0 ELSE 1 END, l.first_lesson, l.last_lesson,
               COALESCE(f.enrolled, 0), COALESCE(f.reached, 0), COALESCE(f.completed, 0), COALESCE(m.adults, 0), COALESCE(m.youth, 0), @now
        FROM live l
        LEFT JOIN (SELECT class_id, COUNT(*) AS enrolled, SUM(completed) AS completed FROM progress GROUP BY class_id) s ON s.class_id = l.class_id
        LEFT JOIN families f ON f.class_id = l.class_id
        LEFT JOIN members_reached m ON m.class_id = l.class_id
        UNION ALL
        SELECT {(int)RollupLevel.School}, l.school_id, '', l.school_year, '{ReachRollup.AllComponents}', 0, 0, 0, 0, COUNT(DISTINCT l.instructor),
               CAST(NULL AS DATE), CAST(NULL AS DATE), 0, 0, 0, 0, 0, @now
        FROM live l
        GROUP BY l.school_id, l.school_year
        """;
    }

    /// <summary>
    /// The families CTEs of the base statement, per group of a component taught to households: who of each household
    /// came to each session (the present marks of household members who came at all, from their enrolments), the sessions that count for it
    /// under the curriculum's household rule, then per group the households enrolled (a member still enrolled),
    /// reached (any member came) and completed; and the members who came, by role.
    /// </summary>
    private string FamiliesSql(string schoolFilter)
    {
        var adult = (int)MemberRole.Adult;
        var youth = (int)MemberRole.Youth;
        return $"""
        household_rules(code, edition, min_lessons, requires_last, lesson_count, adults, youth) AS ({HouseholdRulesValues()}),
        presence AS MATERIALIZED (
            SELECT e."HouseholdId" AS household_id, d."LessonNumber" AS session,
                   SUM(CASE WHEN e."Role" = {adult} THEN 1 ELSE 0 END) AS adults, SUM(CASE WHEN e."Role" = {youth} THEN 1 ELSE 0 END) AS youth
            FROM "Enrollments" e
            JOIN "Attendance" a ON a."EnrollmentId" = e."Id"
            JOIN "LessonDeliveries" d ON d."Id" = a."DeliveryId"
            JOIN "Classes" c ON c."Id" = d."ClassId"
            WHERE e."HouseholdId" IS NOT NULL AND e."LessonsAttended" > 0 AND a."Present" AND c."Status" <> {(int)ClassStatus.Cancelled} {schoolFilter}
            GROUP BY e."HouseholdId", d."LessonNumber"),
        household_sessions AS MATERIALIZED (
            SELECT p.household_id, COUNT(*) AS sessions, MAX(CASE WHEN p.session = r.lesson_count THEN 1 ELSE 0 END) AS has_last
            FROM presence p
            JOIN "Households" h ON h."Id" = p.household_id
            JOIN "Classes" c ON c."Id" = h."ClassId"
            JOIN household_rules r ON r.code = c."ComponentCode" AND r.edition = c."Edition"
            WHERE p.adults >= r.adults AND p.youth >= r.youth AND p.session BETWEEN 1 AND r.lesson_count
            GROUP BY p.household_id),
        families AS MATERIALIZED (
            SELECT h."ClassId" AS class_id, COUNT(*) AS enrolled,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM presence p WHERE p.household_id = h."Id") THEN 1 ELSE 0 END) AS reached,
                   SUM(CASE WHEN {CompletionRule.SqlIsMet("COALESCE(s.sessions, 0)", "s.has_last", "r.min_lessons", "r.requires_last")} THEN 1 ELSE 0 END) AS completed
            FROM "Households" h
            JOIN "Classes" c ON c."Id" = h."ClassId"
            JOIN household_rules r ON r.code = c."ComponentCode" AND r.edition = c."Edition"
            LEFT JOIN household_sessions s ON s.household_id = h."Id"
            WHERE c."Status" <> {(int)ClassStatus.Cancelled} {schoolFilter}
              AND EXISTS (SELECT 1 FROM "Enrollments" e WHERE e."HouseholdId" = h."Id" AND e."WithdrawnOn" IS NULL)
            GROUP BY h."ClassId"),
        members_reached AS MATERIALIZED (
            SELECT e."ClassId" AS class_id, SUM(CASE WHEN e."Role" = {adult} THEN 1 ELSE 0 END) AS adults,
                   SUM(CASE WHEN e."Role" = {youth} THEN 1 ELSE 0 END) AS youth
            FROM "Enrollments" e
            JOIN "Classes" c ON c."Id" = e."ClassId"
            WHERE e."HouseholdId" IS NOT NULL AND c."Status" <> {(int)ClassStatus.Cancelled} {schoolFilter}
              AND e."LessonsAttended" > 0
            GROUP BY e."ClassId")
        """;
    }

    /// <summary>
    /// Municipality rows as sums of their school rows, regions of their municipalities, the programme of the regions; instructors
    /// counted distinct at each level. With a region (and municipality) given, only the rows that contain it.
    /// </summary>
    private async Task AggregateUpperLevelsAsync(int? regionId = null, string? municipality = null)
    {
        var parameters = new Dictionary<string, object> { ["now"] = ProviderValue(time.GetUtcNow()) };
        var municipalityRows = "";
        var regionRows = "";
        var regionSums = "";
        var schools = "";
        var municipalitySchools = "";
        if (regionId is not null)
        {
            parameters["region"] = regionId.Value;
            parameters["municipality"] = municipality ?? "";
            municipalityRows = "AND \"ScopeId\" = @region AND \"Municipality\" = @municipality";
            regionRows = "AND \"ScopeId\" = @region";
            regionSums = "AND r.\"ScopeId\" = @region";
            schools = "AND s.\"RegionId\" = @region";
            municipalitySchools = "AND s.\"RegionId\" = @region AND s.\"Municipality\" = @municipality";
        }
        var school = (int)RollupLevel.School;
        // Instructors per level in one grouped pass over the classes in scope, joined to the sums (not a subquery per row):
        // per component, and across components for the scope's AllComponents row.
        string Instructors(string keys, string filter)
        {
            string Counted(string component, string groupBy) => $"""
                SELECT {keys}c."SchoolYear" AS school_year, {component} AS component, COUNT(DISTINCT c."InstructorId") AS instructors
                FROM "Classes" c {(keys.Length == 0 ? "" : "JOIN \"Schools\" s ON s.\"Id\" = c.\"SchoolId\"")}
                WHERE c."Status" <> {(int)ClassStatus.Cancelled} AND c."InstructorId" IS NOT NULL {filter}
                GROUP BY {keys}c."SchoolYear"{groupBy}
                """;
            return Counted("c.\"ComponentCode\"", ", c.\"ComponentCode\"") + "\nUNION ALL\n" + Counted($"'{ReachRollup.AllComponents}'", "");
        }
        const string columns = "\"Level\", \"ScopeId\", \"Municipality\", \"SchoolYear\", \"ComponentCode\", \"Classes\", \"StudentsEnrolled\", \"StudentsCompleted\", \"LessonsDelivered\", \"ActiveInstructors\", \"FamiliesEnrolled\", \"FamiliesReached\", \"FamiliesCompleted\", \"AdultsReached\", \"YouthReached\", \"ComputedAt\"";
        const string sums = "SUM(r.\"Classes\"), SUM(r.\"StudentsEnrolled\"), SUM(r.\"StudentsCompleted\"), SUM(r.\"LessonsDelivered\"), COALESCE(MAX(i.instructors), 0), SUM(r.\"FamiliesEnrolled\"), SUM(r.\"FamiliesReached\"), SUM(r.\"FamiliesCompleted\"), SUM(r.\"AdultsReached\"), SUM(r.\"YouthReached\")";

        await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.Municipality} {municipalityRows}", parameters);
        await ExecuteAsync($"""
            INSERT INTO "ReachRollups" ({columns})
            SELECT {(int)RollupLevel.Municipality}, s."RegionId", s."Municipality", r."SchoolYear", r."ComponentCode", {sums}, @now
            FROM "ReachRollups" r JOIN "Schools" s ON s."Id" = r."ScopeId"
            LEFT JOIN ({Instructors("s.\"RegionId\", s.\"Municipality\", ", municipalitySchools)}) i
              ON i."RegionId" = s."RegionId" AND i."Municipality" = s."Municipality" AND i.school_year = r."SchoolYear" AND i.component = r."ComponentCode"
            WHERE r."Level" = {school} {municipalitySchools}
            GROUP BY s."RegionId", s."Municipality", r."SchoolYear", r."ComponentCode"
            """, parameters);
        await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.Region} {regionRows}", parameters);
        await ExecuteAsync($"""
            INSERT INTO "ReachRollups" ({columns})
            SELECT {(int)RollupLevel.Region}, r."ScopeId", '', r."SchoolYear", r."ComponentCode", {sums}, @now
            FROM "ReachRollups" r
            LEFT JOIN ({Instructors("s.\"RegionId\", ", schools)}) i
              ON i."RegionId" = r."ScopeId" AND i.school_year = r."SchoolYear" AND i.component = r."ComponentCode"
            WHERE r."Level" = {(int)RollupLevel.Municipality} {regionSums}
            GROUP BY r."ScopeId", r."SchoolYear", r."ComponentCode"
            """, parameters);
        await ExecuteAsync($"DELETE FROM \"ReachRollups\" WHERE \"Level\" = {(int)RollupLevel.Program}", parameters);
        await ExecuteAsync($"""
            INSERT INTO "ReachRollups" ({columns})
            SELECT {(int)RollupLevel.Program}, 0, '', r."SchoolYear", r."ComponentCode", {sums}, @now
            FROM "ReachRollups" r
            LEFT JOIN ({Instructors("", "")}) i ON i.school_year = r."SchoolYear" AND i.component = r."ComponentCode"
            WHERE r."Level" = {(int)RollupLevel.Region}
            GROUP BY r."SchoolYear", r."ComponentCode"
            """, parameters);
    }

    /// <summary>The curriculum's completion rules as a VALUES list: the rules live in curriculum/, not in the database.</summary>
    private string RulesValues() => Values(curriculum.Components, "");

    /// <summary>The same, with the household rule, for the components taught to households; a row that matches nothing where there are none.</summary>
    private string HouseholdRulesValues() =>
        Values(curriculum.Components.Where(c => c.Households is not null), ", 0, 0", c => $", {c.Households!.Adults}, {c.Households.Youth}");

    /// <summary>One row per component edition: code, edition, minimum lessons, last required (1/0), lesson count, then what <paramref name="more"/> adds.</summary>
    private static string Values(IEnumerable<CurriculumComponent> components, string noneMore, Func<CurriculumComponent, string>? more = null)
    {
        var rows = components.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"('{c.Code.Replace("'", "''")}', '{c.Edition.Replace("'", "''")}', {c.Completion.MinimumLessons}, {(c.Completion.RequiresLastLesson ? 1 : 0)}, {c.LessonCount}{more?.Invoke(c)})")).ToList();
        return "VALUES " + (rows.Count > 0 ? string.Join(", ", rows) : $"('', '', 0, 0, 0{noneMore})");
    }

    /// <summary>Runs <paramref name="sql"/> with each @name it uses bound as a real parameter of the provider's own kind.</summary>
    private Task<int> ExecuteAsync(string sql, Dictionary<string, object> parameters)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var bound = parameters.Where(p => Regex.IsMatch(sql, $@"@{p.Key}\b")).Select(p =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + p.Key;
            parameter.Value = p.Value;
            return (object)parameter;
        }).ToArray();
        return db.Database.ExecuteSqlRawAsync(sql, bound);
    }

    /// <summary>A moment as the provider stores it (SQLite keeps DateTimeOffset as a sortable number).</summary>
    private object ProviderValue(DateTimeOffset moment)
    {
        var converter = db.Model.FindEntityType(typeof(ReachRollup))!.FindProperty(nameof(ReachRollup.ComputedAt))!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(moment) ?? moment;
    }
}

/// <summary>How long a full roll-up's two parts took: the reach figures (with the commit's share in the fidelity part) and the fidelity figures.</summary>
public sealed record FullRollupTimes(TimeSpan Reach, TimeSpan Fidelity);
