using System.Collections;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Great.Web.Pages;

/// <summary>
/// Validates every posted input that has a FluentValidation validator before the page handler runs: the page's
/// [BindProperty] inputs and the handler's own parameters. Errors land in ModelState under the field names
/// (in the user's language), so a handler only asks <c>ModelState.IsValid</c> and no page can forget to validate.
/// Pages with several post handlers take each handler's input as a parameter, so that only what it posts is checked.
/// </summary>
public sealed class ValidatorPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            if (context.HandlerInstance is IPreparesInput page) await page.PrepareInputAsync();
            var inputs = context.ActionDescriptor.BoundProperties
                .Select(p => (Name: p.BindingInfo?.BinderModelName ?? p.Name, Value: context.HandlerInstance.GetType().GetProperty(p.Name)?.GetValue(context.HandlerInstance)))
                .Concat(context.HandlerArguments.Select(a => (Name: a.Key, Value: a.Value)));
            foreach (var (name, value) in inputs)
            {
                if (value is null or string || value is IEnumerable) continue;
                var validatorType = typeof(IValidator<>).MakeGenericType(value.GetType());
                if (context.HttpContext.RequestServices.GetService(validatorType) is not IValidator validator) continue;
                var result = await validator.ValidateAsync(new ValidationContext<object>(value), context.HttpContext.RequestAborted);
                foreach (var error in result.Errors)
                {
                    var key = string.IsNullOrEmpty(error.PropertyName) ? name : $"{name}.{error.PropertyName}";
                    context.ModelState.AddModelError(key, error.ErrorMessage);
                }
            }
        }
        await next();
    }
}

/// <summary>
/// A page whose input's rules depend on where the user is (the region's today): it fills that in before the
/// <see cref="ValidatorPageFilter"/> validates, so the rules stay in the validator.
/// </summary>
public interface IPreparesInput
{
    Task PrepareInputAsync();
}
