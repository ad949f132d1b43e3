using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// A transient fault (serialization failure) between two saves of one transaction on PostgreSQL: the execution
/// strategy retries the whole block, and the form still ends with everything stored exactly once (skipped without a server).
/// </summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class TransientFaultRetryTests(TransientFaultAppFactory factory) : IClassFixture<TransientFaultAppFactory>
{
    [SkippableFact]
    public async Task A_portal_request_retried_after_a_fault_while_queuing_its_confirmation_is_stored_once_with_its_event_and_messages()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var userId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.CustomerEmail).Select(u => u.Id).SingleAsync());
        var form = await browser.GetFormAsync("/Portal/Requests/New", ["Input.Description"]);
        var key = Guid.Parse(form.Value("Input.IdempotencyKey")!);

        // The request and its Submitted event are saved; the confirmation's insert then fails once.
        factory.Faults.FailOnce("OutboxMessages");
        using var response = await browser.SubmitAsync(form.Fill(new Dictionary<string, string?> { ["Input.Description"] = "重试测试：淋浴房玻璃门关不上。" }));

        Assert.Equal(1, factory.Faults.Injected);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.RequestIdOfRedirect();
        Assert.Equal(1, await factory.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.CustomerId == customerId && r.IdempotencyKey == key)));
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal([RequestEventKind.Submitted], request.Events.Select(e => e.Kind));
        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey == $"RequestReceived:{id}")));
        var link = $"/Portal/Requests/Details/{id}";
        Assert.Equal(1, await factory.QueryAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.Link == link)));
    }

    [SkippableFact]
    public async Task A_staff_request_registering_a_product_retried_after_a_fault_keeps_one_product_and_the_request_points_at_it()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var modelId = await factory.QueryAsync(db => db.ProductModels.Where(m => m.Sku == "TL-S7").Select(m => m.Id).SingleAsync());
        var serial = "RETRY-" + customer.Mobile;

        // The product is saved; the request's insert then fails once.
        factory.Faults.FailOnce("ServiceRequests");
        using var response = await agent.SubmitFormAsync(
            "/Staff/Requests/New?customerId=" + customer.Id.ToString(CultureInfo.InvariantCulture),
            new Dictionary<string, string?>
            {
                ["Input.Description"] = "客户来电：重试测试，马桶冲水无力。",
                ["Input.RegisterProduct"] = "true",
                ["Input.ModelId"] = modelId.ToString(CultureInfo.InvariantCulture),
                ["Input.SerialNumber"] = serial,
                ["Input.PurchaseDate"] = factory.Now().AddMonths(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });

        Assert.Equal(1, factory.Faults.Injected);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var product = await factory.QueryAsync(db => db.CustomerProducts.AsNoTracking().SingleAsync(p => p.CustomerId == customer.Id));
        Assert.Equal(serial, product.SerialNumber);
        var request = await factory.QueryAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.CustomerId == customer.Id));
        Assert.Equal($"/Staff/Requests/Details/{request.Id}", response.RedirectTarget());
        Assert.Equal(product.Id, request.CustomerProductId);
        Assert.Equal([RequestEventKind.Submitted], request.Events.Select(e => e.Kind));
    }

    [SkippableFact]
    public async Task A_product_registration_retried_after_a_fault_while_saving_its_proof_keeps_one_product_and_one_file()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var modelId = await factory.QueryAsync(db => db.ProductModels.Where(m => m.Sku == "TL-S7").Select(m => m.Id).SingleAsync());
        var serial = "RETRY-REG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var today = factory.Services.GetRequiredService<LocalClock>().Today;

        // The product is saved; its proof-of-purchase file record then fails once.
        factory.Faults.FailOnce("StoredFiles");
        using var response = await browser.SubmitFormAsync(
            "/Portal/Products/Register",
            new Dictionary<string, string?>
            {
                ["Input.ModelId"] = modelId.ToString(CultureInfo.InvariantCulture),
                ["Input.SerialNumber"] = serial,
                ["Input.PurchaseDate"] = today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            [new Upload("ProofPhoto", "receipt.jpg", "image/jpeg", TestImages.Jpeg())]);

        Assert.Equal(1, factory.Faults.Injected);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var product = await factory.QueryAsync(db => db.CustomerProducts.AsNoTracking().SingleAsync(p => p.SerialNumber == serial));
        Assert.Equal(customerId, product.CustomerId);
        Assert.Equal($"/Portal/Products/Details/{product.Id}", response.RedirectTarget());
        var file = await factory.QueryAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.CustomerProductId == product.Id));
        Assert.Equal(file.Id.ToString(), product.ProofOfPurchasePath);
        Assert.True(File.Exists(Path.Combine(factory.FilesRoot, file.StorageName)), file.StorageName);
    }

    [SkippableFact]
    public async Task A_survey_campaign_retried_after_a_fault_while_queuing_invitations_invites_each_customer_once()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        using var manager = await factory.SignedInAsync(Accounts.Manager);
        var reachable = await factory.QueryAsync(db => db.Customers.CountAsync(c => c.UserId != null || (c.Email != null && c.Email != string.Empty)));
        var withEmail = await factory.QueryAsync(db => db.Customers.CountAsync(c => c.Email != null && c.Email != string.Empty));

        // The campaign and the first batch of invitations are saved; the batch's emails then fail once.
        factory.Faults.FailOnce("OutboxMessages");
        using var response = await manager.SubmitFormAsync("/Staff/Surveys/Create", new Dictionary<string, string?>
        {
            ["Input.Quarter"] = "2032-Q3",
            ["Input.Title"] = "重试测试满意度调查",
            ["Input.Audience"] = nameof(SurveyAudience.AllActiveCustomers),
        });

        Assert.Equal(1, factory.Faults.Injected);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var campaign = await factory.QueryAsync(db => db.SurveyCampaigns.AsNoTracking().SingleAsync(c => c.Quarter == "2032-Q3"));
        Assert.Equal($"/Staff/Surveys/Details/{campaign.Id}", response.RedirectTarget());
        var invited = await factory.QueryAsync(db => db.SurveyInvitations.Where(i => i.CampaignId == campaign.Id).Select(i => i.CustomerId).ToListAsync());
        Assert.Equal(reachable, invited.Count);
        Assert.Equal(invited.Count, invited.Distinct().Count());
        Assert.Equal(reachable, campaign.InvitedCount);
        var emails = await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "SurveyInvitation"
            && db.SurveyInvitations.Any(i => i.CampaignId == campaign.Id && m.DeduplicationKey == "SurveyInvitation:" + i.Id)));
        Assert.Equal(withEmail, emails);
    }

    [SkippableFact]
    public async Task A_customer_merge_retried_after_a_fault_at_commit_moves_everything_once_and_marks_the_duplicate_merged_with_its_audit()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var stays = await factory.CreateCustomerAsync();
        var duplicate = await factory.CreateCustomerAsync();
        var requests = new[] { await factory.SubmitAsync(duplicate), await factory.SubmitAsync(duplicate) };
        await using (var scope = factory.OpenDb())
        {
            var model = await scope.Db.ProductModels.FirstAsync(m => m.Sku == "TL-S7");
            var today = DateOnly.FromDateTime(factory.Now());
            scope.Db.CustomerProducts.Add(new CustomerProduct(
                duplicate.Id, model, "RETRY-MERGE-" + duplicate.Mobile, today.AddMonths(-2), new Address("上海市", "上海市", duplicate.District, "测试路 1 号"), today));
            var record = await scope.Db.Customers.SingleAsync(c => c.Id == duplicate.Id);
            record.SetNotes("只接受周末上门", factory.Now());
            await scope.Db.SaveChangesAsync();
        }

        using var agent = await factory.SignedInAsync(Accounts.Agent);

        // Every row is moved and both records are saved; the commit then fails once and the whole merge runs again.
        factory.Faults.FailOnceAtCommit();
        using var response = await agent.SubmitFormAsync(MergePage(duplicate.Id, stays.Id));

        Assert.Equal(1, factory.Faults.Injected);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Staff/Customers/Details/{stays.Id}", response.RedirectTarget());
        var moved = await factory.QueryAsync(db => db.ServiceRequests.Where(r => requests.Contains(r.Id)).Select(r => r.CustomerId).ToListAsync());
        Assert.Equal([stays.Id, stays.Id], moved);
        Assert.Equal(1, await factory.QueryAsync(db => db.CustomerProducts.CountAsync(p => p.CustomerId == stays.Id)));
        Assert.Equal(0, await factory.QueryAsync(db => db.CustomerProducts.CountAsync(p => p.CustomerId == duplicate.Id)));
        var merged = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == duplicate.Id));
        Assert.Equal(stays.Id, merged.MergedIntoId);
        var kept = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == stays.Id));
        Assert.Equal("只接受周末上门", kept.Notes);
        Assert.Equal([nameof(Customer.MergedAt), nameof(Customer.MergedIntoId)], await AuditedFieldsAsync(duplicate.Id, nameof(Customer.MergedIntoId), nameof(Customer.MergedAt)));
        Assert.Equal([nameof(Customer.Notes)], await AuditedFieldsAsync(stays.Id, nameof(Customer.Notes)));
    }

    [SkippableFact]
    public async Task A_customer_merge_moving_a_portal_account_retried_after_a_fault_on_its_second_save_links_the_account_once()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var (portal, mobile) = await RegisterAsync("重试合并客户");
        portal.Dispose();
        var duplicate = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Mobile == mobile));
        var userId = duplicate.UserId!;
        var stays = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        // The account leaves the duplicate in a first save; the save linking it to the record that stays fails once.
        factory.Faults.FailOnceOnUpdate("Customers", nth: 2);
        using var response = await agent.SubmitFormAsync(MergePage(duplicate.Id, stays.Id));

        Assert.Equal(1, factory.Faults.Injected);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var records = await factory.QueryAsync(db => db.Customers.AsNoTracking().Where(c => c.Id == duplicate.Id || c.Id == stays.Id).ToDictionaryAsync(c => c.Id));
        Assert.Null(records[duplicate.Id].UserId);
        Assert.Equal(stays.Id, records[duplicate.Id].MergedIntoId);
        Assert.Equal(userId, records[stays.Id].UserId);
        Assert.Equal([nameof(Customer.MergedIntoId), nameof(Customer.UserId)], await AuditedFieldsAsync(duplicate.Id, nameof(Customer.MergedIntoId), nameof(Customer.UserId)));
        Assert.Equal([nameof(Customer.UserId)], await AuditedFieldsAsync(stays.Id, nameof(Customer.UserId)));

        // The customer signs in and finds the record that stayed.
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(mobile, RegistrationPassword);
        var form = await customer.GetFormAsync("/Portal/Profile", ["Input.Mobile"]);
        Assert.Equal(stays.Name, form.Value("Input.Name"));
    }

    [SkippableFact]
    public async Task A_portal_profile_retried_after_a_fault_at_commit_saves_every_changed_field_once_with_its_audit()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var (customer, mobile) = await RegisterAsync("重试资料客户");
        using (customer)
        {
            var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.Mobile == mobile).Select(c => c.Id).SingleAsync());

            // The record and the account's display name are saved; the commit then fails once.
            factory.Faults.FailOnceAtCommit();
            using var response = await customer.SubmitFormAsync(ProfilePage, new Dictionary<string, string?>
            {
                ["Input.Name"] = "重试资料客户改名",
                ["Input.Landline"] = "021-58880001",
                ["Input.Address.Province"] = "上海市",
                ["Input.Address.City"] = "上海市",
                ["Input.Address.District"] = "浦东新区",
                ["Input.Address.Street"] = "张杨路 1500 号 3 号楼 101 室",
            });

            Assert.Equal(1, factory.Faults.Injected);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var saved = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId));
            Assert.Equal(("重试资料客户改名", "021-58880001", "张杨路 1500 号 3 号楼 101 室"), (saved.Name, saved.Landline, saved.Address?.Street));
            Assert.Equal("重试资料客户改名", await factory.QueryAsync(db => db.Users.Where(u => u.Id == saved.UserId).Select(u => u.DisplayName).SingleAsync()));
            Assert.Equal(
                ["Address.City", "Address.District", "Address.Province", "Address.Street", nameof(Customer.ArchiveProblems), nameof(Customer.Landline), nameof(Customer.Name)],
                await AuditedFieldsAsync(customerId));
            var page = await (await customer.FollowRedirectAsync(response)).ReadDocumentAsync();
            Assert.Contains(factory.InChinese("Your details have been saved."), page.VisibleText(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_portal_profile_changing_the_mobile_retried_after_a_fault_on_the_accounts_second_update_moves_record_and_account_together()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var (customer, mobile) = await RegisterAsync("重试换号客户");
        using (customer)
        {
            var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.Mobile == mobile).Select(c => c.Id).SingleAsync());
            var newMobile = NewMobile();
            var email = $"retry-{newMobile}@example.com";

            // The record and the account's new user name are saved; the account's phone number update then fails once.
            factory.Faults.FailOnceOnUpdate("AspNetUsers", nth: 2);
            using var response = await customer.SubmitFormAsync(ProfilePage, new Dictionary<string, string?>
            {
                ["Input.Mobile"] = newMobile,
                ["Input.Email"] = email,
            });

            Assert.Equal(1, factory.Faults.Injected);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var saved = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId));
            Assert.Equal((newMobile, email), (saved.Mobile, saved.Email));
            var user = await factory.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == saved.UserId));
            Assert.Equal((newMobile, newMobile, email), (user.UserName, user.PhoneNumber, user.Email));
            Assert.Equal([nameof(Customer.Email), nameof(Customer.Mobile)], await AuditedFieldsAsync(customerId));

            using var again = factory.CreateBrowser();
            await again.SignInAsync(newMobile, RegistrationPassword);
        }
    }

    [SkippableFact]
    public async Task A_registration_retried_after_a_fault_while_saving_the_customer_record_makes_one_account_in_one_role_linked_to_one_record()
    {
        PostgresAppFactory.SkipUnlessAvailable();

        // The account and its role are saved; the customer record's insert then fails once.
        factory.Faults.FailOnce("Customers");
        var (browser, mobile) = await RegisterAsync("重试注册客户");
        using (browser)
        {
            Assert.Equal(1, factory.Faults.Injected);
            var users = await factory.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.UserName == mobile).ToListAsync());
            var user = Assert.Single(users);
            var roles = await factory.QueryAsync(db => db.UserRoles.Where(r => r.UserId == user.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
            Assert.Equal([Roles.Customer], roles);
            var record = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Mobile == mobile));
            Assert.Equal((user.Id, "重试注册客户"), (record.UserId, record.Name));

            var form = await browser.GetFormAsync(ProfilePage, ["Input.Mobile"]);
            Assert.Equal(mobile, form.Value("Input.Mobile"));
        }
    }

    private const string ProfilePage = "/Portal/Profile";

    private const string RegistrationPassword = "Long-Enough-2026";

    private static string MergePage(int from, int into) => string.Create(CultureInfo.InvariantCulture, $"/Staff/Customers/Merge/{from}?into={into}");

    private static string NewMobile() => "136" + Random.Shared.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Registers a new portal customer through the form; returns the browser (signed in) and the mobile number.</summary>
    private async Task<(HttpClient Browser, string Mobile)> RegisterAsync(string name)
    {
        var mobile = NewMobile();
        var browser = factory.CreateBrowser();
        using var response = await browser.SubmitFormAsync("/Account/Register", new Dictionary<string, string?>
        {
            ["Input.Name"] = name,
            ["Input.Mobile"] = mobile,
            ["Input.Password"] = RegistrationPassword,
            ["Input.ConfirmPassword"] = RegistrationPassword,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var errors = (await response.ReadDocumentAsync()).ErrorMessages();
            Assert.Fail($"Registering {mobile} answered {(int)response.StatusCode}: {string.Join(" | ", errors)}");
        }

        Assert.Equal("/Portal", response.RedirectTarget());
        return (browser, mobile);
    }

    /// <summary>The audited fields of a customer record, one per audit row, sorted: a field saved twice shows twice.</summary>
    private Task<List<string>> AuditedFieldsAsync(int customerId, params string[] only)
    {
        var key = customerId.ToString(CultureInfo.InvariantCulture);
        return factory.QueryAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(Customer) && a.EntityId == key && (only.Length == 0 || only.Contains(a.Field)))
            .Select(a => a.Field)
            .OrderBy(f => f)
            .ToListAsync());
    }
}
