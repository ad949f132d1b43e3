using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// The main create and edit forms of customers, the desk and the administrators, sent twice: once as the form is, once
/// with extra fields naming what the user must not set (owner, status, number, id, role, rating, priority, account
/// link…). The record the second post stores has the same protected properties as the first: the extra fields change
/// nothing. Each form is found on its page and filled like a browser would, so a field the form really has is never
/// counted as an extra.
/// </summary>
public sealed class OverpostingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Password = "Long-Enough-2026";

    /// <summary>
    /// A form: who fills it, where, its fields for a marker text, the protected properties of the record carrying that
    /// marker, and extras of its own besides <see cref="Extras"/>.
    /// </summary>
    private sealed record OverpostForm(
        DemoAccount Account,
        Func<AppFactory, Task<string>> Page,
        Func<AppFactory, string, Dictionary<string, string?>> Fields,
        Func<AppFactory, string, Task<string>> Protected,
        IReadOnlyDictionary<string, string>? MoreExtras = null);

    private static readonly Dictionary<string, OverpostForm> Forms = new()
    {
        ["Portal/Requests/New"] = new(
            Accounts.Customer,
            _ => Task.FromResult("/Portal/Requests/New"),
            (_, marker) => new() { ["Input.Description"] = marker },
            RequestAsync),
        ["Portal/Profile"] = new(
            Accounts.Customer,
            _ => Task.FromResult("/Portal/Profile"),
            (_, marker) => new() { ["Input.Name"] = marker },
            (f, marker) => CustomerAsync(f, marker, byNotes: false)),
        ["Portal/Complaints/New"] = new(
            Accounts.Customer,
            _ => Task.FromResult("/Portal/Complaints/New"),
            (_, marker) => new() { ["Input.Category"] = nameof(ComplaintCategory.Timeliness), ["Input.Description"] = marker },
            ComplaintAsync),
        ["Portal/Products/Register"] = new(
            Accounts.Customer,
            async f => "/Portal/Products/Register?modelId="
                + Invariant(await f.QueryAsync(db => db.ProductModels.Where(m => !m.Discontinued).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync())),
            (f, marker) => new()
            {
                ["Input.SerialNumber"] = marker,
                ["Input.PurchaseDate"] = f.Services.GetRequiredService<LocalClock>().Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            async (f, marker) =>
            {
                var serial = marker.ToUpperInvariant(); // stored as typed, in capitals
                return (await f.QueryAsync(db => db.CustomerProducts.Where(p => p.SerialNumber == serial)
                    .Select(p => new { p.CustomerId, p.WarrantyEndsOn, p.ProofOfPurchasePath })
                    .SingleAsync())).ToString()!;
            }),
        ["Staff/Requests/New"] = new(
            Accounts.Agent,
            async f => "/Staff/Requests/New?customerId=" + Invariant(await f.CustomerIdAsync(DemoData.Customer2Email)),
            (_, marker) => new() { ["Input.Description"] = marker },
            RequestAsync),
        ["Staff/Complaints/New"] = new(
            Accounts.Agent,
            async f => "/Staff/Complaints/New?customerId=" + Invariant(await f.CustomerIdAsync(DemoData.Customer2Email)),
            (_, marker) => new()
            {
                ["Input.Channel"] = nameof(ComplaintChannel.Phone),
                ["Input.Category"] = nameof(ComplaintCategory.StaffAttitude),
                ["Input.Description"] = marker,
            },
            ComplaintAsync),
        ["Staff/Customers/Edit"] = new(
            Accounts.Agent,
            async f => "/Staff/Customers/Edit/" + Invariant(await f.CustomerIdAsync(DemoData.Customer2Email)),
            (_, marker) => new() { ["Input.Notes"] = marker },
            (f, marker) => CustomerAsync(f, marker, byNotes: true)),
        ["Staff/Training/Edit"] = new(
            Accounts.Agent,
            _ => Task.FromResult("/Staff/Training/Edit"),
            (f, marker) =>
            {
                var clock = f.Services.GetRequiredService<LocalClock>();
                var start = f.Time.GetUtcNow().UtcDateTime.AddDays(5);
                return new()
                {
                    ["Input.Topic"] = marker,
                    ["Input.StartsAt"] = LocalInput(clock, start),
                    ["Input.EndsAt"] = LocalInput(clock, start.AddHours(2)),
                    ["Input.Place"] = "展示中心",
                    ["Input.Capacity"] = "10",
                };
            },
            async (f, marker) => (await f.QueryAsync(db => db.TrainingEvents.Where(e => e.Topic == marker)
                .Select(e => new { e.Status, e.Capacity, Registrations = e.Registrations.Count })
                .SingleAsync())).ToString()!),
        ["Staff/Settings/Complaints"] = new(
            Accounts.Manager,
            _ => Task.FromResult("/Staff/Settings/Complaints"),
            (_, marker) => new() { ["Input.AcknowledgeHours"] = IsPlain(marker) ? "24" : "30" },
            (f, _) => f.QueryAsync(async db => (await db.ComplaintSettings.Select(c => new { c.Id, c.UpdatedBy }).SingleAsync()).ToString()!)),
        ["Staff/Settings/ServiceLevels"] = new(
            Accounts.Manager,
            _ => Task.FromResult("/Staff/Settings/ServiceLevels"),
            (_, marker) => new() { ["Input.ResponseHours"] = IsPlain(marker) ? "24" : "20" },
            (f, _) => f.QueryAsync(async db => (await db.ServiceLevelSettings.Select(c => new { c.Id, c.UpdatedBy }).SingleAsync()).ToString()!)),
        ["Admin/Technicians/Edit"] = new(
            Accounts.Admin,
            async f => "/Admin/Technicians/Edit/" + Invariant(await f.QueryAsync(db => db.Technicians.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync())),
            (_, marker) => new() { ["Input.Name"] = marker },
            async (f, marker) => (await f.QueryAsync(db => db.Technicians.Where(t => t.Name == marker)
                .Select(t => new { t.Id, t.UserId, t.Active })
                .SingleAsync())).ToString()!),
        ["Admin/Users/Edit"] = new(
            Accounts.Admin,
            async f =>
            {
                var technician = await f.CreateTechnicianAsync(PasswordResetTarget);
                return "/Admin/Users/Edit/" + await f.QueryAsync(db => db.Technicians.Where(t => t.Id == technician).Select(t => t.UserId).SingleAsync());
            },
            (_, marker) => new() { ["Input.NewPassword"] = IsPlain(marker) ? "Harbour-Kettle-Lantern-7" : "Meadow-Violin-Cobble-9" },
            (f, _) => f.QueryAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.DisplayName == PasswordResetTarget);
                var roles = await db.UserRoles.Where(r => r.UserId == user.Id)
                    .Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name).ToListAsync();
                var technicianActive = await db.Technicians.Where(t => t.UserId == user.Id).Select(t => t.Active).SingleAsync();
                return $"roles {string.Join(",", roles.Order(StringComparer.Ordinal))}, active {user.IsActive}, technician active {technicianActive}, "
                    + $"email {user.Email}, name {user.UserName}, confirmed {user.EmailConfirmed}, lockout {user.LockoutEnabled}, two-factor {user.TwoFactorEnabled}";
            })),
        ["Admin/Users/Create"] = new(
            Accounts.Admin,
            _ => Task.FromResult("/Admin/Users/Create"),
            (_, marker) => new()
            {
                ["Input.DisplayName"] = marker,
                ["Input.Email"] = $"overpost.{marker.GetHashCode(StringComparison.Ordinal):x8}@example.com",
                ["Input.Password"] = Password,
            },
            (f, marker) => f.QueryAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.DisplayName == marker);
                var roles = await db.UserRoles.Where(r => r.UserId == user.Id)
                    .Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name).ToListAsync();
                return $"roles {string.Join(",", roles.Order(StringComparer.Ordinal))}, active {user.IsActive}, confirmed {user.EmailConfirmed}, "
                    + $"lockout {user.LockoutEnabled}, two-factor {user.TwoFactorEnabled}, id injected {user.Id == Injected}";
            })),
        ["Admin/Catalog/Models/Edit (new)"] = new(
            Accounts.Admin,
            _ => Task.FromResult("/Admin/Catalog/Models/Edit"),
            (_, marker) => new() { ["Input.Sku"] = SkuFor(marker), ["Input.Name"] = marker },
            async (f, marker) =>
            {
                var sku = SkuFor(marker);
                return (await f.QueryAsync(db => db.ProductModels.Where(m => m.Name == marker)
                    .Select(m => new { SkuAsTyped = m.Sku == sku, m.Category, m.WarrantyMonths, m.Discontinued })
                    .SingleAsync())).ToString()!;
            },
            CatalogExtras),
        ["Admin/Catalog/Models/Edit"] = new(
            Accounts.Admin,
            async f => "/Admin/Catalog/Models/Edit/" + Invariant(await AddAsync(f, new ProductModel(SkuFor(Guid.NewGuid().ToString()), "越权测试型号", ProductCategory.Basin, 24))),
            (_, marker) => new() { ["Input.Name"] = marker },
            async (f, marker) => (await f.QueryAsync(db => db.ProductModels.Where(m => m.Name == marker)
                .Select(m => new { m.Id, m.Sku, m.Category, m.WarrantyMonths, m.Discontinued })
                .SingleAsync())).ToString()!,
            CatalogExtras),
        ["Admin/Catalog/Parts/Edit (new)"] = new(
            Accounts.Admin,
            _ => Task.FromResult("/Admin/Catalog/Parts/Edit"),
            (_, marker) => new()
            {
                ["Input.Sku"] = SkuFor(marker),
                ["Input.Name"] = marker,
                ["Input.Fits"] = nameof(ProductCategory.Toilet),
                ["Input.UnitPrice"] = "35.00",
            },
            (f, marker) => PartAsync(f, marker, skuAsTyped: true),
            CatalogExtras),
        ["Admin/Catalog/Parts/Edit"] = new(
            Accounts.Admin,
            async f => "/Admin/Catalog/Parts/Edit/" + Invariant(await AddAsync(
                f, new Part(SkuFor(Guid.NewGuid().ToString()), "越权测试配件", [ProductCategory.Faucet], 48m, f.Services.GetRequiredService<LocalClock>().Today))),
            (_, marker) => new() { ["Input.Name"] = marker },
            (f, marker) => PartAsync(f, marker, skuAsTyped: false),
            CatalogExtras),
        ["Admin/Catalog/Fees"] = new(
            Accounts.Admin,
            _ => Task.FromResult("/Admin/Catalog/Fees"),
            (f, marker) => new()
            {
                ["Input.Kind"] = nameof(FeeKind.MaintenanceFee),
                ["Input.Unit"] = nameof(FeeUnit.PerHour),
                ["Input.Amount"] = "120.00",
                ["Input.EffectiveFrom"] = FeeDayFor(f, marker).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            async (f, marker) =>
            {
                var day = FeeDayFor(f, marker);
                return (await f.QueryAsync(db => db.FeeScheduleEntries.Where(e => e.Kind == FeeKind.MaintenanceFee && e.EffectiveFrom == day)
                    .Select(e => new { e.Unit, e.Amount })
                    .SingleAsync())).ToString()!;
            },
            CatalogExtras),
    };

    /// <summary>The display name of the technician account whose password the admin's edit page resets.</summary>
    private const string PasswordResetTarget = "越权测试师傅";

    /// <summary>A value for every extra field that is not a number: what an attacker would want stored.</summary>
    private const string Injected = "overposted";

    /// <summary>The fields no form may let its user set; each is sent unless the form really has a field of that name.</summary>
    private static Dictionary<string, string> Extras(int otherCustomerId)
    {
        var other = Invariant(otherCustomerId);
        return new Dictionary<string, string>
        {
            ["Input.CustomerId"] = other,
            ["CustomerId"] = other,
            ["Input.Status"] = "Closed",
            ["Status"] = "Closed",
            ["Input.Id"] = "1",
            ["Id"] = other,
            ["IsActive"] = "false",
            ["Input.IsActive"] = "false",
            ["Role"] = "Admin",
            ["Input.Role"] = "Admin",
            ["Input.Roles"] = "Admin",
            ["Version"] = Guid.Empty.ToString(),
            ["Input.Version"] = Guid.Empty.ToString(),
            ["UserId"] = Injected,
            ["Input.UserId"] = Injected,
            ["Number"] = "HACK-0001",
            ["Input.Number"] = "HACK-0001",
            ["Rating"] = "1",
            ["Input.Rating"] = "1",
            ["Priority"] = "Urgent",
            ["Input.Priority"] = "Urgent",
            ["Input.Channel"] = "OnSite",
            ["Input.Kind"] = "Company",
            ["Input.Notes"] = Injected,
            ["ArchiveProblems"] = "0",
            ["Input.ArchiveProblems"] = "0",
            ["Input.TechnicianId"] = "1",
            ["TechnicianId"] = "1",
            ["Input.OwnerUserId"] = Injected,
            ["Input.MergedIntoId"] = other,
            ["Input.EmailConfirmed"] = "false",
            ["Input.LockoutEnabled"] = "false",
            ["Input.TwoFactorEnabled"] = "true",
            ["Input.SecurityStamp"] = Injected,
            ["Input.PasswordHash"] = Injected,
            ["Registrations[0].CustomerId"] = other,
            ["UpdatedBy"] = Injected,
            ["Input.UpdatedBy"] = Injected,
            ["Input.WarrantyEndsOn"] = "2099-12-31",
            ["Input.ProofOfPurchasePath"] = Injected,
            ["Input.Active"] = "false",
            ["Input.DisplayName"] = Injected,
            ["Input.Email"] = "overposted@example.com",
            ["Input.UserName"] = Injected,
        };
    }

    /// <summary>
    /// The catalogue forms' own extras: a new SKU for a record that has one already, the handler's own calendar day and
    /// create flag, a price history, and the usual bookkeeping columns.
    /// </summary>
    private static readonly Dictionary<string, string> CatalogExtras = new()
    {
        ["Input.Sku"] = "HACKED-SKU",
        ["Sku"] = "HACKED-SKU",
        ["Input.Creating"] = "true",
        ["Input.Today"] = "2000-01-01",
        ["Input.PriceEffectiveFrom"] = "2000-01-01",
        ["Input.Prices[0].UnitPrice"] = "0.01",
        ["Input.Prices[0].EffectiveFrom"] = "2000-01-01",
        ["Prices[0].UnitPrice"] = "0.01",
        ["Input.Discontinued"] = "true",
        ["Input.Fits"] = nameof(ProductCategory.Other),
        ["Input.InForce"] = "false",
        ["Input.CreatedAt"] = "2000-01-01",
        ["Input.IsDeleted"] = "true",
        ["IsDeleted"] = "true",
    };

    public static TheoryData<string> FormNames => new(Forms.Keys);

    [Theory]
    [MemberData(nameof(FormNames))]
    public async Task Extra_fields_naming_protected_properties_change_nothing_the_form_alone_would_not(string name)
    {
        var overpost = Forms[name];
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(overpost.Account);
        var url = await overpost.Page(factory);
        var otherCustomerId = await factory.CustomerIdAsync(overpost.Account == Accounts.Customer ? DemoData.Customer2Email : DemoData.CustomerEmail);
        var plain = Marker(name, "甲");
        var attacked = Marker(name, "乙");

        // An edit form's second post overwrites the first one's marker: each record is read right after its post.
        var (plainSent, _) = await SubmitAsync(browser, url, overpost.Fields(factory, plain), []);
        Assert.True(plainSent.StatusCode == HttpStatusCode.Redirect, $"{name} without extras answered {(int)plainSent.StatusCode}");
        var expected = await overpost.Protected(factory, plain);
        var allExtras = Extras(otherCustomerId);
        foreach (var (field, value) in overpost.MoreExtras ?? new Dictionary<string, string>())
        {
            allExtras[field] = value;
        }

        var (attackedSent, extras) = await SubmitAsync(browser, url, overpost.Fields(factory, attacked), allExtras);
        Assert.True(attackedSent.StatusCode == HttpStatusCode.Redirect, $"{name} with extras answered {(int)attackedSent.StatusCode}");
        var actual = await overpost.Protected(factory, attacked);

        Assert.True(extras >= 20, $"{name}: only {extras} extra fields sent");
        Assert.Equal(expected, actual);
        plainSent.Dispose();
        attackedSent.Dispose();
    }

    /// <summary>
    /// The URL decides the record: the desk's edit form of customer A posted with a field naming customer B's id edits A,
    /// and B is untouched (the route value binds the handler's id, not the form field; <c>RouteValuesBindFromRoute</c>).
    /// </summary>
    [Theory]
    [InlineData("Id")]
    [InlineData("id")]
    public async Task A_form_field_id_does_not_turn_the_desks_edit_of_one_customer_into_an_edit_of_another(string field)
    {
        var a = await factory.CustomerIdAsync(DemoData.Customer2Email);
        var b = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var bBefore = await CustomerRowAsync(factory, b);
        var marker = Marker("Staff/Customers/Edit", "丙");
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Agent);

        var (sent, _) = await SubmitAsync(browser, "/Staff/Customers/Edit/" + Invariant(a), new() { ["Input.Notes"] = marker }, [new(field, Invariant(b))]);
        using (sent)
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal("/Staff/Customers/Details/" + Invariant(a), sent.RedirectTarget());
        }

        Assert.Equal(marker, await factory.QueryAsync(db => db.Customers.Where(c => c.Id == a).Select(c => c.Notes).SingleAsync()));
        Assert.Equal(bBefore, await CustomerRowAsync(factory, b));
    }

    /// <summary>
    /// The same for a customer: the cancel form of their request A posted with a field naming their request B cancels A,
    /// and B stays as it was.
    /// </summary>
    [Theory]
    [InlineData("Id")]
    [InlineData("id")]
    public async Task A_form_field_id_does_not_turn_a_customers_cancellation_of_one_request_into_one_of_another(string field)
    {
        var a = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        var b = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        var bBefore = await factory.SnapshotAsync(b);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Customer);

        var (sent, _) = await SubmitAsync(
            browser, "/Portal/Requests/Details/" + Invariant(a), new() { ["Input.Reason"] = "已经自己修好了" }, [new(field, Invariant(b))], "handler=Cancel");
        using (sent)
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        Assert.Equal(RequestStatus.Cancelled, (await factory.SnapshotAsync(a)).Status);
        Assert.Equal(bBefore, await factory.SnapshotAsync(b));
    }

    /// <summary>
    /// The calendar day is the handler's, not the form's: a fee or a part price from yesterday is refused even when the
    /// post carries a field naming an earlier "today" (a [BindNever] property of both input models).
    /// </summary>
    [Theory]
    [InlineData("fee")]
    [InlineData("part")]
    public async Task A_today_field_in_the_post_does_not_let_a_catalogue_price_start_in_the_past(string which)
    {
        var today = factory.Services.GetRequiredService<LocalClock>().Today;
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Admin);
        string url;
        Dictionary<string, string?> fields;
        Func<Task<string>> stored;
        if (which == "fee")
        {
            url = "/Admin/Catalog/Fees";
            fields = new()
            {
                ["Input.Kind"] = nameof(FeeKind.RepairLabourFee),
                ["Input.Unit"] = nameof(FeeUnit.Flat),
                ["Input.Amount"] = "99.00",
                ["Input.EffectiveFrom"] = yesterday,
            };
            stored = async () => string.Join(";", await factory.QueryAsync(db => db.FeeScheduleEntries.AsNoTracking()
                .Where(e => e.Kind == FeeKind.RepairLabourFee).OrderBy(e => e.Id).Select(e => new { e.Id, e.EffectiveFrom, e.Unit, e.Amount }).ToListAsync()));
        }
        else
        {
            var part = await AddAsync(factory, new Part(SkuFor(Guid.NewGuid().ToString()), "越权测试配件价格", [ProductCategory.Shower], 20m, today.AddDays(-30)));
            url = "/Admin/Catalog/Parts/Edit/" + Invariant(part);
            fields = new() { ["Input.UnitPrice"] = "0.01", ["Input.PriceEffectiveFrom"] = yesterday };
            stored = () => PartAsync(factory, part);
        }

        var before = await stored();
        var (sent, extras) = await SubmitAsync(browser, url, fields, [new("Input.Today", "2000-01-01")]);
        using (sent)
        {
            Assert.Equal(1, extras);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.NotEmpty((await sent.ReadDocumentAsync()).ErrorMessages());
        }

        Assert.Equal(before, await stored());
    }

    /// <summary>GETs the page, fills its form like a browser and adds the extras the form does not have; returns the answer and how many extras went.</summary>
    private static async Task<(HttpResponseMessage Response, int Extras)> SubmitAsync(
        HttpClient browser, string url, Dictionary<string, string?> fields, IEnumerable<KeyValuePair<string, string>> extras, string? formAction = null)
    {
        var (opened, document) = await browser.GetPageAsync(url);
        using (opened)
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var form = Browser.FindForm(document, opened.RequestMessage!.RequestUri!, fields.Keys, formAction).Fill(fields);
            var added = extras.Where(e => !form.HasField(e.Key)).ToList();
            return (await browser.SubmitAsync(form with { Fields = [.. form.Fields, .. added] }), added.Count);
        }
    }

    /// <summary>Whether the marker is the one of the post without extras (the forms without free text send other values in each post).</summary>
    private static bool IsPlain(string marker) => marker.StartsWith("越权测试甲", StringComparison.Ordinal);

    private static string Marker(string form, string which) =>
        $"越权测试{which}：{form} 浴室柜门铰链松了 {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<string> RequestAsync(AppFactory factory, string marker) =>
        (await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Description == marker)
            .Select(r => new
            {
                r.CustomerId,
                r.Status,
                r.Priority,
                r.Channel,
                r.TechnicianId,
                r.Rating,
                r.DuplicateOfId,
                NumberInjected = r.Number == "HACK-0001",
            })
            .SingleAsync())).ToString()!;

    private static async Task<string> ComplaintAsync(AppFactory factory, string marker) =>
        (await factory.QueryAsync(db => db.Complaints.Where(c => c.Description == marker)
            .Select(c => new { c.CustomerId, c.Status, c.Channel, c.OwnerUserId, NumberInjected = c.Number == "HACK-0001" })
            .SingleAsync())).ToString()!;

    /// <summary>The customer whose name (portal profile) or notes (desk edit) is the marker; the other of the two is protected.</summary>
    private static async Task<string> CustomerAsync(AppFactory factory, string marker, bool byNotes) =>
        (await factory.QueryAsync(db => db.Customers.Where(c => byNotes ? c.Notes == marker : c.Name == marker)
            .Select(c => new { c.Id, c.UserId, c.Kind, Notes = byNotes ? null : c.Notes, c.MergedIntoId, c.ArchiveProblems })
            .SingleAsync())).ToString()!;

    /// <summary>Everything the desk's edit form can change on a customer.</summary>
    private static async Task<string> CustomerRowAsync(AppFactory factory, int id) =>
        (await factory.QueryAsync(db => db.Customers.Where(c => c.Id == id)
            .Select(c => new { c.Name, c.Kind, c.Mobile, c.Landline, c.Email, c.Address!.Street, c.Notes, c.Version })
            .SingleAsync())).ToString()!;

    /// <summary>A SKU made from a marker (or any text): stable within the run, valid, in capitals as stored.</summary>
    private static string SkuFor(string text) => "OP-" + text.GetHashCode(StringComparison.Ordinal).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>A future day of its own for each marker's fee: a fee has one price per day.</summary>
    private static DateOnly FeeDayFor(AppFactory factory, string marker) =>
        factory.Services.GetRequiredService<LocalClock>().Today.AddDays(30 + (int)((uint)marker.GetHashCode(StringComparison.Ordinal) % 20_000));

    /// <summary>Stores a catalogue record for an edit form; its id.</summary>
    private static async Task<int> AddAsync(AppFactory factory, ProductModel model)
    {
        await using var scope = factory.OpenDb();
        scope.Db.ProductModels.Add(model);
        await scope.Db.SaveChangesAsync();
        return model.Id;
    }

    private static async Task<int> AddAsync(AppFactory factory, Part part)
    {
        await using var scope = factory.OpenDb();
        scope.Db.Parts.Add(part);
        await scope.Db.SaveChangesAsync();
        return part.Id;
    }

    /// <summary>The part named by the marker: its id (or whether its SKU is the one typed), SKU, fits, state and whole price history.</summary>
    private static async Task<string> PartAsync(AppFactory factory, string marker, bool skuAsTyped)
    {
        var part = await factory.QueryAsync(db => db.Parts.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Name == marker));
        return Describe(part, skuAsTyped ? $"sku as typed {part.Sku == SkuFor(marker)}" : $"id {part.Id}, sku {part.Sku}");
    }

    private static async Task<string> PartAsync(AppFactory factory, int id)
    {
        var part = await factory.QueryAsync(db => db.Parts.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Id == id));
        return Describe(part, $"id {part.Id}, sku {part.Sku}, name {part.Name}");
    }

    private static string Describe(Part part, string identity) =>
        $"{identity}, fits {string.Join(",", part.Fits)}, active {part.Active}, prices "
        + string.Join(";", part.Prices.OrderBy(p => p.EffectiveFrom).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.EffectiveFrom:yyyy-MM-dd} {p.UnitPrice:0.00}")));

    private static string LocalInput(LocalClock clock, DateTime utc) =>
        clock.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);
}
