using System.Net;
using System.Text.RegularExpressions;

using BathroomAftersales.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// Every response carries the browser-side protections: a content security policy that runs scripts from this site
/// only and forbids framing, no MIME sniffing, and a referrer cut to the origin off-site — on pages, static files,
/// error pages and redirects alike.
/// </summary>
public sealed partial class SecurityHeadersTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/js/site.js", HttpStatusCode.OK)]
    [InlineData("/Staff/Requests", HttpStatusCode.Redirect)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode expected)
    {
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>
    /// No answer names the server or the platform. The test server never adds <c>Server</c> itself (Kestrel would, see
    /// <see cref="Kestrel_is_told_not_to_send_a_server_header_in_development_and_in_production_whatever_the_configuration_says"/>);
    /// this catches a header added by the app's own pipeline.
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/js/site.js")]
    [InlineData("/Staff/Requests")]
    [InlineData("/no-such-page")]
    public async Task No_response_names_the_server_or_the_platform(string path)
    {
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var named = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is "Server" or "X-Powered-By" or "X-AspNet-Version" or "X-AspNetMvc-Version" or "X-SourceFiles")
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .ToList();
        Assert.True(named.Count == 0, $"{path}: {string.Join("; ", named)}");
    }

    /// <summary>
    /// Kestrel's <c>Server: Kestrel</c> header is switched off in code (Program.cs), after the "Kestrel" configuration
    /// section is bound: the app's options say so in Development and in Production, and a configuration value asking
    /// for the header does not bring it back.
    /// </summary>
    [Fact]
    public async Task Kestrel_is_told_not_to_send_a_server_header_in_development_and_in_production_whatever_the_configuration_says()
    {
        await using var production = new ProductionErrorPageTests.ProductionAppFactory();
        await using var configured = production.WithWebHostBuilder(b => b.UseSetting("Kestrel:AddServerHeader", "true"));

        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader, "Development");
        Assert.False(production.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader, "Production");
        Assert.False(configured.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader, "Production with Kestrel:AddServerHeader=true");
    }

    /// <summary>The policy allows no inline script, so no page may rely on one: every script is a file under wwwroot.</summary>
    [Fact]
    public void No_page_has_an_inline_script_or_an_inline_event_handler()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "BathroomAftersales.Web", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => InlineScript().IsMatch(x.line) || InlineHandler().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(pages, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Inline script blocked by the content security policy:\n" + string.Join("\n", offenders));
    }

    /// <summary>
    /// Razor encodes everything a page writes unless it is told not to; the stored XSS tests post payloads into the
    /// main free-text fields, and this keeps the rest honest: the one unencoded write is the QR code the server draws
    /// (an SVG of squares, no stored text), and no code builds HTML from strings.
    /// </summary>
    [Fact]
    public void No_page_writes_text_unencoded_except_the_qr_code_drawn_by_the_server()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "BathroomAftersales.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cshtml", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select(line => (file, line)))
            .Where(x => Unencoded().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(web, x.file).Replace(Path.DirectorySeparatorChar, '/')}: {x.line.Trim()}")
            .ToList();

        Assert.Equal(["Pages/Account/TwoFactor.cshtml: <div class=\"my-3 qr-code\">@Html.Raw(Model.QrCodeSvg)</div>"], offenders);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BathroomAftersales.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above the test binaries.");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=\s*""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"Html\.Raw\(|HtmlString\(|AppendHtml|HtmlContentBuilder|MarkupString")]
    private static partial Regex Unencoded();
}
