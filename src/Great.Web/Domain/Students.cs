namespace Great.Web.Domain;

/// <summary>Why a student's record refuses a change; the page turns it into a message in the user's language.</summary>
public enum StudentRule { NameRemoved }

public sealed class StudentRuleException(StudentRule rule) : InvalidOperationException($"Student rule broken: {rule}")
{
    public StudentRule Rule { get; } = rule;
}

/// <summary>The minimum about a minor: no birth date, no address.</summary>
public class Student : IExplainedChange
{
    public int Id { get; init; }
    public int SchoolId { get; init; }
    public School School { get; init; } = null!;
    // Named once, when the record is made (an initializer); changed after only through Rename and Identify, which
    // refuse a removed name. EF reads and writes the fields.
    private string _givenName = "";
    private string _familyInitial = "";
    private string? _localId;
    private string? _sourcedId;

    public required string GivenName { get => _givenName; init => _givenName = value; }
    /// <summary>One letter: the family name's initial.</summary>
    public required string FamilyInitial { get => _familyInitial; init => _familyInitial = value; }
    /// <summary>Optional id the school's information system uses.</summary>
    public string? LocalId { get => _localId; init => _localId = value; }
    /// <summary>OneRoster sourcedId, to match on re-import.</summary>
    public string? SourcedId { get => _sourcedId; init => _sourcedId = value; }

    public string DisplayName => $"{GivenName} {FamilyInitial}.";

    /// <summary>
    /// A new student of a school, as a roster or a coordinator names them: the given name trimmed, one initial, and the
    /// school's ids (blank ones are none). Every student made outside the domain is made here.
    /// </summary>
    public static Student New(int schoolId, string givenName, string familyInitial, string? localId = null, string? sourcedId = null) => new()
    {
        SchoolId = schoolId, GivenName = givenName.Trim(), FamilyInitial = familyInitial,
        LocalId = string.IsNullOrWhiteSpace(localId) ? null : localId.Trim(), SourcedId = string.IsNullOrWhiteSpace(sourcedId) ? null : sourcedId.Trim(),
    };

    /// <summary>Guardians' answers, one per question asked (a question not answered has none).</summary>
    public List<StudentConsent> Consents { get; init; } = [];

    /// <summary>When the name and school ids were removed (retention, or an erasure request); none while they are kept.</summary>
    public DateTimeOffset? PseudonymisedAt { get; private set; }

    /// <summary>A removed name's stand-in: the record's number, stable for the student and telling nothing about them.</summary>
    public static string PseudonymOf(int studentId) => "ANON-" + studentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public const string PseudonymInitial = "X";

    public bool IsPseudonymised => PseudonymisedAt is not null;

    /// <summary>Why the name was removed (the retention rule, or the erasure request's reason): the audit trail keeps it, not the name.</summary>
    public string? ChangeReason { get; private set; }

    /// <summary>
    /// The name and school ids go for good, replaced by the stable pseudonym: the record, its enrolments and its
    /// attendance stay, so every count is what it was. The caller also clears the name from the audit trail.
    /// </summary>
    public void Pseudonymise(DateTimeOffset at, string reason)
    {
        if (IsPseudonymised) return;
        if (Id == 0) throw new InvalidOperationException("A student is pseudonymised once saved: the pseudonym is their record's number.");
        _givenName = PseudonymOf(Id);
        _familyInitial = PseudonymInitial;
        _localId = null;
        _sourcedId = null;
        PseudonymisedAt = at;
        ChangeReason = reason;
    }

    /// <summary>
    /// A new spelling of the name (a correction, a school system's change); true if it changed. A removed name stays
    /// removed: nobody may type it back (<see cref="StudentRuleException"/>; pages ask <see cref="IsPseudonymised"/> first).
    /// </summary>
    public bool Rename(string givenName, string familyInitial)
    {
        givenName = givenName.Trim();
        if (givenName == _givenName && familyInitial == _familyInitial) return false;
        if (IsPseudonymised) throw new StudentRuleException(StudentRule.NameRemoved);
        _givenName = givenName;
        _familyInitial = familyInitial;
        return true;
    }

    /// <summary>
    /// The ids the school's systems know the student by (null keeps one as it is, an empty school id clears it); true
    /// if one changed. None comes back after the name was removed.
    /// </summary>
    public bool Identify(string? localId, string? sourcedId)
    {
        var local = localId is null ? _localId : localId.Trim() is { Length: > 0 } given ? given : null;
        var sourced = sourcedId ?? _sourcedId;
        if (local == _localId && sourced == _sourcedId) return false;
        if (IsPseudonymised) throw new StudentRuleException(StudentRule.NameRemoved);
        _localId = local;
        _sourcedId = sourced;
        return true;
    }

    public ConsentStatus ConsentFor(ConsentKind kind) => Consents.FirstOrDefault(c => c.Kind == kind)?.Status ?? ConsentStatus.Unknown;

    /// <summary>A guardian's answer to one question; the same answer again changes nothing (a re-import is no new answer).</summary>
    public StudentConsent? RecordConsent(ConsentKind kind, ConsentStatus status, DateOnly answeredOn, string recordedBy, DateTimeOffset at)
    {
        if (recordedBy.Length > FieldLengths.Name) recordedBy = recordedBy[..FieldLengths.Name];
        var current = Consents.FirstOrDefault(c => c.Kind == kind);
        if (current is null && status == ConsentStatus.Unknown) return null;
        if (current is not null && current.Status == status) return current;
        current ??= AddConsent(kind);
        current.Answer(status, answeredOn, recordedBy, at);
        return current;

        StudentConsent AddConsent(ConsentKind k)
        {
            var added = new StudentConsent { Student = this, Kind = k, RecordedBy = recordedBy };
            Consents.Add(added);
            return added;
        }
    }

    /// <summary>Only the initial of a family name is kept: the first letter, upper-cased (Ñ stays Ñ).</summary>
    public static string InitialOf(string familyName)
    {
        var trimmed = familyName.Trim().Normalize(System.Text.NormalizationForm.FormC);
        return trimmed.Length == 0 ? "" : System.Globalization.StringInfo.GetNextTextElement(trimmed).ToUpperInvariant();
    }
}
