using BathroomAftersales.Web.Data;
using Npgsql;

namespace BathroomAftersales.UnitTests.Data;

public sealed class PostgresDefaultsTests
{
    [Fact]
    public void A_connection_string_without_the_option_prepares_the_busiest_statements()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Database=ba;Username=app;Password=secret"));

        Assert.Equal(DatabaseSetup.PostgresMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal("db", result.Host);
        Assert.Equal("secret", result.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;maxautoprepare=20", 20)]
    public void A_value_the_operator_chose_is_kept(string connectionString, int expected)
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults(connectionString));

        Assert.Equal(expected, result.MaxAutoPrepare);
    }
}
