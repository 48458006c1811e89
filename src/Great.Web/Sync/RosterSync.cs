using System.Globalization;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Email;
using Great.Web.Imports;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Sync;

public sealed class RosterSyncOptions
{
    /// <summary>Records asked for per page of a collection.</summary>
    public int PageSize { get; set; } = 100;
    /// <summary>When the nightly pull runs (cron, UTC).</summary>
    public string Schedule { get; set; } = "30 2 * * *";
}

/// <summary>
/// Pulls rosters from the connections and applies them through the same staging as a roster file: a pull for the
/// person to preview (the whole roster of one school), and the scheduled or "Sync now" pull of every school that
/// follows its source, which asks only for changes and applies all of them or none. Whatever stops a pull is kept on
/// the run and sent to the schools' coordinators; the roster stays as the last good pull left it.
/// </summary>
public sealed class RosterSync(GreatDbContext db, IHttpClientFactory httpClients, IDataProtectionProvider protection, OneRosterTokens tokens,
    CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L, EmailTemplates templates,
    IOptions<RosterSyncOptions> options, ILogger<RosterSync> log)
{
    public const string HttpClientName = "OneRoster";
    public const string FailedEmail = "RosterSyncFailed";

    private IDataProtector Secrets => protection.CreateProtector("Great.RosterConnection.ClientSecret");

    /// <summary>The secret as it is stored: Data Protection ciphertext, readable only by Great's key ring.</summary>
    public string Protect(string secret) => Secrets.Protect(secret);

    public OneRosterClient ClientFor(RosterConnection connection, Func<string, string> message) =>
        new(httpClients.CreateClient(HttpClientName), tokens, time, message, connection.BaseUrl, connection.TokenUrl, connection.ClientId,
            Secrets.Unprotect(connection.ProtectedSecret), options.Value.PageSize);

    /// <summary>A text in a culture: the runs and emails of a scheduled pull speak the region's language.</summary>
    public Func<string, string> MessagesIn(string culture) => text => LocalizationServices.InCulture(culture, () => L[text].Value);

    /// <summary>The whole roster of one mapped school, for a person to preview (or why it could not be pulled).</summary>
    public async Task<(OneRosterPackage? Package, IReadOnlyList<ImportError> Errors)> PullWholeAsync(RosterConnectionSchool school,
        Func<string, string> message, CancellationToken ct = default)
    {
        try
        {
            return await ClientFor(school.Connection, message).PullSchoolAsync(school.OrgSourcedId, school.OrgName, since: null, ct);
        }
        catch (RosterSyncException e)
        {
            return (null, [new ImportError(school.Connection.Name, 0, e.Message)]);
        }
    }

    /// <summary>Stages a pulled roster for a mapped school (a person's choices for classes not linked yet, or the following rule).</summary>
    public Task<OneRosterImport.Result> StageAsync(RosterConnectionSchool school, OneRosterPackage package, IReadOnlyDictionary<string, string> choices,
        bool following, Func<string, string> message)
    {
        // A person previewing sees the classes skipped before as skipped, unless they choose otherwise now.
        var chosen = school.SkippedList.ToDictionary(id => id, _ => OneRosterImport.Skip);
        foreach (var (id, choice) in choices) chosen[id] = choice;
        return OneRosterImport.StageAsync(db, school.School, package, chosen, curriculum, school.School.Region.Today(time), message,
            new OneRosterImport.Following(school.OrgSourcedId, following ? school.Skips : null));
    }

    /// <summary>
    /// Readies an applied pull of one school for saving with it: the import row that stands for what it adds, the
    /// school's "changed since" and skipped classes, and the run's counts.
    /// </summary>
    public void Record(RosterConnectionSchool school, OneRosterImport.Result result, DateTimeOffset startedAt, string? userId, RosterSyncRun run)
    {
        var stage = result.Stage!;
        stage.Record(userId, time.GetUtcNow(), ImportKind.RosterSync, school.Connection.Name, classId: null);
        school.Applied(startedAt,
            result.Classes.Where(c => c.MappedClassId is null && c.Choice == OneRosterImport.Skip).Select(c => c.SourcedId),
            result.Classes.Where(c => c.Choice != OneRosterImport.Skip).Select(c => c.SourcedId));
        run.Count(stage.Count(ChangeKind.NewStudent) + stage.Count(ChangeKind.Enrolled), stage.Count(ChangeKind.Updated),
            stage.Count(ChangeKind.Withdrawn), stage.Count(ChangeKind.Unchanged));
    }

    /// <summary>
    /// Pulls what changed for every school of the connection that follows its source, and applies all of it in one
    /// save or nothing. Null when another node (or run) holds the connection, or no school follows it yet.
    /// </summary>
    public async Task<RosterSyncRun?> RunAsync(int connectionId, RosterSyncTrigger trigger, string? userId, string? culture, CancellationToken ct = default)
    {
        if (await TakeAsync(connectionId, ct) is not { } lease) return null;
        try
        {
            return await PullAndApplyAsync(connectionId, trigger, userId, culture, ct);
        }
        finally
        {
            await ReleaseAsync(connectionId, lease);
        }
    }

    /// <summary>
    /// Takes the connection for one pull or confirmation, in one UPDATE: whichever node's lands first goes on, the other
    /// finds it taken (null). A node that dies lets its lease lapse after <see cref="RosterConnection.LeaseLength"/>.
    /// </summary>
    public async Task<string?> TakeAsync(int connectionId, CancellationToken ct = default)
    {
        var owner = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var until = now + RosterConnection.LeaseLength;
        var taken = await db.RosterConnections.Where(c => c.Id == connectionId && (c.LeaseUntil == null || c.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, owner).SetProperty(c => c.LeaseUntil, until), ct);
        return taken == 1 ? owner : null;
    }

    public Task ReleaseAsync(int connectionId, string lease) =>
        db.RosterConnections.Where(c => c.Id == connectionId && c.LeaseOwner == lease)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);

    private async Task<RosterSyncRun?> PullAndApplyAsync(int connectionId, RosterSyncTrigger trigger, string? userId, string? culture, CancellationToken ct)
    {
        var connection = await db.RosterConnections.Include(c => c.Region)
            .Include(c => c.Schools).ThenInclude(s => s.School).ThenInclude(s => s.Region)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == connectionId, ct);
        var following = connection?.Schools.Where(s => s.IsFollowing).OrderBy(s => s.School.Name).ToList() ?? [];
        if (connection is null || following.Count == 0) return null;
        var message = MessagesIn(culture ?? connection.Region.DefaultCulture);
        var run = new RosterSyncRun { ConnectionId = connection.Id, Trigger = trigger, StartedAt = time.GetUtcNow(), Delta = true, UserId = userId };
        var problems = new List<string>();
        var staged = new List<(RosterConnectionSchool School, OneRosterImport.Result Result)>();
        try
        {
            var client = ClientFor(connection, message);
            foreach (var school in following)
            {
                var (package, errors) = await client.PullSchoolAsync(school.OrgSourcedId, school.OrgName, school.SyncedFrom, ct);
                if (package is not null)
                {
                    var result = await StageAsync(school, package, new Dictionary<string, string>(), following: true, message);
                    errors = result.Errors;
                    if (errors.Count == 0) staged.Add((school, result));
                }
                problems.AddRange(errors.Select(e => $"{school.School.Name}: {e.File}{(e.Line > 0 ? $" {e.Line}" : "")}: {e.Message}"));
            }
        }
        catch (RosterSyncException e)
        {
            problems.Add(e.Message);
        }

        if (problems.Count == 0)
        {
            foreach (var (school, result) in staged) Record(school, result, run.StartedAt, userId, run);
            run.Applied(time.GetUtcNow());
            db.RosterSyncRuns.Add(run);
            await db.SaveChangesAsync(ct);
            return run;
        }

        // Nothing of what was staged is written: only the run that says why, and the emails that tell the coordinators.
        db.ChangeTracker.Clear();
        run.Failed(string.Join("\n", problems), time.GetUtcNow());
        db.RosterSyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        log.LogWarning("Roster sync of connection {Connection} applied nothing: {Error}", connection.Id, run.Error);
        await TellCoordinatorsAsync(connection, following, run, ct);
        return run;
    }

    private async Task TellCoordinatorsAsync(RosterConnection connection, IReadOnlyList<RosterConnectionSchool> schools, RosterSyncRun run, CancellationToken ct)
    {
        var schoolIds = schools.Select(s => s.SchoolId).ToList();
        var coordinatorRole = await db.Roles.Where(r => r.Name == Roles.SchoolCoordinator).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var people = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Schools.Any(s => schoolIds.Contains(s.SchoolId)) && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinatorRole))
            .Select(u => new { u.Email, u.Culture, Schools = u.Schools.Select(s => s.SchoolId).ToList() }).ToListAsync(ct);
        var lastWorked = await db.RosterSyncRuns.Where(r => r.ConnectionId == connection.Id && r.Outcome == RosterSyncOutcome.Applied)
            .OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(ct);
        var outbox = new OutboxBatch(db, time.GetUtcNow());
        var day = connection.Region.LocalTime(run.StartedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var person in people.Where(p => p.Email is not null))
        {
            var school = schools.First(s => person.Schools.Contains(s.SchoolId));
            var worked = lastWorked is { } at ? connection.Region.LocalTime(at) : (DateTimeOffset?)null;
            outbox.Queue(FailedEmail, $"{FailedEmail}:{connection.Id}:{day}:{person.Email}", person.Email!, person.Culture, () => templates.Render(person.Culture,
                T => T["The roster sync from {0} applied nothing", connection.Name],
                T => T["The nightly roster sync from {0} stopped, so the rosters stay as the last good sync left them. What failed:", connection.Name],
                T => [
                    .. run.Error!.Split('\n').Take(10).Select(e => new EmailTemplates.Line(e)),
                    new(worked is { } w
                        ? T["It last worked on {0}.", w.ToString("f", CultureInfo.GetCultureInfo(person.Culture))]
                        : T["It has not worked yet."]),
                ],
                T => T["Open the roster sync"], $"/Rosters/Sync/{school.Id}"));
        }
        await outbox.SaveAsync(ct);
    }

}
