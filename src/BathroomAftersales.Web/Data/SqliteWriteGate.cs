namespace BathroomAftersales.Web.Data;

/// <summary>
/// The request form's writes taken one at a time inside this process when the database is SQLite (ADR 0022). SQLite lets
/// one writer in at a time anyway; a writer that finds the file locked waits inside SQLite, blocking its thread and
/// sleeping in steps that grow to 100 ms, so under a burst of submissions the lock stood free while the next writer
/// slept and the waiting threads starved the pool the writer holding the lock needed to finish. Waiting here is
/// asynchronous and the next writer goes in as soon as the last one leaves. SQLite serves one instance, so one process
/// gate is enough; on SQL Server and PostgreSQL the gate is open and the server orders the writers.
/// </summary>
public sealed class SqliteWriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? _gate = options.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for the gate; disposing the result leaves it. A no-op unless the database is SQLite.</summary>
    public async ValueTask<Passage> EnterAsync(CancellationToken cancellationToken)
    {
        if (_gate is null)
        {
            return default;
        }

        await _gate.WaitAsync(cancellationToken);
        return new Passage(_gate);
    }

    public readonly struct Passage(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
