using System.Text.Json;
using System.Text.Json.Serialization;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>
/// Keeps the figures of settled periods in the database (<see cref="ReportSnapshot"/>), shared by every instance and
/// surviving restarts, so that only the running period is aggregated on a first view (ADR 0018).
/// </summary>
public sealed partial class ReportSnapshotStore(AppDbContext db, ILogger<ReportSnapshotStore> logger)
{
    /// <summary>
    /// Part of every key: raise it when a figures record changes shape, and snapshots of the old shape are simply not
    /// found (and computed again) rather than read wrongly.
    /// </summary>
    public const int Format = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter(), new PeriodJsonConverter() },
    };

    public static string KeyOf(string report, Period period) => $"{report}|{period}|v{Format}";

    /// <summary>The kept figures, or null when there are none (or they cannot be read any more).</summary>
    public async Task<Computed<T>?> ReadAsync<T>(string key, CancellationToken cancellationToken)
    {
        var row = await db.ReportSnapshots.AsNoTracking()
            .Where(s => s.Key == key)
            .Select(s => new { s.Figures, s.ComputedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(row.Figures, Json) is { } value ? new Computed<T>(value, row.ComputedAt) : null;
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, key, exception);
            return null;
        }
    }

    /// <summary>Keeps <paramref name="computed"/> under <paramref name="key"/>, replacing what was kept before.</summary>
    public async Task WriteAsync<T>(string key, Computed<T> computed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var figures = JsonSerializer.Serialize(computed.Value, Json);
        var row = await db.ReportSnapshots.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            db.ReportSnapshots.Add(new ReportSnapshot { Key = key, Figures = figures, ComputedAt = computed.ComputedAtUtc });
        }
        else
        {
            row.Figures = figures;
            row.ComputedAt = computed.ComputedAtUtc;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another instance kept the same period's figures first: theirs are as good as ours.
            LogConflict(logger, key, exception);
        }
    }

    /// <summary>Forgets every report's figures of <paramref name="period"/>, so the next view computes them afresh.</summary>
    public Task<int> ForgetAsync(Period period, CancellationToken cancellationToken)
    {
        var infix = $"|{period}|";
        return db.ReportSnapshots.Where(s => s.Key.Contains(infix)).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept report figures {Key} could not be read; computing them again")]
    private static partial void LogUnreadable(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report figures {Key} were kept by another instance at the same time")]
    private static partial void LogConflict(ILogger logger, string key, Exception exception);

    private sealed class PeriodJsonConverter : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Period.TryParse(reader.GetString(), out var period) is PeriodError.None
                ? period
                : throw new JsonException($"Not a period: {reader.GetString()}");

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString());
        }
    }
}
