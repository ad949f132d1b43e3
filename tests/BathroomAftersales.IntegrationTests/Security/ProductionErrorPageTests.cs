using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// In Production an unhandled exception ends in the generic, localized error page with a reference for the support
/// desk: status 500, and neither the exception's type, its message nor a stack trace in the answer.
/// </summary>
public sealed class ProductionErrorPageTests(ProductionErrorPageTests.ProductionAppFactory factory) : IClassFixture<ProductionErrorPageTests.ProductionAppFactory>
{
    private const string Secret = "connection string Password=s3cret-in-the-message";

    [Fact]
    public async Task An_exception_in_production_shows_the_generic_error_page_without_details()
    {
        using var browser = factory.CreateBrowser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ProductionAppFactory.ThrowingPath, UriKind.Relative));
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var document = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(factory.InChinese("Something went wrong"), document.VisibleText(), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("code.trace-id"));
        Assert.DoesNotContain("s3cret", html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), html, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingPath", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", document.VisibleText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_https_answers_carry_strict_transport_security()
    {
        using var browser = factory.CreateBrowser();

        // HSTS is never sent for localhost (a developer's machine): ask as the site's public name.
        using var response = await browser.GetAsync(new Uri("https://aftersales.example.com/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", hsts, StringComparison.Ordinal);
        Assert.True(int.Parse(hsts["max-age=".Length..].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture) >= 30 * 24 * 3600, hsts);
    }

    /// <summary>The app in Production, with one extra test-only path in its pipeline that throws.</summary>
    public sealed class ProductionAppFactory : EmptyAppFactory
    {
        public const string ThrowingPath = "/test-only/throws";

        protected override string EnvironmentName => "Production";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowingPathFilter>());
        }

        /// <summary>After the app's pipeline (so inside its exception handler): a request to <see cref="ThrowingPath"/> throws.</summary>
        private sealed class ThrowingPathFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use((HttpContext context, RequestDelegate rest) => context.Request.Path == ThrowingPath
                    ? throw new InvalidOperationException(Secret)
                    : rest(context));
            };
        }
    }
}
