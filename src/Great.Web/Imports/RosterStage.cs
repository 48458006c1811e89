using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Imports;

public enum ChangeKind { NewClass, NewStudent, Enrolled, Updated, Withdrawn, Unchanged }

public sealed record RosterChange(ChangeKind Kind, string Class, string Student, string File, int Line);

/// <summary>A student as an import row gives them.</summary>
public sealed record StudentRow(string File, int Line, string? SourcedId, string? LocalId, string GivenName, string FamilyInitial)
{
    public string Name => $"{GivenName} {FamilyInitial}.";

    /// <summary>The guardians' answers the row gives (a plain CSV's consent columns); none changes nothing.</summary>
    public IReadOnlyDictionary<ConsentKind, ConsentStatus> Consents { get; init; } = new Dictionary<ConsentKind, ConsentStatus>();
}

/// <summary>
/// Applies an import to tracked entities and lists what it changed. A preview stages and throws the context away;
/// a confirmation stages the same way and saves once, so what was previewed is what is written, all or nothing.
/// </summary>
public sealed class RosterStage
{
    private readonly GreatDbContext _db;
    private readonly int _schoolId;
    private readonly DateOnly _today;
    // Indexes over the school's students and each class's enrolments: a file of 10,000 rows must not search lists.
    private readonly Dictionary<string, Student> _bySourcedId = [];
    private readonly Dictionary<string, Student> _byLocalId = [];
    private readonly Dictionary<SchoolClass, Dictionary<Student, Enrollment>> _enrolled = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(SchoolClass, Student)> _touched = [];
    private readonly List<(Student Student, StudentRow Row)> _answers = [];

    public List<RosterChange> Changes { get; } = [];

    /// <summary>
    /// Classes whose students stay where the file would withdraw them: a coordinator's choice for classes under way,
    /// whose students would lose the lessons they attended. None by default.
    /// </summary>
    public Func<SchoolClass, bool> Keeps { get; set; } = _ => false;

    /// <summary>The enrolments the file withdraws, and those it would have withdrawn from classes <see cref="Keeps"/> keeps.</summary>
    public List<Enrollment> Leaving { get; } = [];

    /// <summary>How many guardians' answers the rows change (see <see cref="RecordConsentsAsync"/>).</summary>
    public int ConsentsRecorded { get; private set; }

    private RosterStage(GreatDbContext db, int schoolId, DateOnly today, List<Student> students)
    {
        _db = db;
        _schoolId = schoolId;
        _today = today;
        foreach (var student in students) Index(student);
    }

    private void Index(Student student)
    {
        if (student.SourcedId is { } sourced) _bySourcedId.TryAdd(sourced, student);
        if (student.LocalId is { } local) _byLocalId.TryAdd(local, student);
    }

    /// <summary>The class's enrolments by student (the class's students are loaded with it).</summary>
    private Dictionary<Student, Enrollment> EnrolledIn(SchoolClass schoolClass)
    {
        if (!_enrolled.TryGetValue(schoolClass, out var enrolled))
        {
            enrolled = new Dictionary<Student, Enrollment>(ReferenceEqualityComparer.Instance);
            foreach (var enrollment in schoolClass.Enrollments) enrolled.TryAdd(enrollment.Student, enrollment);
            _enrolled[schoolClass] = enrolled;
        }
        return enrolled;
    }

    /// <summary>
    /// Starts staging for a school: of its students, only those the file names by sourcedId or id are loaded
    /// (a school can hold thousands); rows without either match by name within their class.
    /// </summary>
    public static async Task<RosterStage> StartAsync(GreatDbContext db, int schoolId, DateOnly today, IEnumerable<StudentRow> rows)
    {
        var sourcedIds = rows.Select(r => r.SourcedId).OfType<string>().Distinct().ToList();
        var localIds = rows.Select(r => r.LocalId).OfType<string>().Distinct().ToList();
        // One array parameter each: a whole school's ids as separate parameters would make SQLite compare every pair.
        var named = await db.Students.Where(s => s.SchoolId == schoolId
            && ((s.SourcedId != null && EF.Parameter(sourcedIds).Contains(s.SourcedId))
                || (s.LocalId != null && EF.Parameter(localIds).Contains(s.LocalId)))).ToListAsync();
        return new(db, schoolId, today, named);
    }

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>
    /// The school's student for a row: by OneRoster sourcedId, then by the school's id, then (with neither) by name
    /// among the class's students; a new student otherwise. Names are brought up to date.
    /// </summary>
    public (Student Student, bool IsNew, bool Updated) Resolve(StudentRow row, SchoolClass schoolClass)
    {
        var student = (row.SourcedId is { } sourced ? _bySourcedId.GetValueOrDefault(sourced) : null)
            ?? (row.LocalId is { } local ? _byLocalId.GetValueOrDefault(local) : null)
            ?? (row.SourcedId is null && row.LocalId is null
                ? schoolClass.Enrollments.Select(e => e.Student).FirstOrDefault(s => s.LocalId is null && s.SourcedId is null
                    && string.Equals(s.GivenName, row.GivenName, StringComparison.CurrentCultureIgnoreCase) && s.FamilyInitial == row.FamilyInitial)
                : null);
        if (student is null)
        {
            student = Student.New(_schoolId, row.GivenName, row.FamilyInitial, row.LocalId, row.SourcedId);
            _db.Students.Add(student);
            Index(student);
            return (student, true, false);
        }
        // Ids leave the indexes they held before the student takes the file's (matched by one, the other may be new).
        if (row.SourcedId is not null && student.SourcedId is { } oldSourced && oldSourced != row.SourcedId && _bySourcedId.GetValueOrDefault(oldSourced) == student)
            _bySourcedId.Remove(oldSourced);
        if (row.LocalId is not null && student.LocalId is { } oldLocal && oldLocal != row.LocalId && _byLocalId.GetValueOrDefault(oldLocal) == student)
            _byLocalId.Remove(oldLocal);
        var updated = student.Rename(row.GivenName, row.FamilyInitial) | student.Identify(row.LocalId, row.SourcedId);
        if (updated) Index(student);
        return (student, false, updated);
    }

    /// <summary>Puts the row's student in the class (back in, if they had been withdrawn).</summary>
    public Student Enroll(StudentRow row, SchoolClass schoolClass)
    {
        var (student, isNew, updated) = Resolve(row, schoolClass);
        var enrolled = EnrolledIn(schoolClass);
        var active = enrolled.TryGetValue(student, out var current) && current.WithdrawnOn is null;
        if (!active) enrolled[student] = schoolClass.Enroll(student, _today, current);
        _touched.Add((schoolClass, student));
        if (row.Consents.Count > 0) _answers.Add((student, row));
        var kind = isNew ? ChangeKind.NewStudent : !active ? ChangeKind.Enrolled : updated ? ChangeKind.Updated : ChangeKind.Unchanged;
        Changes.Add(new RosterChange(kind, Label(schoolClass), row.Name, row.File, row.Line));
        return student;
    }

    /// <summary>Takes a row's student out of the class (a delta file's "tobedeleted").</summary>
    public void Withdraw(StudentRow row, SchoolClass schoolClass)
    {
        var enrollment = schoolClass.Enrollments.FirstOrDefault(e => e.WithdrawnOn is null && (
            (row.SourcedId != null && e.Student.SourcedId == row.SourcedId) || (row.LocalId != null && e.Student.LocalId == row.LocalId)));
        if (enrollment is null) return;
        Leave(enrollment, schoolClass, row.File, row.Line);
    }

    private void Leave(Enrollment enrollment, SchoolClass schoolClass, string file, int line)
    {
        Leaving.Add(enrollment);
        if (Keeps(schoolClass)) return;
        enrollment.Withdraw(Max(_today, enrollment.EnrolledOn));
        Changes.Add(new RosterChange(ChangeKind.Withdrawn, Label(schoolClass), enrollment.Student.DisplayName, file, line));
    }

    /// <summary>
    /// The guardians' answers the enrolled rows gave, dated the day of the import and recorded by the person who
    /// imported: the students' answers so far are loaded first, so an answer the file repeats changes nothing.
    /// </summary>
    public async Task RecordConsentsAsync(string recordedBy, DateTimeOffset at)
    {
        var known = _answers.Select(a => a.Student.Id).Where(id => id != 0).Distinct().ToList();
        if (known.Count > 0) await _db.StudentConsents.Where(c => EF.Parameter(known).Contains(c.StudentId)).LoadAsync();
        foreach (var (student, row) in _answers)
        {
            foreach (var (kind, status) in row.Consents)
            {
                if (student.ConsentFor(kind) == status) continue;
                student.RecordConsent(kind, status, _today, recordedBy, at);
                ConsentsRecorded++;
            }
        }
    }

    /// <summary>The school's student with this OneRoster sourcedId, if the rows given at the start named them.</summary>
    public Student? Known(string sourcedId) => _bySourcedId.GetValueOrDefault(sourcedId);

    /// <summary>A delta's student whose enrolments did not change: their name is brought up to date (a new student waits for an enrolment).</summary>
    public void Rename(StudentRow row)
    {
        if (row.SourcedId is null || Known(row.SourcedId) is not { } student) return;
        if (!student.Rename(row.GivenName, row.FamilyInitial)) return;
        Changes.Add(new RosterChange(ChangeKind.Updated, "", row.Name, row.File, row.Line));
    }

    /// <summary>A student deleted in the source leaves every class of the school they are in (dated today; never deleted).</summary>
    public async Task WithdrawEverywhereAsync(StudentRow row)
    {
        if (row.SourcedId is null || Known(row.SourcedId) is not { } student || student.Id == 0) return;
        var enrollments = await _db.Enrollments.Include(e => e.Class).Include(e => e.Student)
            .Where(e => e.StudentId == student.Id && e.WithdrawnOn == null).ToListAsync();
        foreach (var enrollment in enrollments.Where(e => e.WithdrawnOn is null)) Leave(enrollment, enrollment.Class, row.File, row.Line);
    }

    /// <summary>A full roster replaces the class's: students in the class but not in the file leave it today.</summary>
    public void WithdrawOthers(SchoolClass schoolClass, string file)
    {
        foreach (var enrollment in schoolClass.Enrollments.Where(e => e.WithdrawnOn is null && !_touched.Contains((schoolClass, e.Student))).ToList())
        {
            Leave(enrollment, schoolClass, file, 0);
        }
    }

    /// <summary>
    /// Readies the staged changes for saving with the import itself: who, when, which file, what it changed. Its row's
    /// audit entry stands for the students and enrolments it adds (see <see cref="RosterImport"/>).
    /// </summary>
    public RosterImport Record(string userId, DateTimeOffset at, PendingImport upload, int? classId) =>
        Record(userId, at, upload.Kind, upload.FileName, classId);

    /// <summary>The same for changes that came from elsewhere than a file (a roster sync: the connection's name).</summary>
    public RosterImport Record(string? userId, DateTimeOffset at, ImportKind kind, string source, int? classId)
    {
        var counts = Enum.GetValues<ChangeKind>().ToDictionary(k => k.ToString(), k => Count(k));
        var import = new RosterImport
        {
            UserId = userId, SchoolId = _schoolId, ClassId = classId, Kind = kind, FileName = source.Length > 260 ? source[..260] : source, ImportedAt = at,
            Changes = System.Text.Json.JsonSerializer.Serialize(counts),
        };
        _db.RosterImports.Add(import);
        return import;
    }

    public void NewClass(SchoolClass schoolClass, string file, int line) =>
        Changes.Add(new RosterChange(ChangeKind.NewClass, Label(schoolClass), "", file, line));

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Label(SchoolClass c) => $"{c.Grade} {c.Section}".Trim();
}
