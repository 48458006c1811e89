using FluentValidation;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account.TwoFactor;

/// <summary>The code of an authenticator app, as typed when setting it up and when signing in.</summary>
public sealed class AuthenticatorCodeInput
{
    public string Code { get; set; } = "";

    public sealed class Validator : AbstractValidator<AuthenticatorCodeInput>
    {
        public Validator(IStringLocalizer<SharedResource> L) =>
            RuleFor(x => x.Code).Must(c => TwoFactorCode.Normalize(c) is { Length: 6 } code && code.All(char.IsAsciiDigit))
                .WithMessage(L["Enter the 6-digit code your authenticator app shows."]);
    }
}

public static class TwoFactorCode
{
    public const int RecoveryCodeCount = 10;

    /// <summary>A code as people type it: spaces and dashes dropped.</summary>
    public static string Normalize(string? code) => (code ?? "").Replace(" ", "").Replace("-", "").Trim();

    /// <summary>A new set of recovery codes (the old ones stop working), shown once; recorded as a security event.</summary>
    public static async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(UserManager<GreatUser> users, SecurityEventLog events, GreatUser user)
    {
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await events.WriteAsync(SecurityEventKind.RecoveryCodesNew, user);
        return [.. codes];
    }
}
