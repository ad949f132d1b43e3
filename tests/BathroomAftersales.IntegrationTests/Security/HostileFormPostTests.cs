using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using Xunit.Abstractions;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// Every POST form of every page, found at run time and fetched once by the role the page is for, posted ten thousand
/// times with generated hostile input (a fixed seed): wrong types, huge strings, control characters, invalid UTF-8,
/// direction overrides, emoji, SQL and HTML meta, impossible dates, repeated keys, missing fields and a missing
/// antiforgery token. No answer is a 5xx, a post without the token is refused with 400, and afterwards the home page and
/// a staff page answer as before.
/// </summary>
public sealed class HostileFormPostTests(AccessMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<AccessMatrixFixture>
{
    private const int Seed = 20261126;
    private const int TotalPosts = 10_000;
    private const int MinimumPerForm = 20;
    private const int Parallelism = 4;

    /// <summary>Who fills the forms of a folder, most specific first: one role the folder admits.</summary>
    private static readonly IReadOnlyList<(string Folder, string Role)> FormOwners =
    [
        ("/Staff/Settings/", Roles.Manager),
        ("/Staff/Surveys/", Roles.Manager),
        ("/Admin/Users/", Roles.Admin),
        ("/Portal/", Roles.Customer),
        ("/Staff/", Roles.Manager),
        ("/Technician/", Roles.Technician),
        ("/Reports/", Roles.Manager),
        ("/Admin/", Roles.Admin),
    ];

    /// <summary>Public pages whose forms nobody signed in fills.</summary>
    private static readonly string[] PublicFormPages = ["/Index", "/Account/Login", "/Account/Register"];

    private static readonly string Huge = new('x', 100_000);
    private static readonly string HugeDigits = new('9', 100_000);
    private static readonly string HugeMarkup = string.Concat(Enumerable.Repeat("<b>'\"&", 20_000));
    private static readonly string[] HugeValues = [Huge, HugeDigits, HugeMarkup];
    private static readonly string Megabyte = new('A', 1 << 20);
    private static readonly string ControlCharacters = new(Enumerable.Range(0, 32).Select(c => (char)c).ToArray());

    /// <summary>Values no form expects.</summary>
    private static readonly string[] HostileValues =
    [
        "abc", "1e309", "-1e309", "-2147483649", "2147483648", "9223372036854775808", "79228162514264337593543950336",
        "NaN", "Infinity", "-0", "-1", "0", "1,5", "0x10", "١٢٣", "１２３", "true", "on", "", " ", "\t",
        "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31T23:59:59.9999999", "25:61",
        "-0001-01-01", "00000000-0000-0000-0000-000000000000", "not-a-guid",
        "' OR 1=1 --", "'; DROP TABLE Customers; --", "\" OR \"\"=\"", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "{{7*7}}", "${7*7}", "../../../../etc/passwd", "%00", "%", "&", "=",
        "javascript:alert(1)", "//evil.example/", "https://evil.example/", "\\\\evil\\share",
        "\u202egnp.exe", "abc\u202edef", "👩‍👩‍👧‍👦", "🧑🏽‍🔧🚽🛁", "\uFEFF", "\u200B\u200D\u2060", "Ω≈ç√∫˜µ≤≥÷", "\uFFFD\uFFFF",
        ControlCharacters, "\u0000", "a\u0000b", "\r\n\r\n", "\u001b[31m",
    ];

    /// <summary>Invalid UTF-8: lone surrogates (U+D800, U+DFFF) as their three bytes, an overlong slash, stray bytes.</summary>
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0x61, 0xED, 0xA0, 0x80, 0x62], [0xC0, 0xAF], [0xFF, 0xFE], [0x80],
        [0xF0, 0x82, 0x82, 0xAC], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ];

    [Fact]
    public async Task Ten_thousand_hostile_posts_across_every_form_get_no_5xx_and_the_app_answers_normally_afterwards()
    {
        var stopwatch = Stopwatch.StartNew();
        var forms = await DiscoverFormsAsync();
        foreach (var form in forms)
        {
            output.WriteLine($"{form.Role} {form.Page}: POST {form.Form.Action.PathAndQuery} [{string.Join(", ", FieldNames(form.Form))}]");
        }

        Assert.True(forms.Count >= 40, $"Only {forms.Count} forms found");
        Assert.Contains(forms, f => f.Form.Action.AbsolutePath == "/Portal/Requests/New");
        Assert.Contains(forms, f => f.Form.Action.AbsolutePath.StartsWith("/Staff/Customers/Edit", StringComparison.Ordinal));

        var attacks = Generate(forms);
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(attacks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (attack, cancellation) =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, attack.Url) { Content = attack.Content() };
                using var response = await fixture.Browser(attack.Form.Role).SendAsync(request, cancellation);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    failures.Add($"{status} {attack}");
                }
                else if (attack.WithoutToken && response.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add($"{status} instead of 400 without the antiforgery token: {attack}");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add($"{exception.GetType().Name} {attack}: {exception.Message}");
            }
        });

        output.WriteLine($"{attacks.Count} posts over {forms.Count} forms in {stopwatch.Elapsed.TotalSeconds:0.0} s; answers: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(attacks.Count >= TotalPosts, $"Only {attacks.Count} posts");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(50))}");

        using var anonymous = fixture.Factory.CreateBrowser();
        using var home = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        using var manager = fixture.Factory.CreateBrowser();
        await manager.SignInAsync(Accounts.Manager);
        using var staff = await manager.GetAsync(new Uri("/Staff/Requests", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    /// <summary>The POST forms of every page, each once (the language and logout forms of the layout too), with the role that fills it.</summary>
    private async Task<List<FormTarget>> DiscoverFormsAsync()
    {
        var forms = new List<FormTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in fixture.Pages)
        {
            var role = PublicFormPages.Contains(page.Path) ? Accounts.Anonymous
                : FormOwners.FirstOrDefault(f => page.Path.StartsWith(f.Folder, StringComparison.Ordinal)).Role;
            if (role is null || !fixture.TryUrl(page, out var url))
            {
                continue;
            }

            var (response, document) = await fixture.Browser(role).GetPageAsync(url);
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    output.WriteLine($"{page.Path} as {role}: {(int)response.StatusCode}, no forms taken");
                    continue;
                }

                foreach (var form in Browser.Forms(document, response.RequestMessage!.RequestUri!).Where(f => f.Method == HttpMethod.Post))
                {
                    // Signing out, or changing the second sign-in step, would end the session the other posts use.
                    if (role != Accounts.Anonymous && form.Action.AbsolutePath.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (seen.Add($"{role} {form.Action.PathAndQuery} {string.Join(",", FieldNames(form).Order(StringComparer.Ordinal))}"))
                    {
                        forms.Add(new FormTarget(role, page.Path, form));
                    }
                }
            }
        }

        return forms;
    }

    /// <summary>The posts, generated up front from the fixed seed so a failure can be replayed.</summary>
    private static List<Attack> Generate(List<FormTarget> forms)
    {
        var random = new Random(Seed);
        var perForm = Math.Max(MinimumPerForm, (TotalPosts + forms.Count - 1) / forms.Count);
        var attacks = new List<Attack>(perForm * forms.Count);
        for (var round = 0; round < perForm; round++)
        {
            foreach (var form in forms)
            {
                attacks.Add(Mutate(form, random, bigOne: attacks.Count % 2000 == 7));
            }
        }

        return attacks;
    }

    private static Attack Mutate(FormTarget target, Random random, bool bigOne)
    {
        var form = target.Form;
        var fields = form.Fields.Where(f => f.Key != Browser.AntiforgeryField).ToList();
        var token = form.Value(Browser.AntiforgeryField) ?? string.Empty;
        var names = FieldNames(form);
        var query = HttpUtility.ParseQueryString(form.Action.Query);
        var queryNames = query.AllKeys.OfType<string>().Where(k => !string.Equals(k, "handler", StringComparison.OrdinalIgnoreCase)).ToList();
        var attack = new Attack(target, form.Action, fields, token);
        if (bigOne)
        {
            return names.Count == 0 ? attack with { Kind = "1 MB extra field", Fields = [.. fields, new("Input.Text", Megabyte)] }
                : OneField(attack, Pick(random, names), Megabyte, "1 MB");
        }

        var roll = random.Next(100);
        if (names.Count == 0 && queryNames.Count > 0 && roll < 50)
        {
            // An action button: its record id is in the query string.
            var name = Pick(random, queryNames);
            var value = Pick(random, HostileValues);
            query[name] = value;
            var url = new UriBuilder(form.Action) { Query = string.Join('&', query.AllKeys.OfType<string>().Select(k => $"{k}={Uri.EscapeDataString(query[k]!)}")) }.Uri;
            return attack with { Url = url, Kind = "query", Field = name, Value = value };
        }

        if (names.Count == 0)
        {
            names = ["Input.Text", "id", "Id"]; // nothing to replace: add what a handler might bind
        }

        return roll switch
        {
            < 45 => OneField(attack, Pick(random, names), Pick(random, HostileValues), "one field"),
            < 52 => OneField(attack, Pick(random, names), Pick(random, HugeValues), "100 KB"),
            < 60 => OneField(attack, Pick(random, names), WithControlCharacter(random, form.Value(Pick(random, names)) ?? "x"), "control character"),
            < 72 => attack with
            {
                Kind = "every field",
                Fields = [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, Pick(random, HostileValues)))],
            },
            < 80 => Duplicate(attack, Pick(random, names), random),
            < 87 => attack with
            {
                Kind = "missing fields",
                Field = string.Join(",", names.Where(_ => random.Next(2) == 0)),
                Fields = [.. fields.Where(f => random.Next(2) == 0)],
            },
            < 95 => attack with
            {
                Kind = "invalid UTF-8",
                Field = Pick(random, names),
                RawValue = Pick(random, InvalidUtf8),
                PercentEncoded = random.Next(2) == 0,
            },
            _ => attack with { Kind = "no antiforgery token", WithoutToken = true, Token = string.Empty },
        };
    }

    private static Attack OneField(Attack attack, string name, string value, string kind)
    {
        var fields = attack.Fields.Where(f => f.Key != name).ToList();
        fields.Add(new(name, value));
        return attack with { Kind = kind, Field = name, Value = value, Fields = fields };
    }

    /// <summary>A scalar sent as an array: the field two or three times, the form's value and hostile ones.</summary>
    private static Attack Duplicate(Attack attack, string name, Random random)
    {
        var fields = attack.Fields.ToList();
        var value = Pick(random, HostileValues);
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            fields.Add(new(name, value));
        }

        return attack with { Kind = "repeated key", Field = name, Value = value, Fields = fields };
    }

    private static string WithControlCharacter(Random random, string value)
    {
        var at = random.Next(value.Length + 1);
        return value[..at] + (char)random.Next(0, 32) + value[at..];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static List<string> FieldNames(HtmlForm form) =>
        form.Names.Where(n => n != Browser.AntiforgeryField).Order(StringComparer.Ordinal).ToList();

    private sealed record FormTarget(string Role, string Page, HtmlForm Form);

    /// <summary>One hostile post: the form's fields as changed, the token (or none), and what was changed, for the report.</summary>
    private sealed record Attack(FormTarget Form, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Fields, string Token)
    {
        public string Kind { get; init; } = string.Empty;

        public string Field { get; init; } = string.Empty;

        public string Value { get; init; } = string.Empty;

        public byte[]? RawValue { get; init; }

        public bool PercentEncoded { get; init; }

        public bool WithoutToken { get; init; }

        public HttpContent Content()
        {
            var fields = Fields.ToList();
            if (!WithoutToken)
            {
                fields.Insert(0, new(Browser.AntiforgeryField, Token));
            }

            if (RawValue is not null)
            {
                return Form.Form.Multipart ? RawMultipart(fields) : RawUrlEncoded(fields);
            }

            if (!Form.Form.Multipart)
            {
                return new FormUrlEncodedContent(fields);
            }

            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            return multipart;
        }

        public override string ToString()
        {
            var value = RawValue is not null ? Convert.ToHexString(RawValue) + (PercentEncoded ? " (%-encoded)" : " (raw)")
                : Value.Length > 60 ? $"{Value[..20]}… ({Value.Length.ToString(CultureInfo.InvariantCulture)} chars)"
                : Value;
            return $"{Form.Role} POST {Url.PathAndQuery} [{Kind}] {Field}={Escape(value)}";
        }

        private ByteArrayContent RawUrlEncoded(List<KeyValuePair<string, string>> fields)
        {
            var body = new List<byte>(Encoding.ASCII.GetBytes(
                string.Concat(fields.Where(f => f.Key != Field).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}&"))
                + Uri.EscapeDataString(Field) + "="));
            body.AddRange(PercentEncoded ? Encoding.ASCII.GetBytes(string.Concat(RawValue!.Select(b => $"%{b:X2}"))) : RawValue!);
            var content = new ByteArrayContent([.. body]);
            content.Headers.ContentType = new("application/x-www-form-urlencoded");
            return content;
        }

        private MultipartFormDataContent RawMultipart(List<KeyValuePair<string, string>> fields)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields.Where(f => f.Key != Field))
            {
                multipart.Add(new StringContent(value), name);
            }

            multipart.Add(new ByteArrayContent(RawValue!), Field);
            return multipart;
        }

        private static string Escape(string value) =>
            string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u202e' ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
