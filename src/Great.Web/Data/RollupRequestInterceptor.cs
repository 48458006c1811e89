using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// Derives the roll-up requests of a save from what it changes: a class (created, moved — both schools —, given
/// another instructor, status, component or year), an enrolment, a lesson record or an attendance mark asks for its
/// school's reach figures to be recomputed (an observation, its fidelity figures), in the same transaction. No page asks for one; see
/// docs/decisions/ADR-003-rollup-requests-from-the-save.md.
/// </summary>
public sealed class RollupRequestInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    // What a class's figures depend on; its grade, section or teacher's name change nothing in them.
    private static readonly string[] ClassFigures =
    [
        nameof(SchoolClass.SchoolId), nameof(SchoolClass.Status), nameof(SchoolClass.InstructorId), nameof(SchoolClass.ComponentCode),
        nameof(SchoolClass.Edition), nameof(SchoolClass.SchoolYear),
    ];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GreatDbContext db) await RequestAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GreatDbContext db) RequestAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task RequestAsync(GreatDbContext db, CancellationToken cancellationToken)
    {
        var schools = new HashSet<int>();
        var classes = new HashSet<int>();
        var deliveries = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case SchoolClass when entry.State != EntityState.Modified || ClassFigures.Any(p => IsChanged(entry, p)):
                    schools.Add(Original<int>(entry, nameof(SchoolClass.SchoolId)));
                    schools.Add(Current<int>(entry, nameof(SchoolClass.SchoolId)));
                    break;
                case Enrollment enrollment:
                    AddClass(enrollment.Class, entry, nameof(Enrollment.ClassId));
                    break;
                case LessonDelivery delivery:
                    AddClass(delivery.Class, entry, nameof(LessonDelivery.ClassId));
                    break;
                case Attendance mark when mark.Delivery is { } delivery:
                    AddClass(delivery.Class, db.Entry(delivery), nameof(LessonDelivery.ClassId));
                    break;
                case Attendance:
                    deliveries.Add(Current<int>(entry, nameof(Attendance.DeliveryId)));
                    break;
                case Observation { Delivery.Class: { } observedClass }:
                    schools.Add(observedClass.SchoolId);
                    break;
                case Observation:
                    deliveries.Add(Current<int>(entry, nameof(Observation.DeliveryId)));
                    break;
            }
        }

        // A class loaded with the change knows its school; others are looked up, all in one query each.
        void AddClass(SchoolClass? schoolClass, EntityEntry entry, string classIdProperty)
        {
            if (schoolClass is not null) schools.Add(schoolClass.SchoolId);
            classes.Add(Original<int>(entry, classIdProperty));
            classes.Add(Current<int>(entry, classIdProperty));
        }

        if (deliveries.Count > 0)
        {
            classes.UnionWith(await db.LessonDeliveries.Where(d => deliveries.Contains(d.Id)).Select(d => d.ClassId).ToListAsync(cancellationToken));
        }
        classes.RemoveWhere(id => id <= 0);
        if (classes.Count > 0)
        {
            schools.UnionWith(await db.Classes.Where(c => classes.Contains(c.Id)).Select(c => c.SchoolId).ToListAsync(cancellationToken));
        }
        schools.RemoveWhere(id => id <= 0);
        var already = db.RollupRequests.Local.Select(r => r.SchoolId).ToHashSet();
        var now = time.GetUtcNow();
        foreach (var school in schools.Where(s => !already.Contains(s)))
        {
            db.RollupRequests.Add(new RollupRequest { SchoolId = school, RequestedAt = now });
        }
    }

    private static bool IsChanged(EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }

    private static T Original<T>(EntityEntry entry, string property) =>
        entry.State == EntityState.Added ? Current<T>(entry, property) : (T)entry.Property(property).OriginalValue!;

    private static T Current<T>(EntityEntry entry, string property) =>
        entry.State == EntityState.Deleted ? (T)entry.Property(property).OriginalValue! : (T)entry.Property(property).CurrentValue!;
}
