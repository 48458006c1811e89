using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages;

/// <summary>
/// Text that comes from a form or a query string holds no control characters but tab and line breaks: a NUL or an
/// escape code is never something a person typed, PostgreSQL refuses NUL in text (a 500, where SQLite stored it), and
/// invisible codes would be kept in names. They are dropped as the text is bound, for every page at once.
/// </summary>
internal sealed class TypedTextBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new TypedTextBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class TypedTextBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.Result.IsModelSet && context.Result.Model is string text && text.Any(IsDropped))
                context.Result = ModelBindingResult.Success(Clean(text));
        }
    }

    public static bool IsDropped(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>The text without the dropped characters (for what is read outside model binding, e.g. the API's query).</summary>
    public static string Clean(string text) => text.Any(IsDropped) ? new string(text.Where(c => !IsDropped(c)).ToArray()) : text;
}

internal sealed class TypedTextBinding : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions o) => o.ModelBinderProviders.Insert(0, new TypedTextBinderProvider());
}
