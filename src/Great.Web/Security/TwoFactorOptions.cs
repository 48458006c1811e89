namespace Great.Web.Security;

/// <summary>Which roles must sign in with a second factor (setting <c>Security:TwoFactor:RequiredFor</c>, role names separated by commas).</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Security:TwoFactor";

    /// <summary>Administrators and regional managers see every school of a region or more: by default they need a second factor.</summary>
    public string RequiredFor { get; set; } = $"{Roles.Admin},{Roles.RegionalManager}";

    public bool IsRequiredFor(IEnumerable<string> roles)
    {
        var required = RequiredFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return roles.Any(r => required.Contains(r, StringComparer.OrdinalIgnoreCase));
    }
}
