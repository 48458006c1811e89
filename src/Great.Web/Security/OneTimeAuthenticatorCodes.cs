using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Great.Web.Security;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) for Identity's two-factor sign-in,
/// in place of Identity's own provider for two reasons: a code is accepted once only (ASVS 2.8.4: Identity's would
/// take the same code again for three minutes, so a code seen over a shoulder or phished could be replayed), and the
/// window is one step either side of now (a phone clock 30 seconds off still works), not two.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<GreatUser>
{
    private const string LoginProvider = "Great";
    private const string LastStepToken = "AuthenticatorLastStep";
    private const int StepSeconds = 30;

    public Task<string> GenerateAsync(string purpose, UserManager<GreatUser> manager, GreatUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<GreatUser> manager, GreatUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<GreatUser> manager, GreatUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || Base32.Decode(key) is not { } secret) return false;
        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken), out var l) ? l : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= last || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token))) continue;
            // Spent: this code, and any of an earlier step, is refused from now on.
            await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString());
            return true;
        }
        return false;
    }

    /// <summary>The code of one time step (RFC 4226 dynamic truncation).</summary>
    internal static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6");
    }
}

/// <summary>RFC 4648 base32, as authenticator apps read the shared key.</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[]? Decode(string text)
    {
        var clean = text.Trim().TrimEnd('=').Replace(" ", "").ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
