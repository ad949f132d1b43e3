using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>我的资料: the customer's own archive record; Chinese phone formats checked, changes audited, nothing saved half-way.</summary>
public sealed class ProfileTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Profile = "/Portal/Profile";

    [Fact]
    public async Task The_profile_shows_the_customers_own_record_only()
    {
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);

        var form = await customer2.GetFormAsync(Profile, ["Input.Mobile"]);

        Assert.Equal("李娜", form.Value("Input.Name"));
        Assert.Equal(DemoData.Customer2Mobile, form.Value("Input.Mobile"));
        Assert.DoesNotContain(form.Fields, f => f.Value.Contains("张伟", StringComparison.Ordinal) || f.Value == DemoData.CustomerMobile);
    }

    [Fact]
    public async Task A_changed_landline_and_address_are_saved_and_audited_with_who_and_when()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var before = await RecordAsync();
        var lastAudit = await factory.QueryAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        using var response = await customer.SubmitFormAsync(Profile, new Dictionary<string, string?>
        {
            ["Input.Landline"] = "021-58881234",
            ["Input.Address.Street"] = "张杨路 1500 号 12 号楼 802 室",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId));
        Assert.Equal("021-58881234", saved.Landline);
        Assert.Equal("张杨路 1500 号 12 号楼 802 室", saved.Address?.Street);
        var userId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.CustomerEmail).Select(u => u.Id).SingleAsync());
        var audit = await factory.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > lastAudit && a.EntityType == nameof(Customer) && a.EntityId == customerId.ToString(CultureInfo.InvariantCulture))
            .ToListAsync());
        var landline = Assert.Single(audit, a => a.Field == nameof(Customer.Landline));
        Assert.Equal((before.Landline, "021-58881234"), (landline.OldValue, landline.NewValue));
        var street = Assert.Single(audit, a => a.Field == "Address.Street");
        Assert.Equal((before.Street, "张杨路 1500 号 12 号楼 802 室"), (street.OldValue, street.NewValue));
        Assert.All(audit, a => Assert.Equal((userId, now), (a.UserId, a.At)));
        var page = await (await customer.FollowRedirectAsync(response)).ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Your details have been saved."), page.VisibleText(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "Input.Mobile", "1380000", "Please enter a valid 11-digit mobile number, e.g. 13812345678." },
        { "Input.Mobile", "23800000001", "Please enter a valid 11-digit mobile number, e.g. 13812345678." },
        { "Input.Mobile", "138-abcd-0001", "Please enter a valid 11-digit mobile number, e.g. 13812345678." },
        { "Input.Mobile", string.Empty, "Please enter your mobile number." },
        { "Input.Landline", "12345", "Please enter the landline with its area code, e.g. 021-12345678." },
        { "Input.Landline", "021-123", "Please enter the landline with its area code, e.g. 021-12345678." },
        { "Input.Email", "not-an-email", "Please enter a valid email address." },
        { "Input.Name", string.Empty, "Please enter your name." },
        { "Input.Address.Province", new string('省', 51), "At most {0} characters." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_malformed_field_gets_a_Chinese_message_and_changes_nothing(string field, string value, string messageKey)
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var before = await RecordAsync();

        using var response = await customer.SubmitFormAsync(Profile, new Dictionary<string, string?> { [field] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = messageKey.Contains("{0}", StringComparison.Ordinal) ? factory.InChinese(messageKey, 50) : factory.InChinese(messageKey);
        Assert.Contains(expected, (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await RecordAsync());
    }

    [Fact]
    public async Task Another_customers_mobile_number_is_refused_without_saying_whose_it_is()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var before = await RecordAsync();

        using var response = await customer.SubmitFormAsync(Profile, new Dictionary<string, string?> { ["Input.Mobile"] = "138 0000 0002" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("This mobile number is already used by another account. Please contact customer service."), page.ErrorMessages());
        Assert.DoesNotContain("李娜", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(before, await RecordAsync());
    }

    [Fact]
    public async Task A_stale_profile_form_is_refused_and_changes_nothing()
    {
        using var phone = await SignedInAsync(DemoData.CustomerEmail);
        using var laptop = await SignedInAsync(DemoData.CustomerEmail);
        var old = (await phone.GetFormAsync(Profile, ["Input.Address.Street"]))
            .Fill(new Dictionary<string, string?> { ["Input.Address.Street"] = "手机上改的地址 1 号" });
        using var saved = await laptop.SubmitFormAsync(Profile, new Dictionary<string, string?> { ["Input.Landline"] = "021-33334444" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var before = await RecordAsync();

        using var response = await phone.SubmitAsync(old);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("This record was changed meanwhile. Please review and save again."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await RecordAsync());
        Assert.Equal("021-33334444", before.Landline);
    }

    /// <summary>The customer's record and how many audit entries there are: equal before and after means nothing was written.</summary>
    private Task<(string Name, string? Mobile, string? Landline, string? Email, string? Street, Guid Version, int Audits)> RecordAsync() =>
        factory.QueryAsync(async db =>
        {
            var c = await db.Customers.AsNoTracking().SingleAsync(c => c.Email == DemoData.CustomerEmail || c.Mobile == DemoData.CustomerMobile);
            return (c.Name, c.Mobile, c.Landline, c.Email, c.Address?.Street, c.Version, await db.AuditEntries.CountAsync());
        });

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }
}
