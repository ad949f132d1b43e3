using System.Globalization;
using System.Security.Claims;
using BathroomAftersales.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BathroomAftersales.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> per changed field of every <see cref="IAudited"/> entity, in the same save as the
/// change itself: an edit without its audit row cannot be committed.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor httpContext, TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Audit(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Audit(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Audit(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var user = httpContext.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user?.Identity?.Name;
        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.Entity is IAudited))
        {
            var type = entry.Metadata.ClrType.Name;
            switch (entry.State)
            {
                case EntityState.Modified:
                    var id = KeyOf(entry);
                    foreach (var property in entry.Properties.Where(p => p.IsModified && !p.Metadata.IsConcurrencyToken))
                    {
                        Add(entries, type, id, property.Metadata.Name, property.OriginalValue, property.CurrentValue, userId, userName, now);
                    }

                    foreach (var complex in entry.ComplexProperties)
                    {
                        foreach (var property in complex.Properties.Where(p => p.IsModified))
                        {
                            Add(entries, type, id, $"{complex.Metadata.Name}.{property.Metadata.Name}", property.OriginalValue, property.CurrentValue, userId, userName, now);
                        }
                    }

                    break;
                case EntityState.Deleted:
                    entries.Add(new AuditEntry(type, KeyOf(entry), "(deleted)", null, null, userId, userName, now));
                    break;
                default:
                    // An added record's key is not known before the insert; its creation is on the record itself.
                    break;
            }
        }

        context.AddRange(entries);
    }

    private static void Add(List<AuditEntry> entries, string type, string id, string field, object? oldValue, object? newValue, string? userId, string? userName, DateTime now)
    {
        var before = Format(oldValue);
        var after = Format(newValue);
        if (before != after && field != "UpdatedAt")
        {
            entries.Add(new AuditEntry(type, id, field, before, after, userId, userName, now));
        }
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
