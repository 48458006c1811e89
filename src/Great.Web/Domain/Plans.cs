using System.Linq.Expressions;

namespace Great.Web.Domain;

/// <summary>A day a school does not teach; lesson plans skip it.</summary>
public class SchoolHoliday
{
    public int Id { get; init; }
    public int SchoolId { get; init; }
    public DateOnly Date { get; init; }
}

public class PlannedLesson
{
    public int Id { get; init; }
    public int ClassId { get; init; }
    public SchoolClass Class { get; init; } = null!;
    public int LessonNumber { get; init; }
    private DateOnly _plannedOn;
    public DateOnly PlannedOn { get => _plannedOn; init => _plannedOn = value; }

    /// <summary>The lesson is planned for another day (through <see cref="SchoolClass.Plan"/>, which keeps the plan whole).</summary>
    internal void MoveTo(DateOnly on) => _plannedOn = on;

    /// <summary>
    /// Overdue: planned before today in an open class and still not recorded. The one definition: pages ask
    /// <see cref="IsOverdue"/>, queries filter with <see cref="Overdue"/>.
    /// </summary>
    public static bool IsOverdue(DateOnly plannedOn, bool recorded, ClassStatus status, DateOnly today) =>
        !recorded && plannedOn < today && SchoolClass.IsOpenStatus(status);

    public static Expression<Func<PlannedLesson, bool>> Overdue(DateOnly today) => p =>
        p.PlannedOn < today && SchoolClass.OpenStatuses.Contains(p.Class.Status) && !p.Class.Deliveries.Any(d => d.LessonNumber == p.LessonNumber);
}
