using System.Globalization;

namespace BathroomAftersales.Web.Infrastructure.Billing;

/// <summary>How money reads on every page and printout: ¥1,234.50 (yuan, thousands separated, always two places).</summary>
public static class MoneyText
{
    public static string Yuan(decimal amount) =>
        (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
