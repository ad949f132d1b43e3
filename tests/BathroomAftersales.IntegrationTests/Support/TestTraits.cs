namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// Traits that scripts/test.sh filters on. Tests marked <see cref="OwnDatabase"/> choose their database themselves
/// (PostgreSQL-only tests, child-process fault checks, SQLite's own file): they run in the first pass only, not again
/// in the pass that puts every other test on PostgreSQL (BA_TEST_PROVIDER), where they would only repeat themselves
/// or have nothing to check.
/// </summary>
public static class TestTraits
{
    public const string Database = nameof(Database);

    public const string OwnDatabase = nameof(OwnDatabase);
}
