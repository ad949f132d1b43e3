using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;

namespace BathroomAftersales.IntegrationTests.Billing;

/// <summary>Clauses 5.2–5.3 over HTTP: issuing from the request page, payments, voiding, and the customer's view.</summary>
public sealed class InvoiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Issuing_from_a_completed_request_copies_only_the_customer_payable_lines()
    {
        var customer = await factory.CreateCustomerAsync();
        var requestId = await factory.CreateCompletedRequestWithReportAsync(customer.Id, supplierPaysLine: 1);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var response = await agent.SubmitFormAsync(DeskData.Details(requestId), formAction: "handler=Issue");

        var invoiceId = response.InvoiceIdOfRedirect();
        var invoice = await factory.LoadInvoiceAsync(invoiceId);
        Assert.Equal([2, 3], invoice.Lines.Select(l => l.LineNumber).Order());
        Assert.Equal(140m, invoice.Total);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.False(invoice.WarrantyCovered);
        var page = await (await agent.FollowRedirectAsync(response)).ReadDocumentAsync();
        Assert.Equal("¥140.00", page.QuerySelector("#invoice-total")!.TextContent.Trim());
        Assert.Equal(invoice.Number, page.QuerySelector("#invoice-number")!.TextContent.Trim());
        Assert.Contains(factory.InChinese("Invoice {0} issued for {1}.", invoice.Number, "¥140.00"), page.VisibleText(), StringComparison.Ordinal);

        var (_, requestPage) = await agent.GetPageAsync(DeskData.Details(requestId));
        Assert.Equal(invoice.Number, requestPage.QuerySelector("#invoice-link")!.TextContent.Trim());
        Assert.Null(requestPage.QuerySelector("#issue-invoice"));
    }

    [Fact]
    public async Task A_fully_covered_job_gets_a_zero_total_warranty_record_that_is_not_outstanding()
    {
        var customer = await factory.CreateCustomerAsync();
        var requestId = await factory.CreateCompletedRequestWithReportAsync(customer.Id, inWarranty: true);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var response = await agent.SubmitFormAsync(DeskData.Details(requestId), formAction: "handler=Issue");

        var invoiceId = response.InvoiceIdOfRedirect();
        var invoice = await factory.LoadInvoiceAsync(invoiceId);
        Assert.Equal(0m, invoice.Total);
        Assert.True(invoice.WarrantyCovered);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Empty(invoice.Lines);
        var (_, page) = await agent.GetPageAsync(BillingData.InvoicePage(invoiceId));
        Assert.Equal(factory.InChinese("Covered by warranty: nothing to pay."), page.QuerySelector("#warranty-covered")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form[action*='handler=Pay']"));
        var (_, outstanding) = await agent.GetPageAsync("/Staff/Invoices/Outstanding");
        Assert.Null(outstanding.QuerySelector($"tr[data-invoice-id='{invoiceId}']"));
    }

    [Fact]
    public async Task Issuing_twice_gives_one_invoice_and_a_link_to_it()
    {
        var customer = await factory.CreateCustomerAsync();
        var requestId = await factory.CreateCompletedRequestWithReportAsync(customer.Id);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (_, requestPage) = await agent.GetPageAsync(DeskData.Details(requestId));
        var form = Browser.FindForm(requestPage, new Uri("https://localhost" + DeskData.Details(requestId)), [], "handler=Issue");

        var first = await agent.SubmitAsync(form);
        var second = await agent.SubmitAsync(form);

        var invoiceId = first.InvoiceIdOfRedirect();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await second.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("This request already has an invoice; void it before issuing a new one."), page.ErrorMessages());
        Assert.Equal(BillingData.InvoicePage(invoiceId), page.QuerySelector("#existing-invoice a")!.GetAttribute("href"));
        Assert.Single(await factory.InvoicesOfRequestAsync(requestId));
    }

    [Fact]
    public async Task Two_clerks_issuing_at_once_get_one_invoice()
    {
        var customer = await factory.CreateCustomerAsync();
        var requestId = await factory.CreateCompletedRequestWithReportAsync(customer.Id);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        using var manager = await factory.SignedInAsync(Accounts.Manager);
        var pageUri = new Uri("https://localhost" + DeskData.Details(requestId));
        var agentForm = Browser.FindForm((await agent.GetPageAsync(DeskData.Details(requestId))).Document, pageUri, [], "handler=Issue");
        var managerForm = Browser.FindForm((await manager.GetPageAsync(DeskData.Details(requestId))).Document, pageUri, [], "handler=Issue");

        var responses = await Task.WhenAll(agent.SubmitAsync(agentForm), manager.SubmitAsync(managerForm));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var page = await refused.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("#existing-invoice a"));
        Assert.Single(await factory.InvoicesOfRequestAsync(requestId));
    }

    [Fact]
    public async Task A_partial_payment_makes_the_invoice_partially_paid_and_the_rest_pays_it()
    {
        var invoiceId = await IssuedInvoiceAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var first = await PayAsync(agent, invoiceId, "Cash", "100", null);
        var afterFirst = await factory.LoadInvoiceAsync(invoiceId);
        var confirmation = await (await agent.FollowRedirectAsync(first)).ReadDocumentAsync();
        var second = await PayAsync(agent, invoiceId, "BankTransfer", "75.00", "TX20261125001");
        var afterSecond = await factory.LoadInvoiceAsync(invoiceId);

        Assert.Equal(InvoiceStatus.PartiallyPaid, afterFirst.Status);
        Assert.Equal(100m, afterFirst.PaidTotal);
        Assert.Contains(factory.InChinese("Payment of {0} recorded. Balance due: {1}.", "¥100.00", "¥75.00"), confirmation.VisibleText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(InvoiceStatus.Paid, afterSecond.Status);
        Assert.Equal(0m, afterSecond.Balance);
        Assert.Equal(2, afterSecond.Payments.Count);
        Assert.Contains(afterSecond.Payments, p => p.Method == PaymentMethod.BankTransfer && p.Reference == "TX20261125001");
    }

    [Fact]
    public async Task Overpayment_is_refused_with_a_message_stating_the_balance_and_nothing_is_saved()
    {
        var invoiceId = await IssuedInvoiceAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var response = await PayAsync(agent, invoiceId, "Cash", "175.01", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Invoice.Overpayment", "175.00"), page.ErrorMessages());
        var invoice = await factory.LoadInvoiceAsync(invoiceId);
        Assert.Empty(invoice.Payments);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
    }

    [Fact]
    public async Task A_bank_transfer_needs_its_reference()
    {
        var invoiceId = await IssuedInvoiceAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var response = await PayAsync(agent, invoiceId, "BankTransfer", "50", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("A bank transfer or card payment needs its reference number."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Empty((await factory.LoadInvoiceAsync(invoiceId)).Payments);
    }

    [Fact]
    public async Task Voiding_needs_a_reason_and_is_refused_after_a_payment()
    {
        var invoiceId = await IssuedInvoiceAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var withoutReason = await agent.SubmitFormAsync(
            BillingData.InvoicePage(invoiceId), new Dictionary<string, string?> { ["Input.Reason"] = " " }, "handler=Void");
        Assert.Equal(HttpStatusCode.OK, withoutReason.StatusCode);
        Assert.Contains(factory.InChinese("Please give a reason for voiding the invoice."), (await withoutReason.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(InvoiceStatus.Issued, (await factory.LoadInvoiceAsync(invoiceId)).Status);

        // A void form rendered before the payment, posted after it.
        var (_, before) = await agent.GetPageAsync(BillingData.InvoicePage(invoiceId));
        var voidForm = Browser.FindForm(before, new Uri("https://localhost" + BillingData.InvoicePage(invoiceId)), [], "handler=Void")
            .Fill(new Dictionary<string, string?> { ["Input.Reason"] = "开错了" });
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, invoiceId, "Cash", "10", null)).StatusCode);
        var current = await factory.LoadInvoiceAsync(invoiceId);
        var refused = await agent.SubmitAsync(voidForm with
        {
            Fields = [.. voidForm.Fields.Where(f => f.Key != "Input.Version"), new("Input.Version", current.Version.ToString())],
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(factory.InChinese("An invoice with payments recorded cannot be voided."), (await refused.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(InvoiceStatus.PartiallyPaid, (await factory.LoadInvoiceAsync(invoiceId)).Status);
    }

    [Fact]
    public async Task Voiding_with_a_reason_frees_the_request_for_a_new_invoice()
    {
        var invoiceId = await IssuedInvoiceAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var response = await agent.SubmitFormAsync(
            BillingData.InvoicePage(invoiceId), new Dictionary<string, string?> { ["Input.Reason"] = "客户信息有误" }, "handler=Void");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invoice = await factory.LoadInvoiceAsync(invoiceId);
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal("客户信息有误", invoice.VoidReason);
        var (_, requestPage) = await agent.GetPageAsync(DeskData.Details(invoice.ServiceRequestId));
        Assert.NotNull(requestPage.QuerySelector("#issue-invoice"));
    }

    [Fact]
    public async Task A_stale_payment_form_is_refused_and_nothing_is_saved()
    {
        var invoiceId = await IssuedInvoiceAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        using var manager = await factory.SignedInAsync(Accounts.Manager);
        var (_, stalePage) = await agent.GetPageAsync(BillingData.InvoicePage(invoiceId));
        var staleForm = Browser.FindForm(stalePage, new Uri("https://localhost" + BillingData.InvoicePage(invoiceId)), [], "handler=Pay")
            .Fill(new Dictionary<string, string?> { ["Input.Method"] = "Cash", ["Input.Amount"] = "100" });

        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(manager, invoiceId, "Cash", "100", null)).StatusCode);
        var response = await agent.SubmitAsync(staleForm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            factory.InChinese("This invoice has changed since you opened the page. Nothing was saved; please check it and try again."),
            (await response.ReadDocumentAsync()).ErrorMessages());
        var invoice = await factory.LoadInvoiceAsync(invoiceId);
        Assert.Single(invoice.Payments);
        Assert.Equal(100m, invoice.PaidTotal);
    }

    [Fact]
    public async Task The_customer_sees_their_invoice_in_the_portal_and_gets_404_for_another_customers()
    {
        var mine = await factory.IssueInvoiceAsync(await factory.CreateCompletedRequestWithReportAsync(await factory.CustomerIdAsync(DemoData.CustomerEmail)));
        var theirs = await factory.IssueInvoiceAsync(await factory.CreateCompletedRequestWithReportAsync(await factory.CustomerIdAsync(DemoData.Customer2Email)));
        var myInvoice = await factory.LoadInvoiceAsync(mine);
        var theirInvoice = await factory.LoadInvoiceAsync(theirs);
        using var customer = await factory.SignedInAsync(Accounts.Customer);

        var (_, list) = await customer.GetPageAsync("/Portal/Invoices");
        var (ownResponse, own) = await customer.GetPageAsync("/Portal/Invoices/Details/" + Invariant(mine));
        var (otherResponse, _) = await customer.GetPageAsync("/Portal/Invoices/Details/" + Invariant(theirs));
        var (_, requestPage) = await customer.GetPageAsync("/Portal/Requests/Details/" + Invariant(myInvoice.ServiceRequestId));

        Assert.NotNull(list.QuerySelector($"[data-invoice-id='{mine}']"));
        Assert.Null(list.QuerySelector($"[data-invoice-id='{theirs}']"));
        Assert.DoesNotContain(theirInvoice.Number, list.VisibleText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.Equal(myInvoice.Number, own.QuerySelector("#invoice-number")!.TextContent.Trim());
        Assert.Equal("¥175.00", own.QuerySelector("#invoice-balance")!.TextContent.Trim());
        Assert.Empty(own.QuerySelectorAll("main form[method=post]"));
        Assert.Equal(HttpStatusCode.NotFound, otherResponse.StatusCode);
        Assert.Equal("/Portal/Invoices/Details/" + Invariant(mine), requestPage.QuerySelector("#request-invoice a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("Technician", "/Staff/Invoices")]
    [InlineData("Technician", "/Staff/Invoices/Outstanding")]
    [InlineData("Customer", "/Staff/Invoices")]
    [InlineData("Customer", "/Staff/Invoices/Outstanding")]
    public async Task Technicians_and_customers_get_403_on_the_staff_invoices(string role, string url)
    {
        using var browser = await factory.SignedInAsync(role == "Technician" ? Accounts.Technician : Accounts.Customer);

        var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_post_to_the_staff_issue_handler()
    {
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var requestId = await factory.CreateCompletedRequestWithReportAsync(customerId);
        using var customer = await factory.SignedInAsync(Accounts.Customer);

        var response = await customer.PostWithTokenAsync(
            "/Staff/Invoices?handler=Issue&requestId=" + Invariant(requestId), "/Portal/Profile", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await factory.InvoicesOfRequestAsync(requestId));
    }

    private async Task<int> IssuedInvoiceAsync()
    {
        var customer = await factory.CreateCustomerAsync();
        return await factory.IssueInvoiceAsync(await factory.CreateCompletedRequestWithReportAsync(customer.Id));
    }

    private static Task<HttpResponseMessage> PayAsync(HttpClient browser, int invoiceId, string method, string amount, string? reference) =>
        browser.SubmitFormAsync(
            BillingData.InvoicePage(invoiceId),
            new Dictionary<string, string?>
            {
                ["Input.Method"] = method,
                ["Input.Amount"] = amount,
                ["Input.Reference"] = reference,
            },
            "handler=Pay");

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);
}
