using Serilog;

namespace BathroomAftersales.Web.Infrastructure;

public static class Logging
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section: console and a daily rolling file by default. The static
    /// Log.Logger is left alone, so each host (several run in one test process) logs through its own logger.
    /// </summary>
    public static void AddAppLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("ContentRoot", contentRoot),
            preserveStaticLogger: true);
    }
}
