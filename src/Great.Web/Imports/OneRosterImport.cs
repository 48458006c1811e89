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

    /// <param name="Targets">The Great classes the roster goes into (new ones get their ids when saved).</param>
    /// <param name="LessonsRecorded">For each existing class the file names, how many lessons it has recorded (a class under way has some).</param>
    public sealed record Result(IReadOnlyList<ImportError> Errors, RosterStage? Stage, IReadOnlyList<ClassMapping> Classes, IReadOnlyList<SchoolClass> Targets,
        IReadOnlyDictionary<int, int>? LessonsRecorded = null);

    /// <summary>
    /// How a pull from a roster connection is staged: the org of the school as mapped on the connection and, for a pull
    /// no person previews, the classes a person chose to skip. A class that is then neither linked nor skipped stops the
    /// pull: a person must say what it is before anything is applied.
    /// </summary>
    public sealed record Following(string OrgSourcedId, Func<string, bool>? Skips);

    public static async Task<Result> StageAsync(GreatDbContext db, School school, OneRosterPackage package, IReadOnlyDictionary<string, string> choices,
        CurriculumCatalogue curriculum, DateOnly today, Func<string, string> message, Following? following = null, bool keepUnderWay = false)
    {
        var schoolOrgs = package.Orgs.Where(o => o.Type == "school").ToList();
        var orgSourcedId = following?.OrgSourcedId
            ?? schoolOrgs.FirstOrDefault(o => o.Identifier.Equals(school.Code, StringComparison.OrdinalIgnoreCase) || o.SourcedId == school.Code)?.SourcedId;
        if (orgSourcedId is null)
        {
            // Another school's export would enrol its students here: refused, naming what the file holds and what was expected.
            static string IdOf(OneRosterPackage.Org o) => o.Identifier.Length > 0 ? o.Identifier : o.SourcedId;
            var found = string.Join(", ", schoolOrgs.Select(o => $"{o.Name} ({IdOf(o)})"));
            // The same school under the number its school system uses: the coordinator is told who can record that number.
            var sameName = schoolOrgs.FirstOrDefault(o => string.Equals(o.Name.Trim(), school.Name.Trim(), StringComparison.CurrentCultureIgnoreCase));
            return new([new("orgs.csv", 0, schoolOrgs.Count == 0
                ? string.Format(message("orgs.csv names no school; this file must be the export of {0} (identifier {1})."), school.Name, school.Code)
                : sameName is not null
                    ? string.Format(message("Nothing was imported: the file names this school by the identifier {0}, and Great knows it by {1}. If {0} is the school's number in its school system, an administrator can record it as the school's code (Administration → Schools); then import the file again."),
                        IdOf(sameName), school.Code)
                    : string.Format(message("This file is the export of {0}, not of {1} (identifier {2}): nothing was imported. Import the export of {1}; if it names the school by another identifier, an administrator can record that identifier as the school's code (Administration → Schools)."),
                        found, school.Name, school.Code))], null, [], []);
        }

        var greatClasses = await db.Classes.Where(c => c.SchoolId == school.Id).ToListAsync();
        var users = package.Users.Where(u => u.Role == "student").ToDictionary(u => u.SourcedId);
        var stage = await RosterStage.StartAsync(db, school.Id, today,
            users.Values.Select(u => RowOf(u, "users.csv", 0))
                .Concat(package.Enrollments.Select(e => new StudentRow("enrollments.csv", 0, e.UserSourcedId, null, "", ""))));
        var schoolYear = school.Region.SchoolYearOf(today);
        var errors = new List<ImportError>();

        var mappings = new List<ClassMapping>();
        var targets = new Dictionary<string, SchoolClass>();
        // An existing class takes the roster of one class of the file: the coordinator's choices are never suggested for another.
        var chosen = choices.Values.Select(v => int.TryParse(v, out var id) ? id : 0).Where(id => id != 0).ToHashSet();
        var claimed = new HashSet<int>();
        foreach (var rosterClass in package.Classes.Where(c => c.SchoolSourcedId == orgSourcedId && !c.Deleted))
        {
            var mapped = greatClasses.FirstOrDefault(c => c.SourcedId == rosterClass.SourcedId);
            if (mapped is not null)
            {
                targets[rosterClass.SourcedId] = mapped;
                mappings.Add(new(rosterClass.SourcedId, rosterClass.Title, rosterClass.Grades, mapped.Id, mapped.Id.ToString()));
                continue;
            }
            var choice = choices.GetValueOrDefault(rosterClass.SourcedId);
            if (choice is null && following?.Skips is { } skips)
            {
                if (skips(rosterClass.SourcedId)) continue;
                errors.Add(new("classes", rosterClass.Line, string.Format(
                    message("The class {0} ({1}) is new in the school's system and linked to no class in Great: review the sync and choose what it is."),
                    rosterClass.Title, rosterClass.SourcedId)));
                continue;
            }
            choice ??= Suggest(rosterClass, greatClasses.Where(c => c.SourcedId == null && c.Status != ClassStatus.Cancelled && !chosen.Contains(c.Id) && !claimed.Contains(c.Id)),
                schoolYear, curriculum);
            mappings.Add(new(rosterClass.SourcedId, rosterClass.Title, rosterClass.Grades, null, choice));
            if (choice.StartsWith(NewPrefix) && curriculum.CurrentEdition(choice[NewPrefix.Length..]) is { } component)
            {
                var grade = FirstGrade(rosterClass.Grades);
                // Made as every class is (its language, for workbooks and certificates, is its region's).
                var created = SchoolClass.Create(school, component.Code, component.Edition, schoolYear, grade, SectionOf(rosterClass, grade));
                created.LinkToRoster(rosterClass.SourcedId);
                db.Classes.Add(created);
                targets[rosterClass.SourcedId] = created;
                stage.NewClass(created, "classes.csv", rosterClass.Line);
            }
            else if (int.TryParse(choice, out var classId) && greatClasses.FirstOrDefault(c => c.Id == classId) is { } existing
                     && (existing.SourcedId == null || claimed.Contains(existing.Id)))
            {
                if (!claimed.Add(existing.Id))
                {
                    errors.Add(new("classes.csv", rosterClass.Line, string.Format(
                        message("{0} is linked to {1}, which another class of the file is linked to already: link each class of the file to its own class."),
                        rosterClass.Title, existing.DisplayName)));
                    continue;
                }
                existing.LinkToRoster(rosterClass.SourcedId);
                targets[rosterClass.SourcedId] = existing;
            }
        }
        // A delta names only the classes that changed: its enrolments may be in classes linked before.
        foreach (var linked in greatClasses.Where(c => c.SourcedId is not null && !targets.ContainsKey(c.SourcedId)
                     && package.Enrollments.Any(e => e.ClassSourcedId == c.SourcedId)))
        {
            targets[linked.SourcedId!] = linked;
        }
        if (errors.Count > 0) return new(errors, null, mappings, []);

        // The rosters of the existing classes the file names, to compare with it (new classes have none yet).
        var existingTargets = targets.Values.Where(t => t.Id != 0).Select(t => t.Id).ToList();
        await db.Enrollments.Where(e => existingTargets.Contains(e.ClassId)).Include(e => e.Student).LoadAsync();
        var recorded = await db.LessonDeliveries.Where(d => existingTargets.Contains(d.ClassId)).GroupBy(d => d.ClassId)
            .Select(g => new { ClassId = g.Key, Lessons = g.Count() }).ToDictionaryAsync(x => x.ClassId, x => x.Lessons);
        // The coordinator may keep the students of classes under way that the file would withdraw (they would lose their lessons).
        if (keepUnderWay) stage.Keeps = c => c.Id != 0 && recorded.ContainsKey(c.Id);
        var enrolledUsers = new HashSet<string>();
        foreach (var enrollment in package.Enrollments.Where(e => e.Role == "student"))
        {
            if (!targets.TryGetValue(enrollment.ClassSourcedId, out var target)) continue;
            enrolledUsers.Add(enrollment.UserSourcedId);
            users.TryGetValue(enrollment.UserSourcedId, out var user);
            // A delta's enrolment may name a student whose own record did not change: the one Great already has.
            var known = user is null ? stage.Known(enrollment.UserSourcedId) : null;
            var row = user is not null
                ? RowOf(user, "enrollments.csv", enrollment.Line)
                : known is not null
                    ? new StudentRow("enrollments.csv", enrollment.Line, known.SourcedId, known.LocalId, known.GivenName, known.FamilyInitial)
                    : new StudentRow("enrollments.csv", enrollment.Line, enrollment.UserSourcedId, null, "", "");
            if (enrollment.Deleted || user?.Deleted == true) stage.Withdraw(row, target);
            else if (user is null && known is null)
                errors.Add(new("enrollments.csv", enrollment.Line, string.Format(message("Unknown user {0}: it is not in users.csv."), enrollment.UserSourcedId)));
            else stage.Enroll(row, target);
        }
        // A delta's student whose enrolments did not change: a new name is kept, a deleted student leaves every class.
        if (package.IsDelta("users"))
        {
            foreach (var user in users.Values.Where(u => !enrolledUsers.Contains(u.SourcedId)))
            {
                var row = RowOf(user, "users.csv", user.Line);
                if (user.Deleted) await stage.WithdrawEverywhereAsync(row);
                else stage.Rename(row);
            }
        }
        if (errors.Count > 0) return new(errors, null, mappings, []);
        // A bulk export is the whole roster of each class it names.
        if (!package.IsDelta("enrollments"))
        {
            foreach (var target in targets.Values.Distinct()) stage.WithdrawOthers(target, "enrollments.csv");
        }
        return new([], stage, mappings, targets.Values.Distinct().ToList(), recorded);
    }

    /// <summary>A OneRoster student as a staging row: sourcedId, the school's id if any, given name and family initial.</summary>
    private static StudentRow RowOf(OneRosterPackage.User user, string file, int line) =>
        new(file, line, user.SourcedId, user.Identifier.Length == 0 ? null : user.Identifier, user.GivenName, Student.InitialOf(user.FamilyName));

    /// <summary>The school's classes a roster's class may be linked to (open or planned, not linked to a source yet), named for a person.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> LinkableClassesAsync(GreatDbContext db, int schoolId, CurriculumCatalogue curriculum) =>
        (await db.Classes.AsNoTracking().Where(c => c.SchoolId == schoolId && c.SourcedId == null && c.Status != ClassStatus.Cancelled)
            .OrderByDescending(c => c.SchoolYear).Select(c => new { c.Id, c.ComponentCode, c.Grade, c.Section, c.SchoolYear }).ToListAsync())
        .Select(c => (c.Id, $"{curriculum.NameOf(c.ComponentCode)} {c.Grade} {c.Section} ({c.SchoolYear})")).ToList();

    /// <summary>
    /// A guess for a class of the file: the school's unlinked class of this school year with the same grade and section,
    /// else a new class of the component whose grades include the class's, else skip.
    /// </summary>
    private static string Suggest(OneRosterPackage.RosterClass rosterClass, IEnumerable<SchoolClass> linkable, int schoolYear, CurriculumCatalogue curriculum)
    {
        var grade = FirstGrade(rosterClass.Grades);
        var section = SectionKey(SectionOf(rosterClass, grade), grade);
        var same = linkable.Where(c => c.SchoolYear == schoolYear && c.Grade == grade && SectionKey(c.Section, grade) == section).Take(2).ToList();
        if (same.Count == 1) return same[0].Id.ToString();
        var component = curriculum.Current.FirstOrDefault(c => c.Grades.Contains(grade) && c.Code is "ELEM" or "MS");
        return component is null ? Skip : NewPrefix + component.Code;
    }

    /// <summary>
    /// The section of a class of the file, without its grade: a class code "7B" or "7-B" of grade 7 is section "B"
    /// (the class is shown as grade and section, and "7 7B" says the grade twice); else the code or the title, at most 20 characters.
    /// </summary>
    private static string SectionOf(OneRosterPackage.RosterClass rosterClass, string grade)
    {
        var code = WithoutGrade(rosterClass.ClassCode.Length > 0 ? rosterClass.ClassCode : rosterClass.Title, grade);
        return code.Length > 20 ? code[..20] : code;
    }

    /// <summary>A section compared with another: no grade before it, no spaces or dashes, any case ("7-B", "B" and "b" are one section of grade 7).</summary>
    private static string SectionKey(string section, string grade) =>
        new(WithoutGrade(section, grade).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>"7B", "07-B", "7.º B" of grade 7 without the grade ("B"); a text that is not the grade and more stays as it is.</summary>
    private static string WithoutGrade(string text, string grade)
    {
        var digits = text.TrimStart('0');
        if (grade.Length == 0 || !char.IsDigit(grade[0]) || !digits.StartsWith(grade, StringComparison.Ordinal)
            || digits.Length == grade.Length || char.IsDigit(digits[grade.Length])) return text;
        var rest = digits[grade.Length..].TrimStart(' ', '-', '_', '.', '°', 'º');
        return rest.Length > 0 ? rest : text;
    }

    private static string FirstGrade(string grades)
    {
        var first = grades.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var trimmed = first.TrimStart('0');
        return trimmed.Length == 0 ? (first.Length == 0 ? "?" : "0") : trimmed;
    }
}
