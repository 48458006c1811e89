using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Great.Web.Pages.Reports;

/// <summary>
/// Charts drawn on the server as SVG: they print as sharp as the text around them and need no script. Each is an
/// image to assistive technology, named by its title and described by the data table it is drawn from.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 48;
    private const int Bottom = 48;
    private const int Top = 28;

    /// <summary>
    /// A coordinate as SVG reads it: a full stop before the decimals whatever the reader's language (a Spanish page
    /// wrote "25,8" and the browser drew no bar).
    /// </summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One column per point (the months of a period), with its value above it.</summary>
    public static IHtmlContent Columns(string id, string title, string tableId, IReadOnlyList<(string Label, int Value)> points)
    {
        var svg = Start(id, title, tableId);
        var max = NiceMax(points.Count == 0 ? 0 : points.Max(p => p.Value));
        Axis(svg, max);
        var plotWidth = Width - Left - 12;
        var slot = points.Count == 0 ? plotWidth : (double)plotWidth / points.Count;
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = points[i];
            var h = Scale(value, max);
            var x = Left + i * slot + slot * 0.15;
            var w = slot * 0.7;
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar" x="{x:0.#}" y="{Height - Bottom - h:0.#}" width="{w:0.#}" height="{h:0.#}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="value" x="{x + w / 2:0.#}" y="{Height - Bottom - h - 4:0.#}" text-anchor="middle">{Encode(value.ToString("N0", CultureInfo.CurrentCulture))}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="label" x="{x + w / 2:0.#}" y="{Height - Bottom + 16}" text-anchor="middle">{Encode(label)}</text>""");
        }
        return End(svg);
    }

    /// <summary>One bar per component: completed, with a mark at its target where it has one.</summary>
    public static IHtmlContent AgainstTarget(string id, string title, string tableId, IReadOnlyList<(string Label, int Value, int? Target)> bars,
        string completedLabel, string targetLabel)
    {
        var svg = Start(id, title, tableId);
        var max = NiceMax(bars.Count == 0 ? 0 : bars.Max(b => Math.Max(b.Value, b.Target ?? 0)));
        Axis(svg, max);
        var plotWidth = Width - Left - 12;
        var slot = bars.Count == 0 ? plotWidth : (double)plotWidth / bars.Count;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, target) = bars[i];
            var x = Left + i * slot + slot * 0.2;
            var w = slot * 0.6;
            var h = Scale(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar" x="{x:0.#}" y="{Height - Bottom - h:0.#}" width="{w:0.#}" height="{h:0.#}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="value" x="{x + w / 2:0.#}" y="{Height - Bottom - h - 4:0.#}" text-anchor="middle">{Encode(value.ToString("N0", CultureInfo.CurrentCulture))}</text>""");
            if (target is { } t)
            {
                var y = Height - Bottom - Scale(t, max);
                svg.Append(CultureInfo.InvariantCulture, $"""<line class="target" x1="{x - 6:0.#}" x2="{x + w + 6:0.#}" y1="{y:0.#}" y2="{y:0.#}"/>""");
            }
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="label" x="{x + w / 2:0.#}" y="{Height - Bottom + 16}" text-anchor="middle">{Encode(label)}</text>""");
        }
        // Legend: what a bar and what a line stand for.
        svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar" x="{Left}" y="{Height - 18}" width="12" height="10"/><text class="label" x="{Left + 16}" y="{Height - 9}">{Encode(completedLabel)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="target" x1="{Left + 160}" x2="{Left + 176}" y1="{Height - 13}" y2="{Height - 13}"/><text class="label" x="{Left + 180}" y="{Height - 9}">{Encode(targetLabel)}</text>""");
        return End(svg);
    }

    private static StringBuilder Start(string id, string title, string tableId)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="report-chart" id="{id}" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-title" aria-describedby="{tableId}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Encode(title)}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="title" x="{Left}" y="16">{Encode(title)}</text>""");
        return svg;
    }

    private static void Axis(StringBuilder svg, int max)
    {
        for (var step = 0; step <= 4; step++)
        {
            var value = max * step / 4;
            var y = Height - Bottom - Scale(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"""<line class="grid" x1="{Left}" x2="{Width - 12}" y1="{y:0.#}" y2="{y:0.#}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="tick" x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{Encode(value.ToString("N0", CultureInfo.CurrentCulture))}</text>""");
        }
    }

    private static IHtmlContent End(StringBuilder svg) => new HtmlString(svg.Append("</svg>").ToString());

    private static double Scale(int value, int max) => max == 0 ? 0 : (double)value * (Height - Bottom - Top) / max;

    /// <summary>The axis's top: four grid steps of 1, 2 or 5 times a power of ten, the first that reach the largest value.</summary>
    internal static int NiceMax(int largest)
    {
        var step = Math.Max(1, (largest + 3) / 4);
        var magnitude = (int)Math.Pow(10, Math.Floor(Math.Log10(step)));
        var nice = new[] { 1, 2, 5, 10 }.First(f => f * magnitude >= step) * magnitude;
        return 4 * nice;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
