using System.Globalization;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The "next page" cursor of lists ordered by (time, id) descending: "ticks-id" of the last row shown. Opaque to the
/// user; a cursor that does not parse is refused rather than guessed at.
/// </summary>
public static class KeysetCursor
{
    public static string Format(DateTime at, long id) => string.Create(CultureInfo.InvariantCulture, $"{at.Ticks}-{id}");

    public static bool TryParse(string? cursor, out DateTime at, out long id)
    {
        at = default;
        id = 0;
        var parts = (cursor ?? string.Empty).Split('-');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        at = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
