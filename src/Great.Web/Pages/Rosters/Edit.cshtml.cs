using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Great.Web.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Rosters;

/// <summary>
/// Create or edit a roster connection: the service's address, its token server, the client id and the secret. The
/// secret is stored encrypted and never shown again; left empty on an edit, the stored one stays.
/// </summary>
[Authorize(Policy = Operations.ManageRosterConnections)]
public class EditModel(GreatDbContext db, RosterSync sync, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public ConnectionInput Input { get; set; } = new();
    public SelectList Regions { get; private set; } = null!;
    public bool IsNew => Input.Id == 0;

    public sealed class ConnectionInput
    {
        public int Id { get; set; }
        public int RegionId { get; set; }
        public string Name { get; set; } = "";
        public string BaseUrl { get; set; } = "";
        public string TokenUrl { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string? ClientSecret { get; set; }
    }

    public sealed class Validator : AbstractValidator<ConnectionInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(L["Enter a name."]).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.BaseUrl).Must(u => RosterConnection.CheckUrl(u) is null).WithMessage(x => L[RosterConnection.CheckUrl(x.BaseUrl)!].Value).MaximumLength(FieldLengths.Url);
            RuleFor(x => x.TokenUrl).Must(u => RosterConnection.CheckUrl(u) is null).WithMessage(x => L[RosterConnection.CheckUrl(x.TokenUrl)!].Value).MaximumLength(FieldLengths.Url);
            RuleFor(x => x.ClientId).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(L["Enter the client id the district gave."]).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.ClientSecret).Must(s => !string.IsNullOrWhiteSpace(s)).When(x => x.Id == 0).WithMessage(L["Enter the client secret the district gave."]).MaximumLength(1000);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not null)
        {
            var c = await db.RosterConnections.AsNoTracking().VisibleTo(UserScope.From(User)).FirstOrDefaultAsync(c => c.Id == id);
            if (c is null) return NotFound();
            Input = new ConnectionInput { Id = c.Id, RegionId = c.RegionId, Name = c.Name, BaseUrl = c.BaseUrl, TokenUrl = c.TokenUrl, ClientId = c.ClientId };
        }
        await LoadRegionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserScope.From(User);
        var connection = Input.Id == 0 ? null : await db.RosterConnections.VisibleTo(user).FirstOrDefaultAsync(c => c.Id == Input.Id);
        if (Input.Id != 0 && connection is null) return NotFound();
        if (!await db.Regions.VisibleTo(user).AnyAsync(r => r.Id == Input.RegionId)) ModelState.AddModelError("Input.RegionId", L["Choose a region."]);
        // A connection with mapped schools stays in their region.
        if (connection is not null && connection.RegionId != Input.RegionId && await db.RosterConnectionSchools.AnyAsync(s => s.ConnectionId == connection.Id))
            ModelState.AddModelError("Input.RegionId", L["This connection has mapped schools: it stays in their region."]);
        if (!ModelState.IsValid)
        {
            Input.ClientSecret = null;
            await LoadRegionsAsync();
            return Page();
        }
        if (connection is null)
        {
            connection = new RosterConnection { Name = "", BaseUrl = "", TokenUrl = "", ClientId = "", ProtectedSecret = "", CreatedAt = time.GetUtcNow() };
            db.RosterConnections.Add(connection);
        }
        connection.Edit(Input.RegionId, Input.Name, Input.BaseUrl, Input.TokenUrl, Input.ClientId);
        if (!string.IsNullOrWhiteSpace(Input.ClientSecret)) connection.ReplaceSecret(sync.Protect(Input.ClientSecret.Trim()));
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", connection.Name].Value;
        return RedirectToPage("/Rosters/Schools", new { id = connection.Id });
    }

    private async Task LoadRegionsAsync()
    {
        var regions = await db.Regions.AsNoTracking().VisibleTo(UserScope.From(User)).OrderBy(r => r.Name).ToListAsync();
        if (Input.RegionId == 0 && regions.Count == 1) Input.RegionId = regions[0].Id;
        Regions = new SelectList(regions, "Id", "Name");
    }
}
