using Great.Web.Domain;
using Great.Web.Security;
using Great.Web.Telemetry;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Great.Web.Data;

/// <summary>
/// The whole domain. Abstract: each database provider has its own subclass, so that each keeps its own migration
/// set in this assembly (Data/Migrations/Sqlite, Data/Migrations/Postgres), both generated from this one model.
/// </summary>
public abstract class GreatDbContext(DbContextOptions options) : IdentityDbContext<GreatUser>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys: in the database, so a cookie issued by one node is read by another.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Instructor> Instructors => Set<Instructor>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<Training> Trainings => Set<Training>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<PlannedLesson> PlannedLessons => Set<PlannedLesson>();
    public DbSet<SchoolHoliday> SchoolHolidays => Set<SchoolHoliday>();
    public DbSet<PendingImport> PendingImports => Set<PendingImport>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<LessonDelivery> LessonDeliveries => Set<LessonDelivery>();
    public DbSet<Attendance> Attendance => Set<Attendance>();
    public DbSet<ReachTarget> ReachTargets => Set<ReachTarget>();
    public DbSet<ReachRollup> ReachRollups => Set<ReachRollup>();
    public DbSet<FidelityRollup> FidelityRollups => Set<FidelityRollup>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<RollupRequest> RollupRequests => Set<RollupRequest>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSchool> UserSchools => Set<UserSchool>();

    public DbSet<StudentConsent> StudentConsents => Set<StudentConsent>();
    public DbSet<RetentionHold> RetentionHolds => Set<RetentionHold>();
    public DbSet<SubjectRequest> SubjectRequests => Set<SubjectRequest>();
    public DbSet<NameAccess> NameAccesses => Set<NameAccess>();

    public DbSet<RosterImport> RosterImports => Set<RosterImport>();
    public DbSet<RosterConnection> RosterConnections => Set<RosterConnection>();
    public DbSet<RosterConnectionSchool> RosterConnectionSchools => Set<RosterConnectionSchool>();
    public DbSet<RosterSyncRun> RosterSyncRuns => Set<RosterSyncRun>();

    /// <summary>
    /// The save pipeline. A save that is not already inside a transaction takes its turn at the write queue
    /// (<see cref="WriteGate"/>) and runs in a transaction of its own; inside it, the interceptors add what the
    /// changes imply, in the order <see cref="SavePipeline"/> gives — roll-up requests and progress from the domain
    /// events, security events, the audit trail — and all of it commits together or not at all.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        using var span = GreatTelemetry.Source.StartActivity("save");
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        using (GreatTelemetry.Source.StartActivity("commit")) await transaction.CommitAsync(cancellationToken);
        GreatTelemetry.SaveDuration.Record(GreatTelemetry.MillisecondsSince(started));
        span?.SetTag("great.rows", saved);
        return saved;
    }

    /// <summary>
    /// A transaction of the caller's own (a roll-up, saves that must go together), entered through the write queue as
    /// a save is: on SQLite a long job's transactions take their turn with the users' saves instead of racing them
    /// for the file lock (where a save could wait out SQLite's busy timeout behind one transaction after another).
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        // A context made by hand (copy-to-postgres, design time) has no application services and so no queue.
        var gate = this.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()
            ?.ApplicationServiceProvider?.GetService<WriteGate>();
        IDisposable? pass = null;
        if (gate is not null)
        {
            using var waiting = GreatTelemetry.Source.StartActivity("write-queue wait");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            pass = await gate.EnterAsync(cancellationToken);
            GreatTelemetry.WriteQueueWait.Record(GreatTelemetry.MillisecondsSince(started));
        }
        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), pass);
        }
        catch
        {
            pass?.Dispose();
            throw;
        }
    }

    /// <summary>The same pipeline for the few synchronous callers.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(GreatDbContext).Assembly);
    }
}

public sealed class SqliteGreatDbContext(DbContextOptions<SqliteGreatDbContext> options) : GreatDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; its sortable binary form can.
        builder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresGreatDbContext(DbContextOptions<PostgresGreatDbContext> options) : GreatDbContext(options);

/// <summary>A transaction holding its turn at the write queue until it is disposed (committed or not).</summary>
public sealed class WriteTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IDisposable? pass) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            pass?.Dispose();
        }
    }
}
