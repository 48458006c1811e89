using Great.Web.Resources;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Great.Web.Pages.Shared;

/// <summary>
/// <c>&lt;language-name code="es" /&gt;</c>: a language's name in itself, marked with its own language (WCAG 3.1.2),
/// so a screen reader says "Español" in Spanish on an English page.
/// </summary>
[HtmlTargetElement("language-name", Attributes = "code", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LanguageNameTagHelper : TagHelper
{
    public string? Code { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("lang", LocalizationServices.Normalize(Code));
        output.Content.SetContent(LocalizationServices.NativeName(Code));
    }
}
