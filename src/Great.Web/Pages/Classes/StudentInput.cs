using Great.Web.Domain;
using FluentValidation;
using Great.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Classes;

/// <summary>What a form or an import row says about a student: the minimum about a minor.</summary>
public sealed class StudentInput
{
    public string GivenName { get; set; } = "";
    /// <summary>A family name or just its initial: only the initial is kept.</summary>
    public string FamilyName { get; set; } = "";
    public string LocalId { get; set; } = "";

    public sealed class Validator : AbstractValidator<StudentInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.GivenName).NotEmpty().WithMessage(L["The given name is missing."])
                .MaximumLength(FieldLengths.ShortName).WithMessage(L["The given name is longer than 100 characters."]);
            RuleFor(x => x.FamilyName).NotEmpty().WithMessage(L["The family name is missing."])
                .Must(f => char.IsLetter(f.Trim().FirstOrDefault())).WithMessage(L["The family name must start with a letter."]);
            RuleFor(x => x.LocalId).MaximumLength(64).WithMessage(L["The student id is longer than 64 characters."]);
        }
    }
}
