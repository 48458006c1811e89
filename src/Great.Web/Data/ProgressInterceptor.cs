using System.Runtime.CompilerServices;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// Keeps each enrolment's progress (<see cref="EnrollmentProgress"/>) in the transaction of the save that changes it:
/// before the save it notes the enrolments of the attendance marks added, changed or removed, and the classes of the
/// lesson records renumbered or removed (the database removes their marks); after it, still inside the save's
/// transaction, it recounts those enrolments from the marks. A lesson recorded, corrected or deleted, an import, a
/// phone's offline records and a withdrawal all reach it through SaveChanges; no page calls it.
/// </summary>
public sealed class ProgressInterceptor : SaveChangesInterceptor
{
    private sealed class Touched
    {
        public readonly HashSet<int> Enrollments = [];
        public readonly HashSet<int> Classes = [];
        // A mark added with an enrolment added in the same save has its key only once saved.
        public readonly List<Attendance> Added = [];
        public bool IsEmpty => Enrollments.Count == 0 && Classes.Count == 0 && Added.Count == 0;
    }

    private readonly ConditionalWeakTable<DbContext, Touched> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
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

    private void Note(DbContext? context)
    {
        if (context is not GreatDbContext db) return;
        var touched = _pending.GetOrCreateValue(db);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity, entry.State)
            {
                case (Attendance mark, EntityState.Added):
                    touched.Added.Add(mark);
                    break;
                case (Attendance, EntityState.Deleted):
                    touched.Enrollments.Add(Original(entry, nameof(Attendance.EnrollmentId)));
                    break;
                case (Attendance, EntityState.Modified):
                    touched.Enrollments.Add(Original(entry, nameof(Attendance.EnrollmentId)));
                    touched.Enrollments.Add((int)entry.Property(nameof(Attendance.EnrollmentId)).CurrentValue!);
                    break;
                case (LessonDelivery, EntityState.Deleted):
                case (LessonDelivery, EntityState.Modified) when entry.Property(nameof(LessonDelivery.LessonNumber)).IsModified:
                    touched.Classes.Add(Original(entry, nameof(LessonDelivery.ClassId)));
                    break;
            }
        }
        if (touched.IsEmpty) _pending.Remove(db);
    }

    private async Task RecountAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not GreatDbContext db || !_pending.TryGetValue(db, out var touched)) return;
        // Taken before recounting: the audit trail's own save, which follows, finds nothing to do here.
        _pending.Remove(db);
        touched.Enrollments.UnionWith(touched.Added.Select(m => m.EnrollmentId));
        await EnrollmentProgress.RecountAsync(db, touched.Enrollments, touched.Classes, ct);
    }

    private static int Original(EntityEntry entry, string property) => (int)entry.Property(property).OriginalValue!;
}
