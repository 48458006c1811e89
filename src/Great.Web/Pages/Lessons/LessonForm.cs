using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Lessons;

/// <summary>What the record and correct forms share: their input, its validator, the students to mark, the class's refusals as messages.</summary>
public static class LessonForm
{
    public sealed record StudentMark(int EnrollmentId, string Name, bool Present);

    /// <summary>
    /// The dosage fields of a form (partial _Dosage): minutes and the activity checklist of the chosen lesson. With
    /// <see cref="EveryLesson"/>, every lesson's checklist is in the page and the chosen one enabled, so a phone's
    /// kept copy of the form answers for any lesson offline.
    /// </summary>
    public sealed record DosageFields(CurriculumComponent Component, int LessonNumber, int? Minutes, IReadOnlySet<int> Activities, bool EveryLesson);

    /// <summary>The posted form; its fields keep their plain names (LessonNumber, TaughtOn, Present, Notes), which phones post offline too.</summary>
    public sealed class LessonInput
    {
        public int LessonNumber { get; set; }
        public DateOnly? TaughtOn { get; set; }
        public List<int> Present { get; set; } = [];
        public string Notes { get; set; } = "";
        /// <summary>Dosage: the minutes taught and the activities done (numbers in the lesson's order).</summary>
        public int? MinutesTaught { get; set; }
        public List<int> Activities { get; set; } = [];

        /// <summary>The dosage as given, measured against the lesson's plan (no minutes: 0, which the class refuses with its message).</summary>
        public Dosage? DosageFor(CurriculumComponent component) =>
            component.LessonNumber(LessonNumber) is { } plan ? Dosage.For(plan, MinutesTaught ?? 0, Activities) : null;
    }

    public sealed class Validator : AbstractValidator<LessonInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.TaughtOn).Taught(L);
            RuleFor(x => x.Notes).FitsNotes(L);
        }
    }

    /// <summary>A lesson record names the day it was taught (the form's and the phone's alike).</summary>
    public static IRuleBuilderOptions<T, DateOnly?> Taught<T>(this IRuleBuilder<T, DateOnly?> rule, IStringLocalizer<SharedResource> L) =>
        rule.NotNull().WithMessage(L["Enter the date the lesson was taught."]);

    /// <summary>A lesson's notes fit their column.</summary>
    public static IRuleBuilderOptions<T, string?> FitsNotes<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> L) =>
        rule.MaximumLength(FieldLengths.Notes).WithMessage(L["Keep the notes under {0} characters.", FieldLengths.Notes.ToString("N0")]);

    /// <summary>Each refusal of the class as a message in the user's language, on the form.</summary>
    public static void AddRefusals(ModelStateDictionary modelState, IEnumerable<ClassRule> refusals, SchoolClass schoolClass, string componentName,
        IStringLocalizer<SharedResource> L)
    {
        foreach (var rule in refusals)
        {
            modelState.AddModelError(FieldOf(rule), L.Refusal(rule, componentName, schoolClass.StartsOn, schoolClass.Status));
        }
    }

    /// <summary>The field of the record form a refusal is about ("" for the form as a whole): the form and the phone both show it there.</summary>
    public static string FieldOf(ClassRule rule) => rule switch
    {
        ClassRule.DateInFuture or ClassRule.BeforeClassStarts => "TaughtOn",
        ClassRule.NoSuchLesson => "LessonNumber",
        ClassRule.MinutesOutOfRange => "MinutesTaught",
        ClassRule.NoSuchActivity => "Activities",
        _ => "",
    };

    public static IReadOnlyList<StudentMark> Marks(SchoolClass schoolClass, DateOnly day, Func<Enrollment, bool> present) =>
        schoolClass.EnrolledOn(day).Select(e => new StudentMark(e.Id, e.Student.DisplayName, present(e)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>A class being recorded (from the form or from a phone), with its component, its region's today and the lesson to teach next.</summary>
    public sealed record Recording(SchoolClass Class, CurriculumComponent Component, DateOnly Today)
    {
        public int NextLesson { get; } =
            Enumerable.Range(1, Component.LessonCount).FirstOrDefault(n => Class.Deliveries.All(d => d.LessonNumber != n)) is var n and > 0 ? n : Component.LessonCount;

        /// <summary>The class, if the user may see it, with what recording needs; the students' names only to show a form (a save needs none).</summary>
        public static async Task<Recording?> LoadAsync(GreatDbContext db, UserScope user, int classId, CurriculumCatalogue curriculum, TimeProvider time,
            bool withStudents = false)
        {
            var query = db.Classes.VisibleTo(user).Include(c => c.School.Region).Include(c => c.Deliveries).Include(c => c.PlannedLessons);
            var found = await (withStudents ? query.Include(c => c.Enrollments).ThenInclude(e => e.Student) : (IQueryable<SchoolClass>)query.Include(c => c.Enrollments))
                .FirstOrDefaultAsync(c => c.Id == classId);
            if (found is null || curriculum.Find(found.ComponentCode, found.Edition) is not { } component) return null;
            return new Recording(found, component, found.School.Region.Today(time));
        }

        /// <summary>The signed-in officer with the certifications the class rules read.</summary>
        public static Task<Instructor> OfficerAsync(GreatDbContext db, UserScope user) =>
            db.Instructors.Include(i => i.Certifications).FirstAsync(i => i.Id == user.InstructorId);
    }
}
