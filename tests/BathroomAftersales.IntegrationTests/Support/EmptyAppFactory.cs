using Microsoft.AspNetCore.Hosting;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>The app without the demo data: for tests whose expected numbers are computed by hand from their own rows.</summary>
public class EmptyAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:DemoData", "false");
    }
}
