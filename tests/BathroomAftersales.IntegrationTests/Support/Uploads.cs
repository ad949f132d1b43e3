using System.Net;
using System.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>A file a user picks in a file input: the input's name, the file's name, the type the browser claims, the bytes.</summary>
public sealed record Upload(string Field, string FileName, string ContentType, byte[] Bytes)
{
    public static Upload Jpeg(string field, string fileName = "photo.jpg") => new(field, fileName, "image/jpeg", TestImages.Jpeg());

    public override string ToString() => $"{Field}={FileName} ({Bytes.Length} bytes)";
}

/// <summary>Photos made in memory, so no test depends on a file in the repository.</summary>
public static class TestImages
{
    /// <summary>A small JPEG; with <paramref name="exif"/> it carries that metadata, as a phone photo does.</summary>
    public static byte[] Jpeg(int width = 64, int height = 48, ExifProfile? exif = null)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(30, 120, 200));
        image.Metadata.ExifProfile = exif;
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    public static byte[] Png(int width = 64, int height = 48)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(200, 60, 30));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}

/// <summary>Forms with file inputs, and hand-made POSTs that send what the form does not offer.</summary>
public static class Uploads
{
    /// <summary>
    /// Like <see cref="Browser.SubmitFormAsync"/>, and attaches <paramref name="files"/> to the form's file inputs. The
    /// form must be multipart and have an input of each file's field name.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client,
        string pageUrl,
        IReadOnlyDictionary<string, string?>? fields,
        IReadOnlyList<Upload> files,
        string? formAction = null)
    {
        var form = await client.GetFormAsync(pageUrl, fields?.Keys ?? [], formAction);
        return await client.SubmitAsync(form.Fill(fields), files);
    }

    /// <summary>GETs a page (which must answer 200) and returns one of its forms, found as <see cref="Browser.FindForm"/> does.</summary>
    public static async Task<HtmlForm> GetFormAsync(this HttpClient client, string pageUrl, IEnumerable<string>? fieldNames = null, string? formAction = null)
    {
        var (response, document) = await client.GetPageAsync(pageUrl);
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {pageUrl} answered {(int)response.StatusCode}, not 200: no form to fill.");
            }

            return Browser.FindForm(document, response.RequestMessage!.RequestUri!, fieldNames ?? [], formAction);
        }
    }

    /// <summary>Submits a form with files attached to its file inputs.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, HtmlForm form, IReadOnlyList<Upload> files)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return await client.SubmitAsync(form);
        }

        if (!form.Multipart)
        {
            throw new InvalidOperationException($"The form posting to {form.Action.PathAndQuery} is not multipart: a browser would send no files.");
        }

        if (files.FirstOrDefault(f => !form.HasField(f.Field)) is { } stray)
        {
            throw new InvalidOperationException($"The form posting to {form.Action.PathAndQuery} has no file input '{stray.Field}'.");
        }

        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content };
        return await client.SendAsync(request);
    }

    /// <summary>
    /// The form with extra name/value pairs a browser would never send (it has no such controls): what an attacker
    /// adds to a POST by hand. Pairs are appended, so a field the form has is then sent twice.
    /// </summary>
    public static HtmlForm Forge(this HtmlForm form, IReadOnlyDictionary<string, string> extra)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(extra);
        return form with { Fields = [.. form.Fields, .. extra] };
    }

    /// <summary>How many files (photos and thumbnails) the app has stored under its Files:Root.</summary>
    public static int StoredFileCount(this AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Directory.Exists(factory.FilesRoot)
            ? Directory.EnumerateFiles(factory.FilesRoot, "*", SearchOption.AllDirectories).Count()
            : 0;
    }
}
