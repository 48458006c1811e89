using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Admin.Users;

/// <summary>What an account may see, as a form gives it: a manager's region, a coordinator's schools and sites.</summary>
public interface IAccountScope
{
    string Role { get; }
    int? RegionId { get; }
    List<int> SchoolIds { get; }
    List<int> SiteIds { get; }

    /// <summary>An account of this role is scoped by a region (regional managers).</summary>
    bool TakesRegion => Role == Roles.RegionalManager;

    /// <summary>An account of this role is scoped by schools and sites (coordinators).</summary>
    bool TakesPlaces => Role == Roles.SchoolCoordinator;
}

/// <summary>The scope an account of each role must have, for the new-user form and the edit form alike.</summary>
public sealed class AccountScopeValidator : AbstractValidator<IAccountScope>
{
    public AccountScopeValidator(GreatDbContext db, IStringLocalizer<SharedResource> L)
    {
        RuleFor(x => x.RegionId).NotNull().WithMessage(L["Choose the manager's region."])
            .Must(id => db.Regions.Any(r => r.Id == id)).WithMessage(L["Choose the manager's region."])
            .When(x => x.TakesRegion);
        RuleFor(x => x.SchoolIds).Must((x, ids) => ids.Count > 0 || x.SiteIds.Count > 0).WithMessage(L["Choose at least one school or site."])
            .Must(ids => ids.Distinct().Count() == db.Schools.Count(s => s.Kind == PlaceKind.School && ids.Contains(s.Id))).WithMessage(L["Choose at least one school."])
            .When(x => x.TakesPlaces);
        RuleFor(x => x.SiteIds).Must(ids => ids.Distinct().Count() == db.Schools.Count(s => s.Kind != PlaceKind.School && ids.Contains(s.Id)))
            .WithMessage(L["Choose at least one school or site."])
            .When(x => x.TakesPlaces);
    }
}
