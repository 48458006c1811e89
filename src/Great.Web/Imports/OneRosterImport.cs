using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Imports;

/// <summary>
/// Applies a OneRoster package to one school. Its classes map to Great classes: by sourcedId once mapped,
/// otherwise as the coordinator chooses (an existing class, a new class of a component, or skip).
/// </summary>
public static class OneRosterImport
{
    public const string Skip = "skip";
    public const string NewPrefix = "new:";

    /// <summary>A class of the export and what becomes of it.</summary>
    public sealed record ClassMapping(string SourcedId, string Title, string Grades, int? MappedClassId, string Choice);

    public sealed record Result(IReadOnlyList<ImportError> Errors, RosterStage? Stage, IReadOnlyList<ClassMapping> Classes);

    public static async Task<Result> StageAsync(GreatDbContext db, School school, OneRosterPackage package, IReadOnlyDictionary<string, string> choices,
        CurriculumCatalogue curriculum, DateOnly today, Func<string, string> message)
    {
        var schoolOrgs = package.Orgs.Where(o => o.Type == "school").ToList();
        var org = schoolOrgs.FirstOrDefault(o => o.Identifier.Equals(school.Code, StringComparison.OrdinalIgnoreCase) || o.SourcedId == school.Code)
            ?? (schoolOrgs.Count == 1 ? schoolOrgs[0] : null);
        if (org is null)
        {
            return new([new("orgs.csv", 0, string.Format(message("No school in orgs.csv has the identifier {0}."), school.Code))], null, []);
        }

        var greatClasses = await db.Classes.Where(c => c.SchoolId == school.Id).ToListAsync();
        var users = package.Users.Where(u => u.Role == "student").ToDictionary(u => u.SourcedId);
        var stage = await RosterStage.StartAsync(db, school.Id, today,
            users.Values.Select(u => new StudentRow("users.csv", 0, u.SourcedId, u.Identifier.Length == 0 ? null : u.Identifier, u.GivenName, "")));
        var schoolYear = school.Region.SchoolYearOf(today);

        var mappings = new List<ClassMapping>();
        var targets = new Dictionary<string, SchoolClass>();
        foreach (var rosterClass in package.Classes.Where(c => c.SchoolSourcedId == org.SourcedId && !c.Deleted))
        {
            var mapped = greatClasses.FirstOrDefault(c => c.SourcedId == rosterClass.SourcedId);
            if (mapped is not null)
            {
                targets[rosterClass.SourcedId] = mapped;
                mappings.Add(new(rosterClass.SourcedId, rosterClass.Title, rosterClass.Grades, mapped.Id, mapped.Id.ToString()));
                continue;
            }
            var choice = choices.GetValueOrDefault(rosterClass.SourcedId) ?? Suggest(rosterClass, curriculum);
            mappings.Add(new(rosterClass.SourcedId, rosterClass.Title, rosterClass.Grades, null, choice));
            if (choice.StartsWith(NewPrefix) && curriculum.CurrentEdition(choice[NewPrefix.Length..]) is { } component)
            {
                var created = new SchoolClass
                {
                    SchoolId = school.Id, ComponentCode = component.Code, Edition = component.Edition, SchoolYear = schoolYear,
                    Grade = FirstGrade(rosterClass.Grades), Section = rosterClass.ClassCode.Length > 0 ? rosterClass.ClassCode : rosterClass.Title,
                    SourcedId = rosterClass.SourcedId, Status = ClassStatus.Planned,
                };
                created.Section = created.Section.Length > 20 ? created.Section[..20] : created.Section;
                db.Classes.Add(created);
                targets[rosterClass.SourcedId] = created;
                stage.NewClass(created, "classes.csv", rosterClass.Line);
            }
            else if (int.TryParse(choice, out var classId) && greatClasses.FirstOrDefault(c => c.Id == classId && c.SourcedId == null) is { } existing
                     && targets.Values.All(t => t != existing))
            {
                existing.SourcedId = rosterClass.SourcedId;
                targets[rosterClass.SourcedId] = existing;
            }
        }

        // The rosters of the existing classes the file names, to compare with it (new classes have none yet).
        var existingTargets = targets.Values.Where(t => t.Id != 0).Select(t => t.Id).ToList();
        await db.Enrollments.Where(e => existingTargets.Contains(e.ClassId)).Include(e => e.Student).LoadAsync();
        var inFile = new HashSet<SchoolClass>();
        foreach (var enrollment in package.Enrollments.Where(e => e.Role == "student"))
        {
            if (!targets.TryGetValue(enrollment.ClassSourcedId, out var target)) continue;
            users.TryGetValue(enrollment.UserSourcedId, out var user);
            var row = user is null
                ? new StudentRow("enrollments.csv", enrollment.Line, enrollment.UserSourcedId, null, "", "")
                : new StudentRow("enrollments.csv", enrollment.Line, user.SourcedId, user.Identifier.Length == 0 ? null : user.Identifier,
                    user.GivenName, Student.InitialOf(user.FamilyName));
            if (enrollment.Deleted || user is null || user.Deleted) stage.Withdraw(row, target);
            else
            {
                stage.Enroll(row, target);
                inFile.Add(target);
            }
        }
        // A bulk export is the whole roster of each class it names.
        if (!package.IsDelta("enrollments"))
        {
            foreach (var target in targets.Values.Distinct()) stage.WithdrawOthers(target, "enrollments.csv");
        }
        return new([], stage, mappings);
    }

    /// <summary>A guess from the class's grades: the component whose grades include them, else skip.</summary>
    private static string Suggest(OneRosterPackage.RosterClass rosterClass, CurriculumCatalogue curriculum)
    {
        var grade = FirstGrade(rosterClass.Grades);
        var component = curriculum.Current.FirstOrDefault(c => c.Grades.Contains(grade) && c.Code is "ELEM" or "MS");
        return component is null ? Skip : NewPrefix + component.Code;
    }

    private static string FirstGrade(string grades)
    {
        var first = grades.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var trimmed = first.TrimStart('0');
        return trimmed.Length == 0 ? (first.Length == 0 ? "?" : "0") : trimmed;
    }
}
