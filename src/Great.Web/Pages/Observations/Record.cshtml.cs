using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Pages.Lessons;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Observations;

/// <summary>
/// A mentor or the region's manager records what they saw of a recorded lesson: activities seen, the four-part rubric,
/// minutes, strengths, suggestions, the outcome; the officer's assigned mentor may sign a provisional certification off with it.
/// </summary>
public class RecordModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public LessonDelivery? Delivery => Class.Deliveries.FirstOrDefault(d => d.LessonNumber == Input.LessonNumber);
    /// <summary>The provisional certification this observer may sign off (they are its officer's assigned mentor), if any.</summary>
    public Certification? SignOffCandidate { get; private set; }
    private Instructor? _mentor;

    [BindProperty] public ObservationInput Input { get; set; } = new();

    public sealed class ObservationInput
    {
        public int LessonNumber { get; set; }
        public int? Minutes { get; set; }
        public List<int> Activities { get; set; } = [];
        public int? Preparation { get; set; }
        public int? Engagement { get; set; }
        public int? ClassroomManagement { get; set; }
        public int? ContentAccuracy { get; set; }
        public string Strengths { get; set; } = "";
        public string Suggestions { get; set; } = "";
        public ObservationOutcome? Outcome { get; set; }
        public bool SignOff { get; set; }

        public Dictionary<RubricPart, int> Scores() => new()
        {
            [RubricPart.Preparation] = Preparation ?? 0, [RubricPart.Engagement] = Engagement ?? 0,
            [RubricPart.ClassroomManagement] = ClassroomManagement ?? 0, [RubricPart.ContentAccuracy] = ContentAccuracy ?? 0,
        };
    }

    public sealed class Validator : AbstractValidator<ObservationInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Outcome).NotNull().WithMessage(L["Choose the outcome."]).IsInEnum().WithMessage(L["Choose the outcome."]);
            RuleFor(x => x.Strengths).FitsNotes(L);
            RuleFor(x => x.Suggestions).FitsNotes(L);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, int? lessonNumber)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Input.LessonNumber = lessonNumber ?? Class.Deliveries.OrderByDescending(d => d.TaughtOn).ThenByDescending(d => d.LessonNumber).FirstOrDefault()?.LessonNumber ?? 1;
        if (Component.LessonNumber(Input.LessonNumber) is { } plan)
        {
            Input.Minutes = Delivery?.MinutesTaught ?? plan.PlannedMinutes;
            Input.Activities = [.. plan.AllActivities];
        }
        await FindSignOffAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        await FindSignOffAsync();
        var plan = Component.LessonNumber(Input.LessonNumber);
        if (plan is null)
        {
            ModelState.AddModelError("Input.LessonNumber", L.Refusal(ClassRule.NoSuchLesson, Component.Name.Current, null, Class.Status));
            return Page();
        }
        var scores = Input.Scores();
        var seen = Input.Activities.ToHashSet();
        foreach (var rule in Observation.CheckContent(Delivery, plan, _mentor, Input.Minutes ?? 0, scores, seen))
        {
            ModelState.AddModelError(rule switch
            {
                ObservationRule.MinutesOutOfRange => "Input.Minutes",
                ObservationRule.NoSuchActivity => "Input.Activities",
                ObservationRule.NotRecorded => "Input.LessonNumber",
                _ => "",
            }, L.Refusal(rule));
        }
        if (!ModelState.IsValid) return Page();

        var user = UserScope.From(User);
        var observation = Observation.Record(Delivery!, plan, _mentor, user.UserId!, User.FindFirst("name")?.Value ?? User.Identity?.Name ?? "", Input.Minutes!.Value,
            scores, seen, Input.Strengths, Input.Suggestions, Input.Outcome!.Value, time.GetUtcNow());
        var certification = Input.SignOff ? SignOffCandidate ?? await ProvisionalOfAsync(Delivery!.InstructorId) : null;
        if (Input.SignOff)
        {
            var rule = certification is null ? ObservationRule.SignOffNotProvisional : certification.CheckSignOff(observation, Class.ComponentCode, Today);
            if (rule is not null)
            {
                ModelState.AddModelError("Input.SignOff", L.Refusal(rule.Value));
                return Page();
            }
            certification!.SignOff(observation, Class.ComponentCode, Today);
        }
        db.Observations.Add(observation);
        await db.SaveChangesAsync();
        TempData["Message"] = (certification is not null
            ? L["Observation recorded. {0} is now fully certified.", observation.Delivery.Instructor?.FullName ?? ""]
            : L["Observation recorded."]).Value;
        return RedirectToPage("/Observations/Details", new { id = observation.Id });
    }

    /// <summary>The class if the user may open it to observe (404 otherwise), and 403 if they may not observe it.</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        _mentor = user.InstructorId is { } officerId
            ? await db.Instructors.Include(i => i.Agency).Include(i => i.Certifications).FirstOrDefaultAsync(i => i.Id == officerId)
            : null;
        var found = await db.Classes.ObservableBy(user, _mentor?.Agency.RegionId)
            .Include(c => c.School.Region).Include(c => c.Instructor).Include(c => c.Deliveries).ThenInclude(d => d.Instructor)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id);
        if (found is null || curriculum.Find(found.ComponentCode, found.Edition) is not { } component) return NotFound();
        (Class, Component, Today) = (found, component, found.School.Region.Today(time));
        if (!await authorization.CanAsync(User, Operations.ObserveLesson, new ObservationTarget(Class, Class.School.RegionId, _mentor, Today))) return Forbid();
        return null;
    }

    private async Task FindSignOffAsync()
    {
        var officerId = Delivery?.InstructorId ?? Class.InstructorId;
        if (_mentor is null || officerId is null) return;
        var provisional = await ProvisionalOfAsync(officerId.Value);
        SignOffCandidate = provisional?.MentorId == _mentor.Id ? provisional : null;
    }

    private async Task<Certification?> ProvisionalOfAsync(int officerId) =>
        (await db.Certifications.Include(c => c.Instructor).Where(c => c.InstructorId == officerId && c.ComponentCode == Class.ComponentCode).ToListAsync())
            .FirstOrDefault(c => c.StatusOn(Today) == CertificationStatus.Provisional);
}
