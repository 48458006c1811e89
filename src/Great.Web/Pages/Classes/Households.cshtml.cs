using System.Text;
using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Imports;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Classes;

/// <summary>
/// The households of a Families group: each with its members and how far it has come, one added by hand, or many from
/// a CSV file with a preview; a file with any bad row adds nothing and lists every bad row with its line.
/// </summary>
[Authorize(Policy = Operations.ManageRoster)]
[RequestSizeLimit(16 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 16 * 1024 * 1024)]
public class HouseholdsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L,
    NameAccessLog names) : PageModel
{
    /// <summary>Member rows the form offers: a household of two adults and four children fits.</summary>
    public const int MemberRows = 6;

    public SchoolClass Class { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public IReadOnlyList<HouseholdProgress.HouseholdView> Households { get; private set; } = [];
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public IReadOnlyList<HouseholdCsv.Row>? Preview { get; private set; }
    public Guid? Pending { get; private set; }

    /// <summary>The group is over: "not completed" is then final; before, it means the household can no longer complete.</summary>
    public bool ClassOver { get; private set; }
    public string? FileName { get; private set; }

    [BindProperty] public HouseholdInput Input { get; set; } = HouseholdInput.Blank();

    public sealed class HouseholdInput
    {
        public string Label { get; set; } = "";
        public List<MemberInput> Members { get; set; } = [];

        /// <summary>An empty form: an adult's row, a youth's row, and rows to fill as needed.</summary>
        public static HouseholdInput Blank() => new()
        {
            Members = Enumerable.Range(0, MemberRows).Select(i => new MemberInput { Role = i switch { 0 => MemberRole.Adult, 1 => MemberRole.Youth, _ => null } }).ToList(),
        };
    }

    public sealed class MemberInput
    {
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public MemberRole? Role { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(GivenName) && string.IsNullOrWhiteSpace(FamilyName);
    }

    public sealed class Validator : AbstractValidator<HouseholdInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Label).MaximumLength(Household.LabelLength).WithMessage(L["The household is longer than {0} characters.", Household.LabelLength]);
            RuleForEach(x => x.Members).ChildRules(m =>
            {
                m.RuleFor(x => x.GivenName).MaximumLength(FieldLengths.ShortName).WithMessage(L["The given name is longer than 100 characters."]);
                m.RuleFor(x => x.FamilyName).Must(f => string.IsNullOrWhiteSpace(f) || char.IsLetter(f.Trim()[0]))
                    .WithMessage(L["The family name must start with a letter."]);
                m.RuleFor(x => x.Role).NotNull().WithMessage(L["Choose adult or youth for each member."]).IsInEnum()
                    .WithMessage(L["Choose adult or youth for each member."]).When(x => !x.IsBlank);
            });
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, Guid? pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (pending is not null && await FindPendingAsync(pending.Value) is { } upload)
        {
            (Pending, FileName) = (upload.Id, upload.FileName);
            Check(upload.FileName, upload.Content);
        }
        await names.RecordAsync(NameView.Households, id, Households.Sum(h => h.Members.Count));
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(HouseholdCsv.TemplateFor(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName))).ToArray(),
            "text/csv", L["households-template.csv"]);

    public async Task<IActionResult> OnPostAddAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var members = Input.Members.Where(m => !m.IsBlank)
            .Select(m => new NewMember(m.GivenName.Trim(), Student.InitialOf(m.FamilyName), m.Role ?? MemberRole.Adult)).ToList();
        if (ModelState.IsValid)
        {
            foreach (var refusal in Refusals(Input.Label, members)) ModelState.AddModelError("Input", refusal);
        }
        if (!ModelState.IsValid) return Page();
        Class.EnrollHousehold(Input.Label, members, Component.TakesHouseholds, Class.School.Region.Today(time));
        await db.SaveChangesAsync();
        TempData["Message"] = L["Household {0} enrolled with {1} members.", Input.Label.Trim(), members.Count].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear(); // the hand form is not part of an upload
        (var upload, Errors) = await Upload.UploadAsync(file, L["Choose a CSV file."], Message, (name, content) => Check(name, content) ? [] : Errors);
        if (upload is null) return Page();
        return RedirectToPage(new { id, pending = upload.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, Guid pending)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var upload = await FindPendingAsync(pending);
        if (upload is null) return RedirectToPage(new { id });
        // Checked again against the group as it is now: another coordinator may have added a household meanwhile.
        if (!Check(upload.FileName, upload.Content)) return Page();
        var today = Class.School.Region.Today(time);
        foreach (var household in Preview!) Class.EnrollHousehold(household.Label, household.Members, Component.TakesHouseholds, today);
        db.PendingImports.Remove(upload);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Imported {0} households with {1} members.", Preview.Count, Preview.Sum(h => h.Members.Count)].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Reads the file and checks every household against the group; the preview when all is well.</summary>
    private bool Check(string fileName, byte[] content)
    {
        var errors = HouseholdCsv.Parse(fileName, content, Message, out var households).ToList();
        // Households are judged once their rows are all readable: a household missing a row that was refused would only repeat it.
        if (households is not null && errors.Count == 0)
        {
            // Each household is checked on its own against the group, then against the file's other households.
            var seen = new HashSet<string>();
            foreach (var household in households)
            {
                var refusals = Refusals(household.Label, household.Members).ToList();
                var inEarlierHousehold = household.Members.SelectMany(m => m.Keys).Distinct().Count(k => !seen.Add(k)) > 0;
                if (inEarlierHousehold && refusals.Count == 0) refusals.Add(L.Refusal(ClassRule.MemberEnrolledTwice, Component.Name.Current, Class.StartsOn, Class.Status));
                errors.AddRange(refusals.Select(refusal => new ImportError(fileName, household.Line, $"{household.Label}: {refusal}")));
            }
        }
        Errors = errors;
        Preview = errors.Count == 0 ? households : null;
        return errors.Count == 0;
    }

    private string Message(string text) => L[text].Value;

    /// <summary>What stops a household joining, in words; a member brought twice is named, with where they are already and what to do.</summary>
    private IEnumerable<string> Refusals(string label, IReadOnlyList<NewMember> members) =>
        Class.CheckHousehold(label, members, Component.TakesHouseholds).SelectMany(rule => rule == ClassRule.MemberEnrolledTwice
            ? Class.MembersTwice(members).Select(t => t.Household is { } other
                    ? L["{0} is already a member of household {1}. If this is another person, add to the given name what tells them apart (for example '{2} 2') and save again.",
                        $"{t.Member.GivenName} {t.Member.FamilyInitial}.", other, t.Member.GivenName].Value
                    : L["{0} is entered twice in this household.", $"{t.Member.GivenName} {t.Member.FamilyInitial}."].Value)
                .DefaultIfEmpty(L.Refusal(rule, Component.Name.Current, Class.StartsOn, Class.Status))
            : [L.Refusal(rule, Component.Name.Current, Class.StartsOn, Class.Status)]);

    private Uploads Upload => new(db, time, UserScope.From(User).UserId!, ImportKind.Households, Class.SchoolId, Class.Id);

    private Task<PendingImport?> FindPendingAsync(Guid pending) => Upload.FindAsync(pending);

    /// <summary>The group in the user's scope, of a component taught to households; another scope's or a classroom class is 404.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Classes.VisibleTo(UserScope.From(User)).Include(c => c.School.Region)
            .Include(c => c.Households).Include(c => c.Enrollments).ThenInclude(e => e.Student).Include(c => c.Deliveries)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id);
        if (found is null || curriculum.Find(found.ComponentCode, found.Edition) is not { TakesHouseholds: true } component) return false;
        (Class, Component) = (found, component);
        ClassOver = SchoolClass.IsOver(found.Status, found.Deliveries.Count, component.LessonCount);
        Households = await HouseholdProgress.LoadAsync(db, id, component, ClassOver);
        return true;
    }
}
