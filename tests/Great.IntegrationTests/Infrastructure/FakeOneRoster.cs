using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>
/// A OneRoster 1.2 rostering service on real Kestrel (loopback): an OAuth 2.0 client-credentials token endpoint, the
/// school's classes, enrolments and students with limit/offset paging, X-Total-Count and the dateLastModified filter,
/// and switches to fail the ways a district's server does.
/// </summary>
public sealed class FakeOneRoster : IAsyncDisposable
{
    public const string ClientId = "great-client";
    public string Secret { get; set; } = "s3cret-Value-9";
    public string OrgSourcedId { get; set; } = "org-1";
    public string OrgName { get; set; } = "Escuela de prueba";
    public string OrgIdentifier { get; set; } = "";

    public ConcurrentDictionary<string, Dictionary<string, object?>> Classes { get; } = new();
    public ConcurrentDictionary<string, Dictionary<string, object?>> Users { get; } = new();
    public ConcurrentDictionary<string, Dictionary<string, object?>> Enrollments { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public int TokensIssued => _tokensIssued;

    /// <summary>(collection, page number from 1) that answers 500.</summary>
    public (string Collection, int Page)? FailPage { get; set; }
    /// <summary>Held before answering any collection page, until released: the moment a pull is under way.</summary>
    public TaskCompletionSource? Hold { get; set; }
    public TaskCompletionSource Arrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly HashSet<string> _validTokens = [];
    private int _tokensIssued;
    private WebApplication _app = null!;

    public string BaseUrl { get; private set; } = "";
    public string TokenUrl { get; private set; } = "";

    public static async Task<FakeOneRoster> StartAsync()
    {
        var fake = new FakeOneRoster();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        fake._app = builder.Build();
        fake.Map(fake._app);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address + "/ims/oneroster/rostering/v1p2";
        fake.TokenUrl = address + "/oauth/token";
        return fake;
    }

    /// <summary>Every token given so far stops working (as when they expire early): the next call gets 401.</summary>
    public void ExpireTokens()
    {
        lock (_validTokens) _validTokens.Clear();
    }

    // The school system's clock agrees with the app's: both on the pinned day.
    public static string Now() => TestClock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    public void AddStudent(string id, string given, string family, string classId, string? identifier = null)
    {
        Users[id] = new() { ["sourcedId"] = id, ["status"] = "active", ["dateLastModified"] = Now(), ["enabledUser"] = true, ["givenName"] = given,
            ["familyName"] = family, ["identifier"] = identifier, ["email"] = $"{id}@example.org",
            ["roles"] = new[] { new Dictionary<string, object> { ["roleType"] = "primary", ["role"] = "student", ["org"] = new { sourcedId = OrgSourcedId } } } };
        Enrollments["e-" + id] = new() { ["sourcedId"] = "e-" + id, ["status"] = "active", ["dateLastModified"] = Now(), ["role"] = "student",
            ["user"] = new { sourcedId = id }, ["class"] = new { sourcedId = classId }, ["school"] = new { sourcedId = OrgSourcedId } };
    }

    public void AddClass(string id, string title, string grade, string code) =>
        Classes[id] = new() { ["sourcedId"] = id, ["status"] = "active", ["dateLastModified"] = Now(), ["title"] = title, ["classCode"] = code,
            ["classType"] = "homeroom", ["grades"] = new[] { grade }, ["school"] = new { sourcedId = OrgSourcedId }, ["course"] = new { sourcedId = "crs-1" } };

    /// <summary>Changes a record as the source system would: its dateLastModified moves to now.</summary>
    public static void Touch(Dictionary<string, object?> record, string field, object? value)
    {
        record[field] = value;
        record["dateLastModified"] = Now();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/oauth/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{Secret}"));
            if (http.Request.Headers.Authorization != expected || form["grant_type"] != "client_credentials")
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            var token = Guid.NewGuid().ToString("N");
            lock (_validTokens) _validTokens.Add(token);
            Interlocked.Increment(ref _tokensIssued);
            return Results.Json(new { access_token = token, token_type = "bearer", expires_in = 3600 });
        });
        var api = app.MapGroup("/ims/oneroster/rostering/v1p2");
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            Requests.Enqueue(http.Request.Path + http.Request.QueryString);
            var header = http.Request.Headers.Authorization.ToString();
            bool valid;
            lock (_validTokens) valid = header.StartsWith("Bearer ") && _validTokens.Contains(header[7..]);
            return valid ? await next(context) : Results.Json(new { imsx_codeMajor = "failure" }, statusCode: 401);
        });
        api.MapGet("/schools", () => Results.Json(new { orgs = new[] { new { sourcedId = OrgSourcedId, status = "active", name = OrgName, type = "school", identifier = OrgIdentifier } } }));
        api.MapGet("/schools/{org}/classes", (HttpContext http, string org) => PageAsync(http, "classes", Classes.Values));
        api.MapGet("/schools/{org}/enrollments", (HttpContext http, string org) => PageAsync(http, "enrollments", Enrollments.Values));
        api.MapGet("/schools/{org}/students", (HttpContext http, string org) => PageAsync(http, "users", Users.Values));
        api.MapGet("/users/{id}", (string id) => Users.TryGetValue(id, out var user) ? Results.Json(new { user }) : Results.NotFound());
    }

    private async Task<IResult> PageAsync(HttpContext http, string key, IEnumerable<Dictionary<string, object?>> all)
    {
        Arrived.TrySetResult();
        if (Hold is { } hold) await hold.Task;
        var limit = int.Parse(http.Request.Query["limit"].FirstOrDefault() ?? "100");
        var offset = int.Parse(http.Request.Query["offset"].FirstOrDefault() ?? "0");
        var records = all.OrderBy(r => (string)r["sourcedId"]!, StringComparer.Ordinal).ToList();
        if (http.Request.Query["filter"].FirstOrDefault() is { } filter)
        {
            // dateLastModified>'2026-12-02T10:00:00.000Z'
            var since = DateTime.Parse(filter.Split('\'')[1], null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            records = records.Where(r => DateTime.Parse((string)r["dateLastModified"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal) > since).ToList();
        }
        var page = offset / limit + 1;
        if (FailPage is { } fail && fail.Collection == key && fail.Page == page) return Results.StatusCode(500);
        http.Response.Headers["X-Total-Count"] = records.Count.ToString();
        return Results.Json(new Dictionary<string, object> { [key] = records.Skip(offset).Take(limit).ToList() });
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await _app.DisposeAsync();
    }
}
