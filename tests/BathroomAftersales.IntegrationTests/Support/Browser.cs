using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// Drives the app like a browser over an <see cref="HttpClient"/> that does not follow redirects: GET a page, find a
/// form, keep its hidden fields (antiforgery token included) and current values, change some, submit it.
/// </summary>
public static class Browser
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private static readonly HtmlParser Parser = new();

    /// <summary>GETs a page and parses it; the status is whatever the app answered.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        return (response, await response.ReadDocumentAsync());
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>
    /// GETs <paramref name="pageUrl"/> (which must answer 200), fills the form and submits it. The form is the one whose
    /// action (or a submit button's formaction) contains <paramref name="formAction"/>, or else the only form having every
    /// field in <paramref name="fields"/>. A field set to null is left out, as an unchecked box would be. Naming a field the
    /// form does not have is an error: a browser could not send it either.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client,
        string pageUrl,
        IReadOnlyDictionary<string, string?>? fields = null,
        string? formAction = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (response, document) = await client.GetPageAsync(pageUrl);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUrl} answered {(int)response.StatusCode}, not 200: no form to fill.");
        }

        var form = FindForm(document, response.RequestMessage!.RequestUri!, fields?.Keys ?? [], formAction);
        return await client.SubmitAsync(form.Fill(fields));
    }

    /// <summary>The forms of a page, each with its target and current values.</summary>
    public static IReadOnlyList<HtmlForm> Forms(IHtmlDocument document, Uri pageUri)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUri);
        var forms = new List<HtmlForm>();
        foreach (var form in document.Forms)
        {
            var values = CurrentValues(form);
            var method = string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;
            var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
            var inMain = form.Closest("main") is not null;
            var names = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0).ToHashSet();
            forms.Add(new HtmlForm(Resolve(pageUri, form.GetAttribute("action")), method, multipart, values, names, inMain));

            // A submit button with formaction (asp-page-handler on a button) sends the same form elsewhere.
            foreach (var button in form.Elements.Where(e => e.HasAttribute("formaction") && IsSubmitButton(e)))
            {
                var withButton = new List<KeyValuePair<string, string>>(values);
                if (button.GetAttribute("name") is { Length: > 0 } name)
                {
                    withButton.Add(new(name, button.GetAttribute("value") ?? string.Empty));
                }

                forms.Add(new HtmlForm(Resolve(pageUri, button.GetAttribute("formaction")), method, multipart, withButton, names, inMain));
            }
        }

        return forms;
    }

    public static HtmlForm FindForm(IHtmlDocument document, Uri pageUri, IEnumerable<string> fieldNames, string? formAction = null)
    {
        var forms = Forms(document, pageUri);
        var names = fieldNames.Where(n => n != AntiforgeryField).ToList();
        List<HtmlForm> candidates;
        if (formAction is not null)
        {
            candidates = forms.Where(f => f.Action.PathAndQuery.Contains(formAction, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        else
        {
            candidates = forms.Where(f => names.All(f.HasField)).ToList();
            if (candidates.Count > 1 && candidates.Any(f => f.InMain))
            {
                candidates = candidates.Where(f => f.InMain).ToList();
            }
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new InvalidOperationException(
                $"No form on {pageUri} matches action '{formAction}' and fields [{string.Join(", ", names)}]. Forms: {Describe(forms)}"),
            _ => throw new InvalidOperationException(
                $"Several forms on {pageUri} match action '{formAction}' and fields [{string.Join(", ", names)}]; name the action. Forms: {Describe(forms)}"),
        };
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, HtmlForm form)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        if (form.Method == HttpMethod.Get)
        {
            var query = string.Join('&', form.Fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            var builder = new UriBuilder(form.Action) { Query = query };
            return await client.GetAsync(builder.Uri);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = form.Content() };
        return await client.SendAsync(request);
    }

    /// <summary>POSTs fields as a urlencoded form, with an antiforgery token taken from any form of <paramref name="tokenPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(
        this HttpClient client, string url, string tokenPage, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var (response, document) = await client.GetPageAsync(tokenPage);
        var token = document.QuerySelector($"input[name={AntiforgeryField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"GET {tokenPage} ({(int)response.StatusCode}) has no antiforgery token.");
        var all = new Dictionary<string, string>(fields) { [AntiforgeryField] = token };
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>Follows one redirect with a GET, as a browser does after a POST.</summary>
    public static async Task<HttpResponseMessage> FollowRedirectAsync(this HttpClient client, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status is < 300 or > 399 || response.Headers.Location is null)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Expected a redirect from {response.RequestMessage?.RequestUri}, got {status}: {Excerpt(body)}");
        }

        return await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location));
    }

    /// <summary>The redirect target as a path and query ("/Portal"), whether the app sent it absolute or relative.</summary>
    public static string? RedirectTarget(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The visible error messages of a page: validation summary and field messages.</summary>
    public static IReadOnlyList<string> ErrorMessages(this IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.QuerySelectorAll(".validation-summary-errors li, .field-validation-error, [role=alert], .alert-danger")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();
    }

    /// <summary>The text a user reads (entities decoded), without scripts.</summary>
    public static string VisibleText(this IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Body?.TextContent ?? string.Empty;
    }

    public static string Excerpt(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    private static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToUpperInvariant();
                    if (type is "SUBMIT" or "BUTTON" or "IMAGE" or "RESET" or "FILE")
                    {
                        continue;
                    }

                    if (type is "CHECKBOX" or "RADIO")
                    {
                        if (input.HasAttribute("checked"))
                        {
                            values.Add(new(name, input.GetAttribute("value") ?? "on"));
                        }

                        continue;
                    }

                    values.Add(new(name, input.GetAttribute("value") ?? string.Empty));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (selected.Count == 0 && !select.IsMultiple && options.Count > 0)
                    {
                        selected.Add(options[0]);
                    }

                    values.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.GetAttribute("value") ?? o.TextContent)));
                    break;
                case IHtmlTextAreaElement textArea:
                    values.Add(new(name, textArea.TextContent));
                    break;
                default:
                    break;
            }
        }

        return values;
    }

    private static bool IsSubmitButton(IElement element) => element switch
    {
        IHtmlButtonElement button => !string.Equals(button.GetAttribute("type"), "button", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(button.GetAttribute("type"), "reset", StringComparison.OrdinalIgnoreCase),
        IHtmlInputElement input => string.Equals(input.GetAttribute("type"), "submit", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static Uri Resolve(Uri pageUri, string? action) =>
        string.IsNullOrEmpty(action) ? pageUri : new Uri(pageUri, action);

    private static string Describe(IEnumerable<HtmlForm> forms) =>
        string.Join("; ", forms.Select(f => $"{f.Method} {f.Action.PathAndQuery} [{string.Join(", ", f.Fields.Select(v => v.Key).Distinct())}]"));
}

/// <summary>A form as a browser would submit it: where, how, and the name/value pairs in document order.</summary>
public sealed record HtmlForm(
    Uri Action, HttpMethod Method, bool Multipart, IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlySet<string> Names, bool InMain)
{
    /// <summary>Whether the form has a control of that name, sent or not (an unchecked box is not sent).</summary>
    public bool HasField(string name) => Names.Contains(name);

    public string? Value(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>This form with some fields replaced (null removes them).</summary>
    public HtmlForm Fill(IReadOnlyDictionary<string, string?>? changes)
    {
        if (changes is null || changes.Count == 0)
        {
            return this;
        }

        var fields = Fields.ToList();
        foreach (var (name, value) in changes)
        {
            if (!HasField(name))
            {
                throw new InvalidOperationException(
                    $"The form posting to {Action.PathAndQuery} has no field '{name}'. Fields: {string.Join(", ", Fields.Select(f => f.Key).Distinct())}");
            }

            var index = fields.FindIndex(f => f.Key == name);
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Insert(index < 0 ? fields.Count : index, new(name, value));
            }
        }

        return this with { Fields = fields };
    }

    public HttpContent Content()
    {
        if (!Multipart)
        {
            return new FormUrlEncodedContent(Fields);
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }
}
