using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data.Seed;
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
}
