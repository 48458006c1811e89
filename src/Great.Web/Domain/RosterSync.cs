namespace Great.Web.Domain;

/// <summary>
/// A district's (or one school's) student information system, reached over OneRoster 1.2 REST with OAuth 2.0 client
/// credentials. Set up by an administrator or the region's manager; its schools are mapped to Great's by a person.
/// The client secret is kept only as Data Protection ciphertext and never shown again.
/// </summary>
public class RosterConnection
{
    public int Id { get; init; }
    private int _regionId;
    public int RegionId { get => _regionId; init => _regionId = value; }
    public Region Region { get; init; } = null!;
    private string _name = null!;
    public required string Name { get => _name; init => _name = value; }
    private string _baseUrl = null!;
    /// <summary>The rostering service root, e.g. https://sis.example.org/ims/oneroster/rostering/v1p2.</summary>
    public required string BaseUrl { get => _baseUrl; init => _baseUrl = value; }
    private string _tokenUrl = null!;
    public required string TokenUrl { get => _tokenUrl; init => _tokenUrl = value; }
    private string _clientId = null!;
    public required string ClientId { get => _clientId; init => _clientId = value; }
    private string _protectedSecret = null!;
    /// <summary>The client secret, encrypted (<c>RosterSync.Protect</c>); decrypted only to ask for a token, never for display.</summary>
    [Secret]
    public required string ProtectedSecret { get => _protectedSecret; init => _protectedSecret = value; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The node and run holding the connection's sync: two nodes never pull one connection at once.</summary>
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }

    public List<RosterConnectionSchool> Schools { get; init; } = [];

    /// <summary>Where the connection reaches its source, as its keeper edits it (the secret is replaced on its own).</summary>
    public void Edit(int regionId, string name, string baseUrl, string tokenUrl, string clientId) =>
        (_regionId, _name, _baseUrl, _tokenUrl, _clientId) = (regionId, name.Trim(), baseUrl.Trim().TrimEnd('/'), tokenUrl.Trim(), clientId.Trim());

    /// <summary>A new client secret, already encrypted; the old one is gone.</summary>
    public void ReplaceSecret(string protectedSecret) => _protectedSecret = protectedSecret;

    /// <summary>How long a sync may hold the connection before another node may take it (a node that died).</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(30);

    /// <summary>An address the connection may call: absolute http(s). Null when fine, otherwise why not.</summary>
    public static string? CheckUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0 && uri.Query.Length == 0
            ? null
            : "Enter a full address starting with https:// (no query string).";
}

/// <summary>
/// One school of the source system (a OneRoster org) mapped to a Great school. A mapped school's roster follows the
/// source once its first pull has been previewed and confirmed; after that, each pull asks only for what changed
/// since the start of the last one that was applied.
/// </summary>
public class RosterConnectionSchool
{
    public int Id { get; init; }
    public int ConnectionId { get; init; }
    public RosterConnection Connection { get; init; } = null!;
    private int _schoolId;
    public int SchoolId { get => _schoolId; init => _schoolId = value; }
    public School School { get; init; } = null!;
    /// <summary>The org's sourcedId in the source system.</summary>
    public required string OrgSourcedId { get; init; }
    public required string OrgName { get; init; }
    private DateTimeOffset? _syncedFrom;
    /// <summary>When the last applied pull began (the next asks for changes since then); null before the first is confirmed.</summary>
    public DateTimeOffset? SyncedFrom { get => _syncedFrom; init => _syncedFrom = value; }
    private string _skippedClasses = "";
    /// <summary>Classes of the source a person chose not to bring into Great (sourcedIds, one per line).</summary>
    public string SkippedClasses { get => _skippedClasses; init => _skippedClasses = value; }

    public bool IsFollowing => SyncedFrom is not null;

    /// <summary>The org is mapped to another Great school: its roster starts again from a preview.</summary>
    public void MapTo(int schoolId)
    {
        if (schoolId == SchoolId) return;
        (_schoolId, _syncedFrom, _skippedClasses) = (schoolId, null, "");
    }

    public bool Skips(string classSourcedId) => SkippedList.Contains(classSourcedId);

    public IReadOnlyCollection<string> SkippedList => SkippedClasses.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    /// <summary>
    /// A pull was applied: later pulls ask for changes since <paramref name="pullStartedAt"/>, and the classes the person
    /// chose to skip stay skipped (a class they link later is no longer skipped).
    /// </summary>
    public void Applied(DateTimeOffset pullStartedAt, IEnumerable<string> skipped, IEnumerable<string> linked)
    {
        if (SyncedFrom is null || pullStartedAt > SyncedFrom) _syncedFrom = pullStartedAt;
        var list = SkippedList.Union(skipped).Except(linked).Order(StringComparer.Ordinal);
        _skippedClasses = string.Join('\n', list);
    }
}

/// <summary>What started a pull: a person confirming a preview, the nightly schedule, or a person's "Sync now".</summary>
public enum RosterSyncTrigger { Confirmed, Scheduled, SyncNow }

public enum RosterSyncOutcome { Applied, Failed }

/// <summary>One pull of a connection: when, how long, what it changed or why it applied nothing.</summary>
public class RosterSyncRun
{
    public long Id { get; init; }
    public int ConnectionId { get; init; }
    /// <summary>The mapped school a previewed or confirmed pull was for; null for a pull of every school of the connection.</summary>
    public int? SchoolId { get; init; }
    public RosterSyncTrigger Trigger { get; init; }
    private RosterSyncOutcome _outcome;
    public RosterSyncOutcome Outcome { get => _outcome; init => _outcome = value; }
    public DateTimeOffset StartedAt { get; init; }
    private DateTimeOffset _finishedAt;
    public DateTimeOffset FinishedAt { get => _finishedAt; init => _finishedAt = value; }
    /// <summary>Whether the pull asked only for changes (false: the whole roster).</summary>
    public bool Delta { get; init; }
    private int _added;
    public int Added { get => _added; init => _added = value; }
    private int _changed;
    public int Changed { get => _changed; init => _changed = value; }
    private int _withdrawn;
    public int Withdrawn { get => _withdrawn; init => _withdrawn = value; }
    private int _unchanged;
    public int Unchanged { get => _unchanged; init => _unchanged = value; }
    private string? _error;
    /// <summary>What failed, in the words shown to the coordinator (in the language of whoever started it, or English).</summary>
    public string? Error { get => _error; init => _error = value; }
    public string? UserId { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>What one school's staged changes added to the run's counts (students new or enrolled, changed, withdrawn, unchanged).</summary>
    public void Count(int added, int changed, int withdrawn, int unchanged)
    {
        _added += added;
        _changed += changed;
        _withdrawn += withdrawn;
        _unchanged += unchanged;
    }

    /// <summary>The run applied every school's changes.</summary>
    public void Applied(DateTimeOffset at) => (_outcome, _finishedAt) = (RosterSyncOutcome.Applied, at);

    /// <summary>The run applied nothing, and says why (one line per problem, cut to what the column keeps).</summary>
    public void Failed(string error, DateTimeOffset at) =>
        (_outcome, _error, _finishedAt) = (RosterSyncOutcome.Failed, error.Length > 4000 ? error[..4000] : error, at);
}
