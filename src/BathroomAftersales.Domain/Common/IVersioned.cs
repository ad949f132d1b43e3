namespace BathroomAftersales.Domain.Common;

/// <summary>
/// An entity edited by several people at once. <see cref="Version"/> is the optimistic concurrency token:
/// the data layer replaces it on every save, so a save based on a stale copy is refused instead of overwriting.
/// A Guid rather than rowversion keeps the model portable across SQLite, SQL Server and PostgreSQL.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
