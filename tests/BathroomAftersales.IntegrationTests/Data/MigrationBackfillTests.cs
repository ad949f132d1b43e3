using BathroomAftersales.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// Migrations that fill a new column from existing rows, run down and up again on a database with the demo data: an
/// upgraded installation's old records get the value a new record would have.
/// </summary>
public sealed class MigrationBackfillTests
{
    [Fact]
    public async Task Requests_already_recorded_get_their_products_model_when_the_column_is_added()
    {
        await using var factory = new AppFactory();
        await using var scope = factory.OpenDb();
        var migrator = scope.Db.GetService<IMigrator>();

        await migrator.MigrateAsync("ReportSnapshots");
        await migrator.MigrateAsync();

        var requests = await scope.Db.ServiceRequests.AsNoTracking()
            .Select(r => new
            {
                r.Number,
                r.ProductModelId,
                ProductsModel = scope.Db.CustomerProducts.Where(p => p.Id == r.CustomerProductId).Select(p => (int?)p.ProductModelId).FirstOrDefault(),
            })
            .ToListAsync();
        Assert.Contains(requests, r => r.ProductsModel is not null);
        Assert.All(requests, r => Assert.True(r.ProductModelId == r.ProductsModel, $"{r.Number}: model {r.ProductModelId}, its product's {r.ProductsModel}"));
    }
}
