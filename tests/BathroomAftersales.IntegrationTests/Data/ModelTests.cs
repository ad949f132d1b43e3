using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// The model as the app builds it (through DI, with Identity's options) matches the last migration of every provider:
/// nobody changed an entity without adding a migration for all three.
/// </summary>
public sealed class ModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=127.0.0.1;Database=x;User Id=sa;Password=x;TrustServerCertificate=True")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=x")]
    public async Task The_model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider, string connectionString)
    {
        var logs = Path.Combine(Path.GetTempPath(), "ba-integration-tests", Guid.NewGuid().ToString("N"));
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Seed:DemoData", "false");
            // Nested Serilog keys go through app configuration: UseSetting would also create empty parent values, which
            // Serilog reads as sinks without a name.
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:WriteTo:File:Args:path"] = Path.Combine(logs, "app-.log"),
                ["Serilog:WriteTo:Console:Args:restrictedToMinimumLevel"] = "Fatal",
            }));

            // No server is running: nothing may try to reach one at startup (the data-protection key ring would,
            // through the provider's retrying execution strategy).
            builder.ConfigureTestServices(services =>
            {
                foreach (var keyRingLoader in services.Where(IsKeyRingLoader).ToList())
                {
                    services.Remove(keyRingLoader);
                }
            });
        });

        try
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

            Assert.Equal(provider, scope.ServiceProvider.GetRequiredService<DatabaseOptions>().Provider);
            Assert.NotEmpty(db.Database.GetMigrations());
            Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lag behind the model: run scripts/add-migration.sh.");
        }
        finally
        {
            if (Directory.Exists(logs))
            {
                Directory.Delete(logs, recursive: true);
            }
        }
    }

    private static bool IsKeyRingLoader(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name == "DataProtectionHostedService";
}
