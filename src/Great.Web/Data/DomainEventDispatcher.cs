using System.Runtime.CompilerServices;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// Turns what a save changes into what it must also write, in the same transaction (ADR-003, ADR-011, ADR-022):
/// <list type="bullet">
/// <item>a <see cref="RollupRequest"/> for every school whose reach or fidelity figures change;</item>
/// <item>after the rows are written, a recount of the kept progress (<see cref="EnrollmentProgress"/>) of every enrolment
/// whose attendance changed, and of every enrolment of a class that lost a lesson record.</item>
/// </list>
/// What changed comes from two places only: the <see cref="DomainEvent"/>s the intent methods recorded (a class
/// cancelled, moved or given another instructor; a student withdrawn; a lesson corrected), and the rows added or
/// removed, which announce themselves (a class made, a student enrolled, a lesson recorded or deleted, a mark, an
/// observation). A change to a row made any other way announces nothing: the domain is closed, so there is none.
/// </summary>
public sealed class DomainEventDispatcher(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>What a save noted before writing, for the recount after it.</summary>
    private sealed class Recount
    {
        public readonly HashSet<int> Enrollments = [];
        public readonly HashSet<int> Classes = [];
        // A mark added with an enrolment added in the same save has its key only once saved.
        public readonly List<Attendance> AddedMarks = [];
        public bool IsEmpty => Enrollments.Count == 0 && Classes.Count == 0 && AddedMarks.Count == 0;
    }

    private readonly ConditionalWeakTable<DbContext, Recount> _pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GreatDbContext db) await DispatchAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GreatDbContext db) DispatchAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await RecountAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RecountAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    private async Task DispatchAsync(GreatDbContext db, CancellationToken cancellationToken)
    {
        var schools = new HashSet<int>();
        var classes = new HashSet<int>();
        var deliveries = new HashSet<int>();
        var recount = _pending.GetOrCreateValue(db);

        // A class loaded with the change knows its school; others are looked up below, in one query each.
        void OfClass(SchoolClass? schoolClass, EntityEntry entry, string classIdProperty)
        {
            if (schoolClass is not null) schools.Add(schoolClass.SchoolId);
            classes.Add(Value(entry, classIdProperty, original: true));
            classes.Add(Value(entry, classIdProperty, original: false));
        }

        void OfDelivery(LessonDelivery? delivery, EntityEntry entry, string deliveryIdProperty)
        {
            if (delivery is not null) OfClass(delivery.Class, db.Entry(delivery), nameof(LessonDelivery.ClassId));
            else deliveries.Add(Value(entry, deliveryIdProperty, original: false));
        }

        // Entries() detects changes first: the keys of rows added through navigations are known from here on.
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            // What the intent methods announced.
            IReadOnlyList<DomainEvent> announced = entry.Entity is AnnouncesChanges announcing ? announcing.TakeEvents() : [];
            foreach (var change in announced)
            {
                switch (change)
                {
                    case ClassFiguresChanged moved:
                        schools.Add(moved.Class.SchoolId);
                        if (moved.LeftSchoolId is { } left) schools.Add(left);
                        break;
                    case EnrolmentChanged { Enrollment: var enrollment }:
                        OfClass(enrollment.Class, db.Entry(enrollment), nameof(Enrollment.ClassId));
                        break;
                    case LessonCorrected { Delivery: var delivery }:
                        OfClass(delivery.Class, db.Entry(delivery), nameof(LessonDelivery.ClassId));
                        recount.Enrollments.UnionWith(delivery.Attendance.Where(m => m.EnrollmentId > 0).Select(m => m.EnrollmentId));
                        recount.AddedMarks.AddRange(delivery.Attendance.Where(m => m.EnrollmentId <= 0));
                        break;
                }
            }

            // What was added or removed announces itself.
            if (entry.State is not (EntityState.Added or EntityState.Deleted)) continue;
            var removed = entry.State == EntityState.Deleted;
            switch (entry.Entity)
            {
                case SchoolClass schoolClass:
                    schools.Add(schoolClass.SchoolId);
                    break;
                case Enrollment enrollment:
                    OfClass(enrollment.Class, entry, nameof(Enrollment.ClassId));
                    break;
                case LessonDelivery delivery:
                    OfClass(delivery.Class, entry, nameof(LessonDelivery.ClassId));
                    // Its marks go with it (the database removes them): its class's enrolments are recounted.
                    if (removed) recount.Classes.Add(Value(entry, nameof(LessonDelivery.ClassId), original: true));
                    break;
                case Attendance mark:
                    OfDelivery(mark.Delivery, entry, nameof(Attendance.DeliveryId));
                    if (removed) recount.Enrollments.Add(Value(entry, nameof(Attendance.EnrollmentId), original: true));
                    else recount.AddedMarks.Add(mark);
                    break;
                case Observation observation:
                    OfDelivery(observation.Delivery, entry, nameof(Observation.DeliveryId));
                    break;
            }
        }
        if (recount.IsEmpty) _pending.Remove(db);

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

    private async Task RecountAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not GreatDbContext db || !_pending.TryGetValue(db, out var recount)) return;
        // Taken before recounting: the audit trail's own save, which follows, finds nothing to do here.
        _pending.Remove(db);
        recount.Enrollments.UnionWith(recount.AddedMarks.Select(m => m.EnrollmentId));
        await EnrollmentProgress.RecountAsync(db, recount.Enrollments, recount.Classes, ct);
    }

    /// <summary>A key of the row as it was before the save (a removed row's, or a moved one's old) or as it will be.</summary>
    private static int Value(EntityEntry entry, string property, bool original)
    {
        var p = entry.Property(property);
        return (int)((original && entry.State != EntityState.Added) || entry.State == EntityState.Deleted ? p.OriginalValue : p.CurrentValue)!;
    }
}
