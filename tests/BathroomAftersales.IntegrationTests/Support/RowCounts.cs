using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>The rows a sign-up or an account form can write: compared before and after a refused attempt.</summary>
public sealed record RowCounts(int Users, int UserRoles, int Customers, int Technicians)
{
    public static Task<RowCounts> ReadAsync(AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(async db => new RowCounts(
            await db.Users.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.Customers.CountAsync(),
            await db.Technicians.CountAsync()));
    }
}
