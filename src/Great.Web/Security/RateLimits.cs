using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace Great.Web.Security;

/// <summary>
/// Limits on what can be abused by repetition, besides the lockout of an account: sign-in attempts per client address
/// (guessing across many accounts), and roster uploads per user (each is parsed and kept in the database). A refused
/// request gets 429 with Retry-After and the status page in the user's language. Pages read without posting are never limited.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Imports = "imports";

    /// <summary>The pages each limit applies to (their posts).</summary>
    public static readonly string[] SignInPages = ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/External"];
    public static readonly string[] ImportPages = ["/Classes/Import", "/Classes/Households", "/Schools/ImportOneRoster", "/Rosters/Sync"];

    public static IServiceCollection AddGreatRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Security:RateLimits");
        var signInPerMinute = settings.GetValue("SignInPerMinute", 30);
        var importsPerMinute = settings.GetValue("ImportsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Rate limit reached on {Path} from {Address} by {User}", http.Request.Path, http.Connection.RemoteIpAddress,
                        http.User.Identity?.Name ?? "anonymous");
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(SignIn, http => Posts(http)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => PerMinute(signInPerMinute))
                : RateLimitPartition.GetNoLimiter("read"));
            o.AddPolicy(Imports, http => Posts(http)
                ? RateLimitPartition.GetFixedWindowLimiter(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous", _ => PerMinute(importsPerMinute))
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return services;
    }

    public static void AddRateLimitConventions(this PageConventionCollection conventions)
    {
        foreach (var page in SignInPages) conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignIn)));
        foreach (var page in ImportPages) conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(Imports)));
    }

    private static bool Posts(HttpContext http) => HttpMethods.IsPost(http.Request.Method);

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}
