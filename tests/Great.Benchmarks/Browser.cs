using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Great.Benchmarks;

/// <summary>One signed-in user over real HTTP: its own cookies, no automatic redirects, real forms and tokens.</summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _http;

    public Browser(string baseUrl, string culture)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
    }

    /// <summary>The antiforgery token of the last form read: valid for this user's every form.</summary>
    public string Token { get; private set; } = "";

    public static async Task<Browser> SignInAsync(string baseUrl, string email, string password, string culture)
    {
        var browser = new Browser(baseUrl, culture);
        var response = await browser.SubmitAsync("/Account/Login", "main form[method=post]",
            [new("Input.Email", email), new("Input.Password", password)]);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login") == true)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return browser;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public async Task<IDocument> DocumentAsync(string url)
    {
        var response = await _http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(new Uri(_http.BaseAddress!, url)));
        if (document.QuerySelector("input[name=__RequestVerificationToken]") is IHtmlInputElement token) Token = token.Value;
        return document;
    }

    /// <summary>A url-encoded post with the current token.</summary>
    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", Token))));

    /// <summary>GETs the page, fills its form's fields with <paramref name="values"/>, posts it where a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, IReadOnlyList<KeyValuePair<string, string>> values, string? button = null) =>
        await SubmitAsync(await DocumentAsync(pageUrl), formSelector, values, button);

    /// <summary>Posts a form of a page already read, as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, IReadOnlyList<KeyValuePair<string, string>> values, string? button = null)
    {
        var pageUrl = page.Url;
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            if (element is IHtmlInputElement input && !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file")
                && (input.Type is not ("checkbox" or "radio") || input.IsChecked))
                fields.Add(new(input.Name!, input.Value));
            else if (element is IHtmlSelectElement select && !string.IsNullOrEmpty(select.Name))
                fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(select.Name!, o.Value)));
        }
        var names = values.Select(v => v.Key).ToHashSet();
        fields.RemoveAll(f => names.Contains(f.Key));
        fields.AddRange(values);
        var action = button is null ? form.GetAttribute("action") : form.QuerySelector(button)?.GetAttribute("formaction");
        return await _http.PostAsync(string.IsNullOrEmpty(action) ? pageUrl : action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The upload form of an import page, with the file, as a browser sends it.</summary>
    public async Task<HttpResponseMessage> UploadAsync(IDocument page, string fileName, byte[] content)
    {
        var form = (IHtmlFormElement)page.QuerySelector("form#upload")!;
        var body = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>()
                     .Where(i => !string.IsNullOrEmpty(i.Name) && (i.Type == "hidden" || (i.Type == "checkbox" && i.IsChecked))))
            body.Add(new StringContent(input.Value), input.Name!);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".zip") ? "application/zip" : "text/csv");
        body.Add(file, "file", fileName);
        return await _http.PostAsync(form.GetAttribute("action"), body);
    }

    public void Dispose() => _http.Dispose();
}
