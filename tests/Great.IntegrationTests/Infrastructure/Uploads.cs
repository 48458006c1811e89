using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;

namespace Great.IntegrationTests.Infrastructure;

public static class Uploads
{
    /// <summary>Submits a page's real multipart form (antiforgery token included) with a file in its file field.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string pageUrl, string fileName, byte[] content,
        string formSelector = "form#upload", IEnumerable<KeyValuePair<string, string>>? extra = null, Task? restOfBodyAfter = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = (IHtmlFormElement)page.QuerySelector(formSelector)!;
        var body = new MultipartFormDataContent();
        // In document order, as a browser sends them: hidden fields and ticked boxes.
        foreach (var input in form.Elements.OfType<IHtmlInputElement>()
                     .Where(i => !string.IsNullOrEmpty(i.Name) && (i.Type == "hidden" || (i.Type == "checkbox" && i.IsChecked))))
        {
            if (extra?.Any(e => e.Key == input.Name) == true) continue;
            body.Add(new StringContent(input.Value), input.Name!);
        }
        foreach (var (key, value) in extra ?? []) body.Add(new StringContent(value), key);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".zip") ? "application/zip" : "text/csv");
        body.Add(file, "file", fileName);
        return await client.PostAsync(form.GetAttribute("action"), restOfBodyAfter is null ? body : new HeldBack(body, restOfBodyAfter));
    }

    /// <summary>A body sent as a slow client would: its first half at once, the rest once <c>release</c> completes.</summary>
    private sealed class HeldBack : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly Task _release;

        public HeldBack(HttpContent inner, Task release)
        {
            _bytes = inner.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
            _release = release;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            await _release;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }

    public static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(IReadOnlyDictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
