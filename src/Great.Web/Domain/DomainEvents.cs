namespace Great.Web.Domain;

/// <summary>
/// What an intent method changed that figures kept elsewhere depend on. The entity records it; the save pipeline
/// (<c>Data/SavePipeline.cs</c>, <c>DomainEventDispatcher</c>) takes every recorded event of a save and turns it into
/// roll-up requests and progress recounts in the same transaction. A row added or removed announces itself (the change
/// tracker knows it exactly); a change to a row is announced only by the intent that made it. See ADR-022.
/// </summary>
public abstract record DomainEvent;

/// <summary>
/// What the reach figures of a class's school count changed: its status, instructor, component or edition, school
/// year, or school (<paramref name="LeftSchoolId"/>: the school it left, whose figures change too). Its grade,
/// section, teacher or plan change nothing there and announce nothing.
/// </summary>
public sealed record ClassFiguresChanged(SchoolClass Class, int? LeftSchoolId = null) : DomainEvent;

/// <summary>An enrolment began, ended, came back or now names another student's record.</summary>
public sealed record EnrolmentChanged(Enrollment Enrollment) : DomainEvent;

/// <summary>A lesson record's date, attendance or dosage was corrected: its students' progress and its school's figures change.</summary>
public sealed record LessonCorrected(LessonDelivery Delivery) : DomainEvent;

/// <summary>An entity that records the domain events of its intent methods until the save takes them.</summary>
public abstract class AnnouncesChanges
{
    private readonly List<DomainEvent> _events = [];

    protected void Announce(DomainEvent change) => _events.Add(change);

    /// <summary>The events recorded since the last save, handed over once (the save pipeline calls it).</summary>
    public IReadOnlyList<DomainEvent> TakeEvents()
    {
        if (_events.Count == 0) return [];
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }
}
