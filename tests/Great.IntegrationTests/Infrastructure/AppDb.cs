using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Infrastructure;

public static class AppDb
{
    /// <summary>Runs a query against the app's own database, to find ids and to check what a request wrote.</summary>
    public static async Task<T> QueryAsync<T>(this GreatAppFactory app, Func<GreatDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GreatDbContext>());
    }

    /// <summary>The id of the class of a school with this grade and section (the demo's, or one a test made).</summary>
    public static Task<int> ClassIdAsync(this GreatAppFactory app, string schoolCode, string grade, string section) =>
        app.QueryAsync(db => db.Classes.Where(c => c.School.Code == schoolCode && c.Grade == grade && c.Section == section).Select(c => c.Id).SingleAsync());

    /// <summary>
    /// How many rows an import could have written (students, enrolments and withdrawals, classes, uploads kept), and
    /// with <paramref name="audit"/> the audit trail too (a refused save writes none): equal before and after means
    /// nothing was written.
    /// </summary>
    public static Task<int> RowCountAsync(this GreatAppFactory app, bool audit = false) => app.QueryAsync(async db =>
        await db.Students.CountAsync() + await db.Enrollments.CountAsync() + await db.Enrollments.CountAsync(e => e.WithdrawnOn != null)
        + await db.Classes.CountAsync() + await db.PendingImports.CountAsync() + (audit ? await db.AuditEntries.CountAsync() : 0));

    /// <summary>Until the records of names shown so far are written (they are written off the request's path).</summary>
    public static Task NameAccessesWrittenAsync(this GreatAppFactory app) =>
        app.Services.GetRequiredService<Great.Web.Privacy.NameAccessWriter>().FlushAsync();

    /// <summary>
    /// A class of the test's own, so that what it asserts depends on no number of the demo data: at a school, of the
    /// current edition of a component, in the school year of the app's today; taught by the officer with this badge
    /// (or by nobody), with its lessons planned weekly from <paramref name="startedDaysAgo"/> days ago and these
    /// students enrolled a week before the first lesson.
    /// </summary>
    public static Task<int> NewClassAsync(this GreatAppFactory app, string schoolCode, string component, string grade, string section,
        string? officerBadge = null, int students = 0, int startedDaysAgo = 0) => app.QueryAsync(async db =>
    {
        var curriculum = app.Services.GetRequiredService<CurriculumCatalogue>();
        var edition = curriculum.CurrentEdition(component) ?? throw new ArgumentException($"No component {component}.", nameof(component));
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == schoolCode);
        var officer = officerBadge is null ? null : await db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.BadgeNumber == officerBadge);
        var today = school.Region.Today(app.Time);
        var start = today.AddDays(-startedDaysAgo);
        var schoolClass = SchoolClass.Create(school, component, edition.Edition, school.Region.SchoolYearOf(start), grade, section, officer);
        schoolClass.Plan(Enumerable.Range(0, edition.LessonCount).Select(n => start.AddDays(7 * n)).ToList());
        for (var n = 1; n <= students; n++)
        {
            schoolClass.Enroll(new Student { School = school, SchoolId = school.Id, GivenName = $"Alumno{section}{n:00}", FamilyInitial = "T" }, start.AddDays(-7));
        }
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        return schoolClass.Id;
    });

    /// <summary>
    /// The class's officer records its first <paramref name="lessons"/> lessons on their planned days, with the students
    /// present (all enrolled, unless <paramref name="present"/> says none), through the domain as a save would; with
    /// <paramref name="dosage"/>, each lesson as taught for its planned minutes with its first activity skipped.
    /// </summary>
    public static Task RecordLessonsAsync(this GreatAppFactory app, int classId, int lessons, bool present = true, bool dosage = false) => app.QueryAsync(async db =>
    {
        var schoolClass = await db.Classes.Include(c => c.School.Region).Include(c => c.Enrollments).Include(c => c.PlannedLessons).Include(c => c.Deliveries)
            .SingleAsync(c => c.Id == classId);
        var officer = await db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.Id == schoolClass.InstructorId);
        var component = app.Services.GetRequiredService<CurriculumCatalogue>().Find(schoolClass.ComponentCode, schoolClass.Edition)!;
        var lessonCount = component.LessonCount;
        var today = schoolClass.School.Region.Today(app.Time);
        foreach (var planned in schoolClass.PlannedLessons.OrderBy(p => p.LessonNumber).Take(lessons))
        {
            var plan = component.LessonNumber(planned.LessonNumber)!;
            schoolClass.RecordLesson(planned.LessonNumber, lessonCount, planned.PlannedOn, officer, today,
                present ? schoolClass.Enrollments.Select(e => e.Id).ToHashSet() : [], null, app.Time.GetUtcNow(),
                dosage: dosage ? Dosage.For(plan, plan.PlannedMinutes, plan.AllActivities.Skip(1)) : null);
        }
        return await db.SaveChangesAsync();
    });
}
