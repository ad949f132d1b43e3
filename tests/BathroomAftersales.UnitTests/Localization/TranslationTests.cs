using System.Text.RegularExpressions;
using System.Xml.Linq;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Identity;

namespace BathroomAftersales.UnitTests.Localization;

/// <summary>Chinese is the default language: every text the pages ask the localizer for must have a zh-CN translation.</summary>
public sealed partial class TranslationTests
{
    private static readonly string WebRoot = Path.Combine(RepositoryRoot(), "src", "BathroomAftersales.Web");

    [Fact]
    public void Every_literal_text_the_pages_localize_has_a_Chinese_translation()
    {
        var chinese = Load("zh-CN");
        var used = UsedKeys();

        var missing = used.Where(key => !chinese.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();

        Assert.True(used.Count > 100, $"Expected to find the localized texts of the pages, found {used.Count}.");
        Assert.True(missing.Count == 0, "Missing zh-CN translations:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_status_type_priority_category_fee_role_and_event_name_has_a_Chinese_translation()
    {
        var chinese = Load("zh-CN");
        var names = Enum.GetNames<RequestStatus>()
            .Concat(Enum.GetNames<RequestType>())
            .Concat(Enum.GetNames<RequestPriority>())
            .Concat(Enum.GetNames<RequestChannel>())
            .Concat(Enum.GetNames<ProductCategory>())
            .Concat(Enum.GetNames<FeeKind>())
            .Concat(Enum.GetNames<FeeUnit>())
            .Concat(Enum.GetNames<PreferredVisitTimes>().Where(n => n != nameof(PreferredVisitTimes.None)))
            .Concat(Roles.All)
            .Concat(Enum.GetNames<RequestEventKind>().Select(n => "Event." + n))
            .Concat(Enum.GetNames<FaultCause>())
            .Concat(Enum.GetNames<WorkReportLineKind>())
            .Concat(Enum.GetNames<InvoiceStatus>())
            .Concat(Enum.GetNames<PaymentMethod>())
            .Concat(Enum.GetNames<AgeingBucket>())
            // "Customer" is already the role: the payer and the photo stage have keys of their own.
            .Concat(Enum.GetNames<Payer>().Select(n => "Payer." + n))
            .Concat(Enum.GetNames<PhotoStage>().Select(n => "PhotoStage." + n))
            .Concat(Enum.GetNames<TrainingEventStatus>().Select(n => "TrainingStatus." + n))
            .Concat(Enum.GetNames<ContractStatus>().Select(n => "ContractStatus." + n))
            .Concat(Enum.GetNames<ComplaintCategory>())
            .Concat(Enum.GetNames<ComplaintChannel>())
            .Concat(Enum.GetNames<ComplaintStatus>())
            .Concat(Enum.GetNames<ComplaintEventKind>().Select(n => "ComplaintEvent." + n));

        var missing = names.Where(name => !chinese.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, "Missing zh-CN names:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Chinese_translations_keep_every_placeholder_of_the_English_text()
    {
        var broken = Load("zh-CN")
            .Where(pair => Placeholders(pair.Key).Except(Placeholders(pair.Value)).Any() && !pair.Key.Contains('.', StringComparison.Ordinal))
            .Select(pair => $"{pair.Key} → {pair.Value}")
            .ToList();

        Assert.True(broken.Count == 0, "Translations that lose a {n} placeholder:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void No_two_resource_keys_differ_only_in_case()
    {
        // Resource names are case-insensitive when compiled: the second of two such keys is silently dropped.
        var clashes = Load("zh-CN").Keys
            .GroupBy(key => key, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => string.Join(" / ", group))
            .ToList();

        Assert.True(clashes.Count == 0, "Keys that differ only in case:\n" + string.Join("\n", clashes));
    }

    private static HashSet<string> UsedKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in LocalizerCall().Matches(File.ReadAllText(file)))
            {
                keys.Add(match.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
            }
        }

        return keys;
    }

    private static Dictionary<string, string> Load(string culture) =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BathroomAftersales.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BathroomAftersales.sln not found above the test folder.");
    }

    // The same pattern as scripts/l10n.py: L["literal"] or localizer["literal", args].
    [GeneratedRegex(@"(?:\bL|Localizer|localizer|_localizer)\[\s*""((?:[^""\\]|\\.)*)""\s*[\],]")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
