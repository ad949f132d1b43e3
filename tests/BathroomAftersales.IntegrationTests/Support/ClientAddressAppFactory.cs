using System.Net;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// The app with small rate limits (<see cref="PermitLimit"/> POSTs per form and client, in a window longer than any test
/// run) and a client address per browser: the test server has no network, so each browser names its address in a header
/// that only this factory reads.
/// </summary>
public sealed class ClientAddressAppFactory : AppFactory
{
    public const int PermitLimit = 3;

    private const string AddressHeader = "X-Test-Client-Address";

    /// <summary>A browser that the app sees as coming from <paramref name="address"/>.</summary>
    public HttpClient CreateBrowser(string address)
    {
        var browser = CreateBrowser();
        browser.DefaultRequestHeaders.Add(AddressHeader, address);
        return browser;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var policy in RateLimits.Defaults.Keys)
        {
            builder.UseSetting($"{RateLimits.SectionName}:{policy}:PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting($"{RateLimits.SectionName}:{policy}:WindowSeconds", "3600");
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
