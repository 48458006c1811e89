using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

public static class ValidationExtensions
{
    /// <summary>Validates explicitly and copies errors into ModelState under the form's field names.</summary>
    public static bool Validate<T>(this PageModel page, IValidator<T> validator, T input, string prefix)
    {
        var result = validator.Validate(input);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(error.PropertyName) ? prefix : $"{prefix}.{error.PropertyName}";
            page.ModelState.AddModelError(key, error.ErrorMessage);
        }
        return page.ModelState.IsValid;
    }
}
