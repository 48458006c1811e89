using Great.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Security;

/// <summary>
/// The save pipeline's part in account security: whatever page, command or job changes an account, the change writes
/// its security event (password, second factor, role, scope, disabled, lockout) in the same save. Disabling an
/// account also renews its security stamp, so its open sessions end at their next check (within a minute); role and
/// scope changes reach open sessions at that same check, which rebuilds their claims from the account.
/// </summary>
public sealed class AccountChangeInterceptor(SecurityEventFactory events) : SaveChangesInterceptor
{
    private readonly List<AuditEntry> _written = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) Capture(context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) Capture(context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        foreach (var entry in _written) events.Log(entry);
        _written.Clear();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _written.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _written.Clear();
        return Task.CompletedTask;
    }

    private void Capture(DbContext context)
    {
        var found = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries<GreatUser>().Where(e => e.State == EntityState.Modified).ToList())
        {
            var user = entry.Entity;
            if (Changed(entry, nameof(GreatUser.PasswordHash))) found.Add(Event(SecurityEventKind.PasswordChanged, user));
            if (Changed(entry, nameof(GreatUser.TwoFactorEnabled)))
                found.Add(Event(user.TwoFactorEnabled ? SecurityEventKind.TwoFactorEnabled : SecurityEventKind.TwoFactorDisabled, user));
            if (Changed(entry, nameof(GreatUser.IsDisabled)))
            {
                found.Add(Event(user.IsDisabled ? SecurityEventKind.AccountDisabled : SecurityEventKind.AccountEnabled, user));
                if (user.IsDisabled) entry.Property(x => x.SecurityStamp).CurrentValue = Guid.NewGuid().ToString("N").ToUpperInvariant();
            }
            if (Changed(entry, nameof(GreatUser.RegionId)) || Changed(entry, nameof(GreatUser.InstructorId)))
                found.Add(Event(SecurityEventKind.ScopeChanged, user, $"region {entry.Property(x => x.RegionId).OriginalValue} → {user.RegionId}, officer {entry.Property(x => x.InstructorId).OriginalValue} → {user.InstructorId}"));
            // A lockout moves its end later (Identity dates it by its own clock, so no clock of ours is compared with it);
            // nothing in Great moves it earlier.
            if (Changed(entry, nameof(GreatUser.LockoutEnd)) && user.LockoutEnd is { } end
                && (entry.Property(x => x.LockoutEnd).OriginalValue is not { } before || end > before))
                found.Add(Event(SecurityEventKind.LockedOut, user, $"until {user.LockoutEnd:u}"));
        }

        // Roles and schools of accounts that exist already (a new account's own are part of its creation).
        var newUsers = context.ChangeTracker.Entries<GreatUser>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        foreach (var entry in context.ChangeTracker.Entries<IdentityUserRole<string>>().Where(Touched))
        {
            if (newUsers.Contains(entry.Entity.UserId)) continue;
            var role = context.Set<IdentityRole>().Find(entry.Entity.RoleId)?.Name;
            found.Add(Event(SecurityEventKind.RoleChanged, context.Set<GreatUser>().Find(entry.Entity.UserId),
                $"{(entry.State == EntityState.Added ? "+" : "−")}{role}", entry.Entity.UserId));
        }
        foreach (var entry in context.ChangeTracker.Entries<UserSchool>().Where(Touched))
        {
            if (newUsers.Contains(entry.Entity.UserId)) continue;
            found.Add(Event(SecurityEventKind.ScopeChanged, context.Set<GreatUser>().Find(entry.Entity.UserId),
                $"{(entry.State == EntityState.Added ? "+" : "−")}school {entry.Entity.SchoolId}", entry.Entity.UserId));
        }

        context.Set<AuditEntry>().AddRange(found);
        _written.AddRange(found);
    }

    private AuditEntry Event(SecurityEventKind kind, GreatUser? user, string? detail = null, string? userId = null) =>
        events.Create(kind, user?.Id ?? userId, user?.Email, detail);

    private static bool Touched(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Deleted;

    private static bool Changed(EntityEntry<GreatUser> entry, string property)
    {
        var p = entry.Property(property);
        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }
}
