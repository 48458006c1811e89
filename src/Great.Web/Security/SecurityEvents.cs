using System.Security.Claims;
using System.Text.Json;
using Great.Web.Data;
using Great.Web.Domain;

namespace Great.Web.Security;

/// <summary>What happened to an account or a credential. The names are the audit trail's Action (20 characters at most).</summary>
public enum SecurityEventKind
{
    SignedIn,
    SignInFailed,
    LockedOut,
    TwoFactorFailed,
    RecoveryCodeUsed,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesNew,
    PasswordChanged,
    RoleChanged,
    ScopeChanged,
    AccountDisabled,
    AccountEnabled,
    NamesExported,
    ExternalSignIn,
    ExternalRefused,
    ExternalLinked,
}

/// <summary>
/// The one home of security events: each is a structured log line (warning for the failures) and an audit entry
/// (<see cref="AuditEntity"/>) saved with the change it is about. The entry says who acted (the signed-in user,
/// "anonymous" at the sign-in page, "system" for jobs), whose account it concerns, from which address, and why.
/// </summary>
public sealed class SecurityEventFactory(IHttpContextAccessor http, TimeProvider time, ILogger<SecurityEventFactory> log)
{
    public const string AuditEntity = "Security";

    private static readonly HashSet<SecurityEventKind> Failures =
        [SecurityEventKind.SignInFailed, SecurityEventKind.LockedOut, SecurityEventKind.TwoFactorFailed, SecurityEventKind.ExternalRefused];

    /// <summary>The event as an audit entry; <paramref name="subjectEmail"/> names an account that may not exist (a failed sign-in).</summary>
    public AuditEntry Create(SecurityEventKind kind, string? subjectId, string? subjectEmail, string? detail = null)
    {
        var context = http.HttpContext;
        var actor = context?.User;
        var signedIn = actor?.Identity?.IsAuthenticated == true;
        var address = context?.Connection.RemoteIpAddress?.ToString();
        return new AuditEntry
        {
            UserId = signedIn ? actor!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            UserName = signedIn ? actor!.Identity!.Name ?? "?" : context is null ? "system" : "anonymous",
            At = time.GetUtcNow(),
            Entity = AuditEntity,
            EntityId = Bounded(subjectId ?? subjectEmail ?? "", 100)!,
            Action = kind.ToString(),
            After = JsonSerializer.Serialize(new SecurityEventDetail(Bounded(subjectEmail, 256), address, Bounded(detail, 500)), AuditInterceptor.Json),
        };
    }

    /// <summary>Writes the structured log line of an event once it is saved.</summary>
    public void Log(AuditEntry entry)
    {
        var detail = Detail(entry);
        var level = Enum.TryParse<SecurityEventKind>(entry.Action, out var kind) && Failures.Contains(kind) ? LogLevel.Warning : LogLevel.Information;
        log.Log(level, "Security event {SecurityEvent} for {Account} ({AccountId}) by {Actor} from {Address}: {Detail}",
            entry.Action, detail?.Email, entry.EntityId, entry.UserName, detail?.Address, detail?.Detail);
    }

    public static SecurityEventDetail? Detail(AuditEntry entry) =>
        entry.After is { } json ? JsonSerializer.Deserialize<SecurityEventDetail>(json, AuditInterceptor.Json) : null;

    private static string? Bounded(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

/// <summary>The fixed reasons an event's detail may give; the admin page shows them in the reader's language.</summary>
public static class SecurityReason
{
    public const string UnknownEmail = "unknown email";
    public const string WrongPassword = "wrong password";
    public const string AccountDisabled = "account disabled";
    public const string AccountLocked = "account locked";
    public const string Password = "password";
    public const string PasswordAndCode = "password and authenticator code";
    public const string WrongCode = "wrong code";
    public const string WrongRecoveryCode = "wrong recovery code";
    public const string CannotSignIn = "account cannot sign in";
    public const string NoVerifiedEmail = "no verified email";
    public const string NoAccount = "no Great account with this email";
    public const string NoAnswer = "no answer from the provider";
    public const string ProviderFailed = "the provider refused or failed";
    public const string LinkedElsewhere = "the provider's subject is linked to another account";

    public static readonly string[] All = [UnknownEmail, WrongPassword, AccountDisabled, AccountLocked, Password, PasswordAndCode, WrongCode, WrongRecoveryCode, CannotSignIn, NoVerifiedEmail, NoAccount, NoAnswer, ProviderFailed, LinkedElsewhere];
}

public sealed record SecurityEventDetail(string? Email, string? Address, string? Detail);

/// <summary>Events that are not a change of data (sign-ins, exports): written and saved at once.</summary>
public sealed class SecurityEventLog(GreatDbContext db, SecurityEventFactory events, IHttpContextAccessor http)
{
    /// <summary>An event about what the signed-in user did themselves (an export of names).</summary>
    public Task WriteForSelfAsync(SecurityEventKind kind, string detail)
    {
        var user = http.HttpContext?.User;
        return WriteAsync(kind, user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.Identity?.Name, detail);
    }

    public Task WriteAsync(SecurityEventKind kind, GreatUser? subject, string? email = null, string? detail = null) =>
        WriteAsync(kind, subject?.Id, subject?.Email ?? email, detail);

    private async Task WriteAsync(SecurityEventKind kind, string? subjectId, string? email, string? detail)
    {
        var entry = events.Create(kind, subjectId, email, detail);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        events.Log(entry);
    }
}
