using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using FluentValidation;
using FluentValidation.Validators;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Shared;

/// <summary>
/// What a form field says to assistive technology, from the one place that knows: a field is required when its
/// validator has an unconditional NotEmpty or NotNull rule for it (the rule is never written a second time in the view);
/// a field has an error when ModelState holds one for its name. Its error message has the id "{field id}-error".
/// </summary>
public static class FormField
{
    private static readonly ConcurrentDictionary<(Type, string), bool> Required = new();

    public static string FullName(ViewContext view, ModelExpression field) => view.ViewData.TemplateInfo.GetFullHtmlFieldName(field.Name);

    public static string Id(ViewContext view, ModelExpression field) => TagBuilder.CreateSanitizedId(FullName(view, field), "_");

    public static string ErrorId(ViewContext view, ModelExpression field) => Id(view, field) + "-error";

    public static bool HasError(ViewContext view, ModelExpression field) =>
        view.ViewData.ModelState.TryGetValue(FullName(view, field), out var entry) && entry.Errors.Count > 0;

    public static bool IsRequired(ViewContext view, ModelExpression field)
    {
        if (field.Metadata.ContainerType is not { } container || field.Metadata.PropertyName is not { } property) return false;
        return Required.GetOrAdd((container, property), key =>
        {
            if (view.HttpContext.RequestServices.GetService(typeof(IValidator<>).MakeGenericType(key.Item1)) is not IValidator validator) return false;
            return validator.CreateDescriptor().GetRulesForMember(key.Item2)
                .Where(rule => !rule.HasCondition && !rule.HasAsyncCondition)
                .SelectMany(rule => rule.Components)
                .Any(c => !c.HasCondition && !c.HasAsyncCondition && c.Validator is INotEmptyValidator or INotNullValidator);
        });
    }
}

/// <summary>A required field's label says so in words (not only a symbol), in the reader's language.</summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
public sealed class RequiredLabelTagHelper(IStringLocalizer<SharedResource> L) : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!FormField.IsRequired(ViewContext, For)) return;
        output.PostContent.AppendHtml($" <span class=\"field-required\">({HtmlEncoder.Default.Encode(L["required"])})</span>");
    }
}

/// <summary>
/// A field that is required carries aria-required; a field with an error carries aria-invalid, Bootstrap's
/// is-invalid and aria-describedby pointing at its message, so a screen reader reads the message with the field.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldStateTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    // After the framework's InputTagHelper and SelectTagHelper (Order -1000) have written name, id and type.
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var type = output.Attributes["type"]?.Value?.ToString();
        if (type is "hidden") return;
        if (type is not ("checkbox" or "radio") && FormField.IsRequired(ViewContext, For)) output.Attributes.SetAttribute("aria-required", "true");
        if (!FormField.HasError(ViewContext, For)) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.AddClass("is-invalid", HtmlEncoder.Default);
        var described = output.Attributes["aria-describedby"]?.Value?.ToString();
        var errorId = FormField.ErrorId(ViewContext, For);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(described) ? errorId : $"{errorId} {described}");
    }
}

/// <summary>A field's error message has the id its field points at (unless the view names it, for a field written by hand).</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id")) output.Attributes.SetAttribute("id", FormField.ErrorId(ViewContext, For));
    }
}

/// <summary>
/// The errors of a form, summarised at its top: every error of the post, a field's error as a link that takes the
/// focus to the field. Nothing at all when there is no error (the framework would leave an empty alert, and a hidden
/// list item with a style attribute, which the Content-Security-Policy refuses). site.js moves the focus to it, and a
/// link's click to its field.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ErrorSummaryTagHelper(IStringLocalizer<SharedResource> L) : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    // After the framework's ValidationSummaryTagHelper (Order -1000): this one writes the whole element.
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ViewData.ModelState
            .SelectMany(entry => entry.Value!.Errors.Select(error => (Key: entry.Key, error.ErrorMessage)))
            .Where(e => !string.IsNullOrEmpty(e.ErrorMessage))
            .ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        var encode = HtmlEncoder.Default;
        // A field's key names its property ("Input.Email"); a key without one is the form's (or the input's as a whole).
        var items = errors.Select(e => !e.Key.Contains('.')
            ? $"<li>{encode.Encode(e.ErrorMessage)}</li>"
            : $"<li><a href=\"#{encode.Encode(TagBuilder.CreateSanitizedId(e.Key, "_"))}\">{encode.Encode(e.ErrorMessage)}</a></li>");
        // The framework's helper suppresses the element when a ModelOnly summary has no error of the form's own.
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.RemoveAll("class");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("class", "alert alert-danger error-summary");
        output.Attributes.SetAttribute("id", "error-summary");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        output.Content.SetHtmlContent($"<h2 class=\"h6\" id=\"error-summary-title\">{encode.Encode(L["There is a problem"])}</h2><ul class=\"mb-0\">{string.Concat(items)}</ul>");
        output.PostContent.Clear();
    }
}
