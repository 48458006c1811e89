using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Great.Web.Pages.Shared;

/// <summary>
/// The framework's validation summary, without the hidden <c>&lt;li style="display:none"&gt;</c> it leaves for client-side
/// validation (which Great does not use): the Content-Security-Policy allows no style attributes.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutStyle : TagHelper
{
    private const string HiddenItem = "<li style=\"display:none\"></li>";

    // After the framework's ValidationSummaryTagHelper (Order -1000) has written its list.
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var html = output.PostContent.GetContent();
        if (html.Contains(HiddenItem, StringComparison.Ordinal)) output.PostContent.SetHtmlContent(html.Replace(HiddenItem, ""));
    }
}
