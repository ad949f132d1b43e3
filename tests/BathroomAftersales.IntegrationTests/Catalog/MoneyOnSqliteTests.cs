using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Catalog;

/// <summary>
/// SQLite has no decimal type and EF Core stores money as TEXT, where "9.5" sorts after "10". These queries must still
/// compare, order and sum numerically, in SQL (ADR 0014).
/// </summary>
public sealed class MoneyOnSqliteTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly DateOnly From = new(2020, 1, 1);

    [Fact]
    public async Task Prices_order_filter_and_sum_as_numbers_in_sql_on_sqlite()
    {
        await using (var scope = factory.OpenDb())
        {
            scope.Db.Parts.AddRange(
                new Part("MONEY-A", "测试零件 A", [ProductCategory.Other], 9.5m, From),
                new Part("MONEY-B", "测试零件 B", [ProductCategory.Other], 10m, From),
                new Part("MONEY-C", "测试零件 C", [ProductCategory.Other], 100.25m, From),
                new Part("MONEY-D", "测试零件 D", [ProductCategory.Other], 2.75m, From));
            await scope.Db.SaveChangesAsync();
        }

        var prices = await factory.QueryAsync(db => db.Parts.Where(p => p.Sku.StartsWith("MONEY-"))
            .SelectMany(p => p.Prices)
            .OrderBy(p => p.UnitPrice)
            .Select(p => p.UnitPrice)
            .ToListAsync());
        var atLeastTen = await factory.QueryAsync(db => db.PartPrices
            .Where(p => db.Parts.Any(part => part.Id == p.PartId && part.Sku.StartsWith("MONEY-")) && p.UnitPrice >= 10m)
            .CountAsync());
        var sum = await factory.QueryAsync(db => db.PartPrices
            .Where(p => db.Parts.Any(part => part.Id == p.PartId && part.Sku.StartsWith("MONEY-")))
            .SumAsync(p => p.UnitPrice));
        var mostExpensive = await factory.QueryAsync(db => db.Parts
            .Where(p => p.Sku.StartsWith("MONEY-"))
            .OrderByDescending(p => p.Prices.Max(x => x.UnitPrice))
            .Select(p => p.Sku)
            .FirstAsync());

        Assert.Equal([2.75m, 9.5m, 10m, 100.25m], prices);
        Assert.Equal(2, atLeastTen);
        Assert.Equal(122.5m, sum);
        Assert.Equal("MONEY-C", mostExpensive);
    }

    [Fact]
    public async Task The_fee_in_force_on_a_day_is_found_in_the_database()
    {
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

        var fee = await factory.QueryAsync(db => db.FeeScheduleEntries.PriceOnAsync(FeeKind.OnSiteFee, today));

        Assert.NotNull(fee);
        Assert.Equal(80m, fee.Amount);
        Assert.Null(await factory.QueryAsync(db => db.FeeScheduleEntries.PriceOnAsync(FeeKind.OnSiteFee, new DateOnly(2000, 1, 1))));
    }
}
