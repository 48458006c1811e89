using Great.Web.Data;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin;

/// <summary>The administrator's home: regions and users; disable or enable an account, reset its second factor.</summary>
public class IndexModel(GreatDbContext db, UserManager<GreatUser> users, DatabaseBackup backup, IAuthorizationService authorization, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>SQLite only: the age of the last good backup (none: never), and whether it is overdue.</summary>
    public (bool Applies, TimeSpan? Age, bool Overdue, string Folder) Backup { get; private set; }

    public IReadOnlyList<RegionRow> Regions { get; private set; } = [];
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public sealed record RegionRow(int Id, string Name, string CountryCode, string TimeZone, int SchoolYearStartMonth, string DefaultCulture, int Schools);
    public sealed record UserRow(string Id, string Email, string DisplayName, string Role, string Scope, bool IsDisabled, bool MustChangePassword, bool TwoFactorEnabled)
    {
        /// <summary>Whether the one reading the page may disable or enable this account (Operations.DisableAccount).</summary>
        public bool CanDisable { get; init; }
    }

    /// <summary>The account whose password reset waits for the administrator to confirm it (it ends that person's sessions).</summary>
    [BindProperty(SupportsGet = true)] public string? ConfirmReset { get; set; }

    public async Task OnGetAsync()
    {
        var age = backup.Applies ? backup.LastGoodAge() : null;
        Backup = backup.Applies ? (true, age, backup.IsOverdue(age), backup.Folder) : (false, null, false, "");
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RegionRow(r.Id, r.Name, r.CountryCode, r.TimeZone, r.SchoolYearStartMonth, r.DefaultCulture, r.Schools.Count))
            .ToListAsync();
        var regionNames = Regions.ToDictionary(r => r.Id, r => r.Name);
        var schoolNames = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var instructorNames = await db.Instructors.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.GivenName + " " + i.FamilyName);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name ?? "");
        var list = await db.Users.AsNoTracking().Include(u => u.Schools).OrderBy(u => u.Email).ToListAsync();
        Users = list.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""),
            u.RegionId is { } r ? regionNames.GetValueOrDefault(r, "") :
            u.InstructorId is { } i ? instructorNames.GetValueOrDefault(i, "") :
            string.Join(", ", u.Schools.Select(s => schoolNames.GetValueOrDefault(s.SchoolId, ""))),
            u.IsDisabled, u.MustChangePassword, u.TwoFactorEnabled)).ToList();
        var rows = new List<UserRow>(Users.Count);
        foreach (var row in Users) rows.Add(row with { CanDisable = await authorization.CanAsync(User, Operations.DisableAccount, new UserAccount(row.Id)) });
        Users = rows;
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, bool disable)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (!await authorization.CanAsync(User, Operations.DisableAccount, new UserAccount(user.Id)))
        {
            TempData["Error"] = L["You cannot disable your own account."].Value;
            return RedirectToPage();
        }
        // A disabled account cannot sign in (GreatSignInManager); the save pipeline ends its open sessions and records it.
        user.IsDisabled = disable;
        await users.UpdateAsync(user);
        TempData["Message"] = (disable ? L["{0} is disabled.", user.Email!] : L["{0} is enabled.", user.Email!]).Value;
        return RedirectToPage();
    }

    /// <summary>
    /// For a user who forgot the password: a new one-time password, to be changed at the next sign-in; the old password
    /// stops working and the account's open sessions end (its security stamp changes with the password).
    /// </summary>
    public async Task<IActionResult> OnPostResetPasswordAsync(string id, bool confirmed)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        // Asked first: the reset signs the person out everywhere and their password stops working.
        if (!confirmed) return RedirectToPage(new { confirmReset = id });
        var password = Great.Web.Commands.GreatCommands.OneTimePassword();
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!reset.Succeeded)
        {
            TempData["Error"] = string.Join(" ", reset.Errors.Select(e => e.Description));
            return RedirectToPage();
        }
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        TempData["Message"] = L["New one-time password for {0}: {1} (they must change it at their next sign-in).", user.Email!, password].Value;
        return RedirectToPage();
    }

    /// <summary>
    /// For a user who lost the phone and the recovery codes: the second factor is off and its key replaced, so the old
    /// app's codes stop working; the account's sessions end, and the save pipeline records who did it.
    /// </summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        TempData["Message"] = L["The second factor of {0} is reset: their open sessions end and the codes of their old app no longer work.", user.Email!].Value;
        return RedirectToPage();
    }
}
