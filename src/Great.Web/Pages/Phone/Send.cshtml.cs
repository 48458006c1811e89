using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Pages.Lessons;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Phone;

/// <summary>
/// A lesson kept on a phone arrives: recorded once by its phone-made id (the same record sent twice is one record),
/// through the same class rules as the form, or refused with the reason in the officer's language. A signed-out
/// phone gets 401 and keeps its record. GET gives the antiforgery token a phone sends with its records, and whose they are.
/// </summary>
public class SendModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IAuthorizationService authorization, IAntiforgery antiforgery,
    IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The header a page sets when the officer is looking: the outcome is then also shown on the next page.</summary>
    public const string ShowHeader = "X-Great-Show";

    public sealed class PhoneRecord
    {
        public Guid Id { get; set; }
        public int ClassId { get; set; }
        public int LessonNumber { get; set; }
        public DateOnly? TaughtOn { get; set; }
        public List<int> Present { get; set; } = [];
        /// <summary>Every student the form showed: the roster the attendance was taken on.</summary>
        public List<int> Roster { get; set; } = [];
        public string? Notes { get; set; }
        /// <summary>Dosage; none on a record kept by a phone before dosage was asked (it is recorded without).</summary>
        public int? Minutes { get; set; }
        public List<int>? Activities { get; set; }
    }

    public sealed class Validator : AbstractValidator<PhoneRecord>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Id).NotEmpty().WithMessage(L["The record has no id: send it again from the phone."]);
            RuleFor(x => x.TaughtOn).Taught(L);
            RuleFor(x => x.Notes).FitsNotes(L);
        }
    }

    /// <summary>What the phone is told: recorded (with where to see it) or refused (with every reason, and the record it met if there is one).</summary>
    /// <summary>What the phone is told; <c>Fields</c> names, message by message, the form field it is about ("" for none).</summary>
    public sealed record Outcome(string Status, IReadOnlyList<string> Messages, string? Url = null, IReadOnlyList<string>? Rules = null, IReadOnlyList<string>? Fields = null);

    public IActionResult OnGet()
    {
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken, user = UserScope.From(User).UserId });
    }

    public async Task<IActionResult> OnPostAsync([FromBody] PhoneRecord? record)
    {
        if (record is null || !ModelState.IsValid)
        {
            var errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).DefaultIfEmpty(L["The value is not valid."]);
            return Answer(StatusCodes.Status422UnprocessableEntity, new Outcome("refused", errors.ToList()));
        }
        var user = UserScope.From(User);
        if (await SentBeforeAsync(record.Id, user) is { } earlier) return Answer(StatusCodes.Status200OK, Recorded(earlier, record.LessonNumber));

        if (await LessonForm.Recording.LoadAsync(db, user, record.ClassId, curriculum, time) is not { } recording)
        {
            return Answer(StatusCodes.Status404NotFound, new Outcome("refused", [L["This class is not one of yours, or it no longer exists."]]));
        }
        var (schoolClass, component, today) = recording;
        var officer = await LessonForm.Recording.OfficerAsync(db, user);
        var roster = record.Roster.ToHashSet();
        var taughtOn = record.TaughtOn!.Value;
        var dosage = record.Minutes is { } minutes && component.LessonNumber(record.LessonNumber) is { } plan
            ? Dosage.For(plan, minutes, record.Activities ?? []) : null;
        // The class's own reasons first (a cancelled class says so), then the operation's rule for anything else.
        if (schoolClass.CheckRecording(record.LessonNumber, component.LessonCount, taughtOn, officer, today, roster, dosage) is { Count: > 0 } refusals)
        {
            await db.Students.Where(st => db.Enrollments.Any(e => e.ClassId == schoolClass.Id && e.StudentId == st.Id)).LoadAsync();
            return Answer(StatusCodes.Status409Conflict, Refused(recording, record, refusals));
        }
        if (!await authorization.CanAsync(User, Operations.RecordLesson, schoolClass))
        {
            return Answer(StatusCodes.Status403Forbidden, new Outcome("refused", [L.Refusal(ClassRule.NotAssigned, component.Name.Current, null, schoolClass.Status)]));
        }

        var delivery = schoolClass.RecordLesson(record.LessonNumber, component.LessonCount, taughtOn, officer, today, record.Present.ToHashSet(),
            string.IsNullOrWhiteSpace(record.Notes) ? null : record.Notes.Trim(), time.GetUtcNow(), roster, record.Id, dosage);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same record, or the same lesson, arrived a moment ago (a replay racing itself, a second device).
            db.ChangeTracker.Clear();
            if (await SentBeforeAsync(record.Id, user) is { } raced) return Answer(StatusCodes.Status200OK, Recorded(raced, record.LessonNumber));
            if (await LessonForm.Recording.LoadAsync(db, user, record.ClassId, curriculum, time) is { } again
                && again.Class.Deliveries.Any(d => d.LessonNumber == record.LessonNumber))
            {
                return Answer(StatusCodes.Status409Conflict, Refused(again, record, [ClassRule.AlreadyRecorded]));
            }
            throw;
        }
        var outcome = Recorded(delivery, record.LessonNumber);
        if (Request.Headers.ContainsKey(ShowHeader)) TempData["Message"] = outcome.Messages[0];
        return Answer(StatusCodes.Status200OK, outcome);
    }

    private Task<LessonDelivery?> SentBeforeAsync(Guid phoneId, UserScope user) =>
        db.LessonDeliveries.Include(d => d.Attendance).Where(d => d.PhoneId == phoneId && db.Classes.VisibleTo(user).Any(c => c.Id == d.ClassId))
            .FirstOrDefaultAsync();

    private Outcome Recorded(LessonDelivery delivery, int lessonNumber) =>
        new("recorded", [L.Plural("Lesson {0} recorded ({1} absent).", delivery.Attendance.Count(a => !a.Present), lessonNumber, delivery.Attendance.Count(a => !a.Present))],
            Url.Page("/Classes/Details", new { id = delivery.ClassId }));

    private Outcome Refused(LessonForm.Recording recording, PhoneRecord record, IReadOnlyList<ClassRule> refusals)
    {
        var (schoolClass, component, _) = recording;
        var messages = new List<string>();
        var fields = new List<string>();
        string? url = null;
        foreach (var rule in refusals)
        {
            var before = messages.Count;
            switch (rule)
            {
                case ClassRule.AlreadyRecorded:
                    var existing = schoolClass.Deliveries.Single(d => d.LessonNumber == record.LessonNumber);
                    messages.Add(L["Lesson {0} was recorded meanwhile, from another device or another page, as taught on {1}: this copy was not sent.",
                        record.LessonNumber, existing.TaughtOn.ToString("d")]);
                    url = Url.Page("/Lessons/Edit", new { id = existing.Id });
                    break;
                case ClassRule.RosterChanged:
                    messages.Add(L.Refusal(rule, component.Name.Current, schoolClass.StartsOn, schoolClass.Status));
                    var change = schoolClass.RosterChanges(record.TaughtOn!.Value, record.Roster.ToHashSet());
                    if (change.Left.Count > 0) messages.Add(L["Not in the class that day any more: {0}.", string.Join(", ", change.Left.Select(e => e.Student.DisplayName))]);
                    if (change.Joined.Count > 0) messages.Add(L["In the class that day but not on this phone's list: {0}.", string.Join(", ", change.Joined.Select(e => e.Student.DisplayName))]);
                    break;
                default:
                    messages.Add(L.Refusal(rule, component.Name.Current, schoolClass.StartsOn, schoolClass.Status));
                    break;
            }
            fields.AddRange(Enumerable.Repeat(LessonForm.FieldOf(rule), messages.Count - before));
        }
        return new Outcome("refused", messages, url, refusals.Select(r => r.ToString()).ToList(), fields);
    }

    private JsonResult Answer(int status, Outcome outcome)
    {
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(outcome) { StatusCode = status };
    }
}
