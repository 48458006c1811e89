using System.Security.Claims;
using System.Text.Json;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Great.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to a domain row, in the same transaction as the change
/// (the context's save pipeline opens it). New rows get their keys only when saved, so the audit rows are added
/// in a second save once the first is done. A reason a person gave travels on the entity
/// (<see cref="IExplainedChange"/>); the rows a roster import adds are covered by its <see cref="RosterImport"/> entry.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider time) : SaveChangesInterceptor
{
    // Operational churn (computed totals, the outbox, the audit itself) is not a change anyone needs to trace.
    private static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(ReachRollup), typeof(FidelityRollup), typeof(OutboundEmail), typeof(PendingImport), typeof(RollupRequest), typeof(RosterSyncRun), typeof(NameAccess)];

    // Identity's credentials and bookkeeping never go into the trail; Great's own secrets are marked [Secret] where
    // they are declared, and the trail says only that they changed (Value).
    private static readonly HashSet<string> HiddenProperties =
    [
        nameof(GreatUser.PasswordHash), nameof(GreatUser.SecurityStamp), nameof(GreatUser.ConcurrencyStamp),
        nameof(GreatUser.AccessFailedCount), nameof(GreatUser.NormalizedEmail), nameof(GreatUser.NormalizedUserName),
    ];

    private static bool IsSecret(IProperty property) => property.PropertyInfo?.IsDefined(typeof(SecretAttribute), inherit: true) == true;

    /// <summary>A property's value as the trail keeps it: a secret's only as "set" (<see cref="SecretAttribute.Mark"/>) or null.</summary>
    private static object? Value(PropertyEntry property, object? value) => value is not null && IsSecret(property.Metadata) ? SecretAttribute.Mark : value;

    // Readable in the trail (and findable by its search): accented names and "+" as they are, enums by name.
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The action of an entry for a student whose name and school ids were removed.</summary>
    public const string Pseudonymised = nameof(Pseudonymised);

    private readonly List<PendingAudit> _pending = [];
    private bool _writingAudit;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!_writingAudit && eventData.Context is { } context) Capture(context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!_writingAudit && eventData.Context is { } context) Capture(context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_writingAudit || eventData.Context is not { } context || _pending.Count == 0) return result;
        _writingAudit = true;
        try
        {
            context.Set<AuditEntry>().AddRange(DrainPending());
            await context.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _writingAudit = false;
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    // A save that failed or was cancelled: nothing to audit (the pipeline's transaction rolls the rest back).
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (!_writingAudit) _pending.Clear();
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesCanceled(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        if (!_writingAudit) _pending.Clear();
    }

    private void Capture(DbContext context)
    {
        _pending.Clear();
        var user = http.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "?" : AuditEntry.System;
        var now = time.GetUtcNow();
        var entries = context.ChangeTracker.Entries().ToList();
        var import = entries.Any(e => e.State == EntityState.Added && e.Entity is RosterImport);

        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (NotAudited.Contains(type)) continue;
            if (type.Namespace != typeof(Region).Namespace && type != typeof(GreatUser) && type != typeof(UserSchool)) continue;

            // A new lesson's attendance is part of the lesson's own entry; corrections of a mark are audited.
            if (type == typeof(Attendance) && entry.State == EntityState.Added) continue;
            // So are the students and enrolments a roster import adds: the import's own entry stands for them all.
            if (import && entry.State == EntityState.Added && (type == typeof(Student) || type == typeof(Enrollment) || type == typeof(StudentConsent))) continue;
            // A name removed is not written down again on its way out: the entry says it happened, and why.
            if (entry is { Entity: Student { IsPseudonymised: true }, State: EntityState.Modified }
                && entry.Property(nameof(Student.PseudonymisedAt)) is { IsModified: true, OriginalValue: null })
            {
                _pending.Add(new PendingAudit(entry, Pseudonymised, null, null, userId, userName, now, (entry.Entity as IExplainedChange)?.ChangeReason));
                continue;
            }
            var properties = entry.Properties.Where(p => !HiddenProperties.Contains(p.Metadata.Name)).ToList();
            string? before = null, after = null;
            switch (entry.State)
            {
                case EntityState.Added:
                    break;
                case EntityState.Deleted:
                    before = Serialize(properties.ToDictionary(p => p.Metadata.Name, p => Value(p, p.OriginalValue)));
                    break;
                case EntityState.Modified:
                    var changed = properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    if (changed.Count == 0) continue;
                    before = Serialize(changed.ToDictionary(p => p.Metadata.Name, p => Value(p, p.OriginalValue)));
                    after = Serialize(changed.ToDictionary(p => p.Metadata.Name, p => Value(p, p.CurrentValue)));
                    break;
            }
            _pending.Add(new PendingAudit(entry, entry.State.ToString(), before, after, userId, userName, now, (entry.Entity as IExplainedChange)?.ChangeReason));
        }
    }

    private List<AuditEntry> DrainPending()
    {
        var entries = _pending.Select(p => new AuditEntry
        {
            UserId = p.UserId,
            UserName = p.UserName,
            At = p.At,
            Entity = p.Entry.Metadata.ClrType.Name,
            EntityId = KeyOf(p.Entry),
            Action = p.Action,
            Before = p.Before,
            Reason = p.Reason,
            // A new row's values (and its key) are final only after the save.
            After = p.Action == nameof(EntityState.Added)
                ? Serialize(p.Entry.Properties.Where(x => !HiddenProperties.Contains(x.Metadata.Name))
                    .ToDictionary(x => x.Metadata.Name, x => Value(x, x.CurrentValue)))
                : p.After,
        }).ToList();
        _pending.Clear();
        return entries;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static string Serialize(Dictionary<string, object?> values) => JsonSerializer.Serialize(values, Json);

    private sealed record PendingAudit(
        EntityEntry Entry, string Action, string? Before, string? After, string? UserId, string UserName, DateTimeOffset At, string? Reason);
}
