using Great.Web.Data;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Privacy;

/// <summary>
/// For a breach assessment: everything one account could read, by the same scope rules every page uses
/// (<see cref="ScopeQueries"/>) — its classes with how many students' names each holds, the officers it could see,
/// and the accounts (an administrator's only). The <c>exposure</c> command prints it.
/// </summary>
public sealed record Exposure(string Email, string Role, IReadOnlyList<Exposure.ClassRow> Classes, IReadOnlyList<string> Officers, IReadOnlyList<string> Accounts)
{
    public sealed record ClassRow(int Id, string School, string Class, int SchoolYear, int Students);

    public int Students => Classes.Sum(c => c.Students);

    public static async Task<Exposure?> ForAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<GreatUser>>();
        if (await users.FindByEmailAsync(email) is not { } user) return null;
        // The scope a sign-in would give: the claims the app builds for the account.
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<GreatUser>>().CreateAsync(user);
        var scope = UserScope.From(principal);
        var db = services.GetRequiredService<GreatDbContext>();
        var classes = await db.Classes.AsNoTracking().VisibleTo(scope).OrderBy(c => c.School.Name).ThenBy(c => c.SchoolYear).ThenBy(c => c.Grade).ThenBy(c => c.Section)
            .Select(c => new ClassRow(c.Id, c.School.Name, c.ComponentCode + " " + c.Grade + " " + c.Section, c.SchoolYear,
                c.Enrollments.Count(e => e.Student.PseudonymisedAt == null))).ToListAsync();
        var officers = await db.Instructors.AsNoTracking().VisibleTo(scope).OrderBy(i => i.FamilyName).ThenBy(i => i.GivenName)
            .Select(i => i.GivenName + " " + i.FamilyName + " (" + i.Agency.Name + ")").ToListAsync();
        var accounts = scope.IsAdmin ? await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => u.Email ?? u.UserName ?? u.Id).ToListAsync() : [];
        return new Exposure(email, scope.Role, classes, officers, accounts);
    }

    public void WriteTo(TextWriter output)
    {
        output.WriteLine($"Account {Email} ({(Role.Length == 0 ? "no role" : Role)}) could read:");
        output.WriteLine($"  {Classes.Count} classes holding {Students} students' names, {Officers.Count} officers, {Accounts.Count} accounts.");
        output.WriteLine("Classes (id, school, class, school year, students named):");
        foreach (var c in Classes) output.WriteLine($"  {c.Id}\t{c.School}\t{c.Class}\t{c.SchoolYear}\t{c.Students}");
        output.WriteLine("Officers:");
        foreach (var o in Officers) output.WriteLine($"  {o}");
        output.WriteLine("Accounts:");
        foreach (var a in Accounts) output.WriteLine($"  {a}");
    }
}
