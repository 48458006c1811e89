using System.Globalization;
using System.Net;
using System.Text;
using Great.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Email;

/// <summary>Builds an email's HTML and plain-text bodies in the recipient's language, with a link back into Great.</summary>
public sealed class EmailTemplates(IStringLocalizer<SharedResource> L, IOptions<EmailOptions> options)
{
    public sealed record Line(string Text, string? Detail = null);

    public RenderedEmail Render(string culture, Func<IStringLocalizer, string> subject, Func<IStringLocalizer, string> greeting,
        Func<IStringLocalizer, IReadOnlyList<Line>> lines, Func<IStringLocalizer, string> action, string path)
    {
        return LocalizationServices.InCulture(culture, () =>
        {
            var link = options.Value.PublicUrl.TrimEnd('/') + path;
            var title = subject(L);
            var items = lines(L);
            var button = action(L);
            var footer = L["You receive this because of your role in the programme. You can switch reminders off in your profile in Great, except certification expiry."].Value;

            var text = new StringBuilder().AppendLine(greeting(L)).AppendLine();
            foreach (var item in items) text.AppendLine("- " + item.Text + (item.Detail is null ? "" : $" ({item.Detail})"));
            text.AppendLine().AppendLine($"{button}: {link}").AppendLine().AppendLine("-- ").AppendLine(footer);

            var html = new StringBuilder()
                .Append($"<!DOCTYPE html><html lang=\"{culture}\"><body style=\"font-family:Arial,sans-serif;color:#212529\">")
                .Append($"<h2 style=\"color:#1f3b64\">{Enc(title)}</h2><p>{Enc(greeting(L))}</p><ul>");
            foreach (var item in items) html.Append($"<li>{Enc(item.Text)}{(item.Detail is null ? "" : $" <small>({Enc(item.Detail)})</small>")}</li>");
            html.Append($"</ul><p><a href=\"{Enc(link)}\" style=\"background:#1f3b64;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px\">{Enc(button)}</a></p>")
                .Append($"<p style=\"color:#6c757d;font-size:12px\">{Enc(footer)}</p></body></html>");
            return new RenderedEmail(title, html.ToString(), text.ToString());
        });
    }

    /// <summary>One text in the recipient's language, for the lines of an email.</summary>
    public string Localize(string culture, Func<IStringLocalizer, string> text) => LocalizationServices.InCulture(culture, () => text(L));

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
