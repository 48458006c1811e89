using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Great.Web.Domain;
using Great.Web.Imports;

namespace Great.Web.Sync;

/// <summary>A pull that cannot go on (refused, unreachable, a server error, not OneRoster): its message says what to do.</summary>
public sealed class RosterSyncException(string message) : Exception(message);

/// <summary>
/// Access tokens of the OAuth 2.0 client-credentials grant, kept per token server and client until shortly before
/// they expire (one node's memory: another node asks for its own).
/// </summary>
public sealed class OneRosterTokens
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _tokens = new();

    public string? Get(string key, DateTimeOffset now) => _tokens.TryGetValue(key, out var t) && t.Until > now ? t.Token : null;
    public void Set(string key, string token, DateTimeOffset until) => _tokens[key] = (token, until);
    public void Forget(string key) => _tokens.TryRemove(key, out _);
}

/// <summary>
/// Reads a OneRoster 1.2 rostering service: a school's classes, enrolments and students, every page of each
/// (limit/offset up to the total the server gives in X-Total-Count), only what changed since a moment when asked
/// (<c>filter=dateLastModified&gt;'…'</c>), put in the shape of a CSV export so the same staging applies it.
/// A record that is not what OneRoster says becomes a listed error with its collection and position, never a guess.
/// </summary>
public sealed class OneRosterClient(HttpClient http, OneRosterTokens tokens, TimeProvider time, Func<string, string> message,
    string baseUrl, string tokenUrl, string clientId, string secret, int pageSize = 100)
{
    public const string Scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    private const int MaxPages = 100_000;

    private string TokenKey => $"{tokenUrl}\n{clientId}\n{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}";

    /// <summary>The schools the service holds, for mapping them to Great's.</summary>
    public async Task<IReadOnlyList<OneRosterPackage.Org>> SchoolsAsync(CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        var orgs = new List<OneRosterPackage.Org>();
        var n = 0;
        await foreach (var record in CollectionAsync("schools", "orgs", null, ct))
        {
            n++;
            if (Text(record, "sourcedId") is not { } id || Text(record, "name") is not { } name)
            {
                errors.Add(new("schools", n, message("A school without sourcedId or name.")));
                continue;
            }
            orgs.Add(new(n, id, name, (Text(record, "type") ?? "school").ToLowerInvariant(), Text(record, "identifier") ?? ""));
        }
        if (errors.Count > 0) throw new RosterSyncException(string.Join(" ", errors.Select(e => $"{e.File} {e.Line}: {e.Message}")));
        return orgs;
    }

    /// <summary>
    /// One school's roster: everything (<paramref name="since"/> null) or what changed since then. Enrolments that name a
    /// student whose own record did not change bring that student's record too (one request each), so the package is whole.
    /// </summary>
    public async Task<(OneRosterPackage? Package, IReadOnlyList<ImportError> Errors)> PullSchoolAsync(string orgSourcedId, string orgName,
        DateTimeOffset? since, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        var school = Uri.EscapeDataString(orgSourcedId);
        var classes = await ReadAsync($"schools/{school}/classes", "classes", since, ReadClass, errors, ct);
        var enrollments = await ReadAsync($"schools/{school}/enrollments", "enrollments", since, ReadEnrollment, errors, ct);
        var users = await ReadAsync($"schools/{school}/students", "users", since, ReadUser, errors, ct);

        var known = users.Select(u => u.SourcedId).ToHashSet();
        foreach (var userId in enrollments.Where(e => e.Role == "student" && !e.Deleted).Select(e => e.UserSourcedId).Distinct().Where(id => !known.Contains(id)).ToList())
        {
            var record = await GetOneAsync($"users/{Uri.EscapeDataString(userId)}", "user", ct);
            if (record is null)
            {
                errors.Add(new("enrollments", 0, string.Format(message("Unknown user {0}: it is not in users.csv."), userId)));
                continue;
            }
            if (ReadUser(record.Value, users.Count + 1, errors) is { } user) users.Add(user);
        }
        errors.AddRange(OneRosterPackage.Duplicates("classes", classes.Select(c => (c.SourcedId, c.Line)), message));
        errors.AddRange(OneRosterPackage.Duplicates("users", users.Select(c => (c.SourcedId, c.Line)), message));
        errors.AddRange(OneRosterPackage.Duplicates("enrollments", enrollments.Select(c => (c.SourcedId, c.Line)), message));
        if (errors.Count > 0) return (null, errors);

        var mode = since is null ? "bulk" : "delta";
        var package = new OneRosterPackage
        {
            Manifest = new Dictionary<string, string>
            {
                ["oneroster.version"] = "1.2", ["file.orgs"] = mode, ["file.classes"] = mode, ["file.users"] = mode, ["file.enrollments"] = mode,
            },
            Orgs = [new(0, orgSourcedId, orgName, "school", "")],
            Classes = classes, Users = users, Enrollments = enrollments, Ignored = [],
        };
        return (package, errors);
    }

    private delegate T? Reader<T>(JsonElement record, int position, List<ImportError> errors);

    private async Task<List<T>> ReadAsync<T>(string path, string key, DateTimeOffset? since, Reader<T> read, List<ImportError> errors, CancellationToken ct)
    {
        var list = new List<T>();
        var n = 0;
        await foreach (var record in CollectionAsync(path, key, since, ct))
        {
            n++;
            if (read(record, n, errors) is { } item) list.Add(item);
        }
        return list;
    }

    private OneRosterPackage.RosterClass? ReadClass(JsonElement r, int n, List<ImportError> errors)
    {
        if (!Common(r, "classes", n, errors, out var id, out var deleted)) return null;
        var title = Text(r, "title");
        var school = Ref(r, "school");
        if (!deleted && (title is null || school is null))
        {
            errors.Add(new("classes", n, string.Format(message("{0} is missing."), title is null ? "title" : "school")));
            return null;
        }
        var grades = r.TryGetProperty("grades", out var g) && g.ValueKind == JsonValueKind.Array
            ? string.Join(",", g.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()))
            : "";
        return new(n, id, deleted, title ?? "", grades, Text(r, "classCode") ?? "", school ?? "");
    }

    private OneRosterPackage.Enrollment? ReadEnrollment(JsonElement r, int n, List<ImportError> errors)
    {
        if (!Common(r, "enrollments", n, errors, out var id, out var deleted)) return null;
        var user = Ref(r, "user");
        var schoolClass = Ref(r, "class");
        var role = Text(r, "role")?.ToLowerInvariant();
        if (user is null || schoolClass is null || role is null)
        {
            errors.Add(new("enrollments", n, string.Format(message("{0} is missing."), user is null ? "user" : schoolClass is null ? "class" : "role")));
            return null;
        }
        return new(n, id, deleted, schoolClass, user, role);
    }

    private OneRosterPackage.User? ReadUser(JsonElement r, int n, List<ImportError> errors)
    {
        if (!Common(r, "users", n, errors, out var id, out var deleted)) return null;
        var given = Text(r, "givenName");
        var family = Text(r, "familyName");
        if (!deleted && (given is null || family is null))
        {
            errors.Add(new("users", n, string.Format(message("{0} is missing."), given is null ? "givenName" : "familyName")));
            return null;
        }
        if (!deleted && !char.IsLetter(family![0]))
        {
            errors.Add(new("users", n, message("The family name must start with a letter.")));
            return null;
        }
        // 1.2 gives roles as a list; a student anywhere is a student (the endpoints read here list students only).
        var roles = r.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(x => Text(x, "role")?.ToLowerInvariant()).OfType<string>().ToList()
            : [];
        var role = roles.Count == 0 || roles.Contains("student") ? "student" : roles[0];
        return new(n, id, deleted, role, (given ?? "").Normalize(NormalizationForm.FormC), family ?? "", Text(r, "identifier") ?? "");
    }

    /// <summary>sourcedId and status, which every record must have (status active or tobedeleted).</summary>
    private bool Common(JsonElement r, string collection, int n, List<ImportError> errors, out string id, out bool deleted)
    {
        id = "";
        deleted = false;
        if (r.ValueKind != JsonValueKind.Object || Text(r, "sourcedId") is not { } sourced)
        {
            errors.Add(new(collection, n, string.Format(message("{0} is missing."), "sourcedId")));
            return false;
        }
        id = sourced;
        var status = Text(r, "status")?.ToLowerInvariant();
        if (status is not ("active" or "tobedeleted"))
        {
            errors.Add(new(collection, n, message("status must be active or tobedeleted in a delta file.")));
            return false;
        }
        deleted = status == "tobedeleted";
        return true;
    }

    private static string? Text(JsonElement r, string name) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s.Trim() : null;

    private static string? Ref(JsonElement r, string name) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) ? Text(v, "sourcedId") : null;

    /// <summary>Every record of a collection, page after page, as the server counts them.</summary>
    private async IAsyncEnumerable<JsonElement> CollectionAsync(string path, string key, DateTimeOffset? since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var filter = since is null ? "" : "&filter=" + Uri.EscapeDataString(
            $"dateLastModified>'{since.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}'");
        var offset = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            using var response = await SendAsync($"{path}?limit={pageSize}&offset={offset}{filter}", ct);
            using (var document = await ReadJsonAsync(response, ct))
            {
                if (!document.RootElement.TryGetProperty(key, out var items) || items.ValueKind != JsonValueKind.Array)
                    throw new RosterSyncException(string.Format(message("The school's system did not send OneRoster data at {0}: nothing was applied."),
                        response.RequestMessage?.RequestUri));
                var count = 0;
                foreach (var item in items.EnumerateArray())
                {
                    count++;
                    yield return item.Clone();
                }
                offset += count;
                var total = response.Headers.TryGetValues("X-Total-Count", out var values) && int.TryParse(values.FirstOrDefault(), out var t) ? t : (int?)null;
                if (count == 0 || (total is { } all ? offset >= all : count < pageSize)) yield break;
            }
        }
    }

    private async Task<JsonElement?> GetOneAsync(string path, string key, CancellationToken ct)
    {
        using var response = await SendAsync(path, ct, allowNotFound: true);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        using var document = await ReadJsonAsync(response, ct);
        return document.RootElement.TryGetProperty(key, out var item) ? item.Clone() : null;
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw new RosterSyncException(string.Format(message("The school's system did not send OneRoster data at {0}: nothing was applied."),
                response.RequestMessage?.RequestUri));
        }
    }

    /// <summary>A GET with the client's token; a token the server no longer takes is renewed once.</summary>
    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken ct, bool allowNotFound = false)
    {
        var url = baseUrl.TrimEnd('/') + "/" + path;
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/json");
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException e)
            {
                throw Unreachable(url, e);
            }
            if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)) return response;
            response.Dispose();
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                tokens.Forget(TokenKey);
                continue;
            }
            throw new RosterSyncException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? string.Format(message("The school's system refused Great's access ({0}) at {1}: check the connection's client id and secret with the district."), (int)response.StatusCode, url)
                : string.Format(message("The school's system answered {0} at {1}: nothing was applied; the next sync tries again."), (int)response.StatusCode, url));
        }
    }

    /// <summary>Why the school's system could not be reached, in the reader's words (not the network library's English).</summary>
    private RosterSyncException Unreachable(string url, HttpRequestException e) => new(string.Format(message(
        "Could not reach the school's system at {0}: {1}. Nothing was applied; the next sync tries again."), url, e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => message("the address's name is not known"),
            HttpRequestError.ConnectionError => message("nothing answers at that address"),
            HttpRequestError.SecureConnectionError => message("its secure connection was not accepted"),
            _ => message("the connection failed"),
        }));

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (tokens.Get(TokenKey, now) is { } cached) return cached;
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", Scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(tokenUrl, e);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new RosterSyncException(string.Format(message("The token server refused the client id or secret ({0}): enter them again on the connection, as the district gave them."), (int)response.StatusCode));
            if (!response.IsSuccessStatusCode)
                throw new RosterSyncException(string.Format(message("The school's system answered {0} at {1}: nothing was applied; the next sync tries again."), (int)response.StatusCode, tokenUrl));
            using var document = await ReadJsonAsync(response, ct);
            if (Text(document.RootElement, "access_token") is not { } token)
                throw new RosterSyncException(string.Format(message("The school's system did not send OneRoster data at {0}: nothing was applied."), tokenUrl));
            var seconds = document.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 3600;
            // Renewed a little before the server's end, so a long pull does not meet the expiry half-way.
            tokens.Set(TokenKey, token, now.AddSeconds(Math.Max(0, seconds - 60)));
            return token;
        }
    }
}
