using BathroomAftersales.Web.Data;

namespace BathroomAftersales.UnitTests.Data;

public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task On_sqlite_a_second_writer_waits_until_the_first_leaves()
    {
        var gate = new SqliteWriteGate(new DatabaseOptions { Provider = DatabaseProvider.Sqlite });
        var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await gate.EnterAsync(CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_leaves_the_gate_to_the_next()
    {
        var gate = new SqliteWriteGate(new DatabaseOptions { Provider = DatabaseProvider.Sqlite });
        var first = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var abandoned = gate.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var next = gate.EnterAsync(CancellationToken.None).AsTask();
        first.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task On_a_database_server_writers_pass_together(DatabaseProvider provider)
    {
        var gate = new SqliteWriteGate(new DatabaseOptions { Provider = provider });
        using var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None);
        Assert.True(second.IsCompleted);
        (await second).Dispose();
    }
}
