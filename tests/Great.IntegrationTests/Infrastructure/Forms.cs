using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>Reads pages and submits their real forms, antiforgery token included, as a browser would.</summary>
public static class Forms
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, takes the form matching <paramref name="formSelector"/> with every field it
    /// already holds (hidden token included), applies <paramref name="values"/> and posts it to its action.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> values, string formSelector = "main form[method=post]",
        string? submitName = null, string? submitValue = null, string? submitButton = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        var fields = FieldsOf(form);
        foreach (var group in values.GroupBy(v => v.Key))
        {
            fields.RemoveAll(f => f.Key == group.Key);
            fields.AddRange(group);
        }
        if (submitName is not null) fields.Add(new(submitName, submitValue ?? ""));
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        // A button with its own formaction (asp-page-handler on a button) sends the form there, as a browser does.
        if (submitButton is not null)
        {
            action = form.QuerySelector(submitButton)?.GetAttribute("formaction") ?? throw new InvalidOperationException($"No button '{submitButton}'");
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a browser would send for the form as it stands (ticked boxes, chosen options, hidden token).</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected)) fields.Add(new(select.Name!, option.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
            }
        }
        return fields;
    }

    /// <summary>Signs in through the real login form; returns the response of the post.</summary>
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = DemoAccounts.Password) =>
        client.SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Follows redirects by hand (the client does not) and returns the final response.</summary>
    public static async Task<HttpResponseMessage> FollowAsync(this HttpClient client, HttpResponseMessage response, int max = 5)
    {
        while (max-- > 0 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            response = await client.GetAsync(location);
        }
        return response;
    }

    public static string Text(this IDocument document) => document.Body?.TextContent ?? "";
}

public static class DemoAccounts
{
    public const string Password = "Demo-2026!";
    public const string Admin = "admin@example.org";
    public const string ManagerSv = "manager.sv@example.org";
    public const string ManagerHn = "manager.hn@example.org";
    public const string ManagerUs = "manager.us@example.org";
    public const string Coordinator = "coordinator@example.org";
    public const string Instructor = "instructor@example.org";
}
