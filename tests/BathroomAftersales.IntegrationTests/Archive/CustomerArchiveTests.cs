using System.Globalization;
using System.Net;
using System.Text;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Archive;

/// <summary>The desk's customer archive: edits audited, the work-list and accuracy figure, merging duplicates, export.</summary>
public sealed class CustomerArchiveTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static string Details(int id) => "/Staff/Customers/Details/" + id.ToString(CultureInfo.InvariantCulture);

    private static string Edit(int id) => "/Staff/Customers/Edit/" + id.ToString(CultureInfo.InvariantCulture);

    private static string Merge(int from, int into) =>
        "/Staff/Customers/Merge/" + from.ToString(CultureInfo.InvariantCulture) + "?into=" + into.ToString(CultureInfo.InvariantCulture);

    private async Task<int> AddCustomerAsync(string name, string? mobile, string? landline, Address? address)
    {
        await using var scope = factory.OpenDb();
        var customer = new Customer(name, CustomerKind.Individual, mobile, landline, null, address, factory.Now());
        scope.Db.Customers.Add(customer);
        await scope.Db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task An_agent_corrects_a_record_and_every_changed_field_is_audited_with_old_and_new_values()
    {
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var saved = await agent.SubmitFormAsync(Edit(customer.Id), new Dictionary<string, string?>
        {
            ["Input.Landline"] = "021-55556666",
            ["Input.Notes"] = "只接受工作日上午上门",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var key = customer.Id.ToString(CultureInfo.InvariantCulture);
        var audit = await factory.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Customer) && a.EntityId == key)
            .Select(a => new { a.Field, a.OldValue, a.NewValue, a.UserName })
            .ToListAsync());
        Assert.Contains(audit, a => a.Field == nameof(Customer.Landline) && a.OldValue == null && a.NewValue == "021-55556666" && a.UserName == Accounts.Agent.Login);
        Assert.Contains(audit, a => a.Field == nameof(Customer.Notes) && a.NewValue == "只接受工作日上午上门");

        var (_, page) = await agent.GetPageAsync(Details(customer.Id));
        Assert.Equal("只接受工作日上午上门", page.QuerySelector("#customer-needs")?.TextContent.Trim());
        Assert.Contains("021-55556666", page.QuerySelector("#customer-changes")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_without_an_address_is_on_the_work_list_until_it_is_fixed_and_the_accuracy_figure_follows()
    {
        var id = await AddCustomerAsync("缺地址客户", "13712340001", null, null);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, workList) = await agent.GetPageAsync("/Staff/Customers?toFix=true");
        Assert.NotNull(workList.QuerySelector($"#customers tr[data-id='{id}']"));
        var (total, accurate) = await factory.QueryAsync(async db => (
            await db.Customers.CountAsync(c => c.MergedIntoId == null),
            await db.Customers.CountAsync(c => c.MergedIntoId == null && c.ArchiveProblems == ArchiveProblems.None)));
        var expected = (100m * accurate / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        Assert.Equal(expected, workList.QuerySelector("#archive-accuracy")?.TextContent.Trim());

        using var fixedIt = await agent.SubmitFormAsync(Edit(id), new Dictionary<string, string?>
        {
            ["Input.Address.Province"] = "上海市",
            ["Input.Address.City"] = "上海市",
            ["Input.Address.District"] = "静安区",
            ["Input.Address.Street"] = "南京西路 1266 号",
        });

        Assert.Equal(HttpStatusCode.Redirect, fixedIt.StatusCode);
        var (_, after) = await agent.GetPageAsync("/Staff/Customers?toFix=true");
        Assert.Null(after.QuerySelector($"#customers tr[data-id='{id}']"));
    }

    [Fact]
    public async Task Two_records_sharing_a_phone_are_offered_as_duplicates_and_merging_moves_products_and_requests()
    {
        var home = new Address("上海市", "上海市", "徐汇区", "漕溪北路 88 号");
        var stays = await AddCustomerAsync("王芳", "13712340002", "021-66667777", home);
        var duplicate = await AddCustomerAsync("王芳", null, "021-66667777", home);
        int requestId;
        await using (var scope = factory.OpenDb())
        {
            var model = await scope.Db.ProductModels.FirstAsync();
            scope.Db.CustomerProducts.Add(new CustomerProduct(duplicate, model, "DUP" + duplicate.ToString(CultureInfo.InvariantCulture), DateOnly.FromDateTime(factory.Now()).AddMonths(-2), home, DateOnly.FromDateTime(factory.Now())));
            scope.Db.Complaints.Add(Complaint.Receive(
                "CP-DUP-" + duplicate.ToString(CultureInfo.InvariantCulture), duplicate, null, ComplaintCategory.Timeliness, ComplaintChannel.Phone,
                "师傅迟到两小时", ComplaintDeadlines.Default, DeskData.Desk, factory.Now()));
            await scope.Db.SaveChangesAsync();
        }

        requestId = await factory.SubmitAsync(new TestCustomer(duplicate, "王芳", string.Empty, "徐汇区"));
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, workList) = await agent.GetPageAsync("/Staff/Customers?toFix=true");
        Assert.Contains("021-66667777", workList.QuerySelector("#duplicates")?.TextContent, StringComparison.Ordinal);

        using var merged = await agent.SubmitFormAsync(Merge(duplicate, stays));

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(stays, await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == requestId).Select(r => r.CustomerId).SingleAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.CustomerProducts.CountAsync(p => p.CustomerId == duplicate)));
        Assert.Equal(1, await factory.QueryAsync(db => db.CustomerProducts.CountAsync(p => p.CustomerId == stays)));
        Assert.Equal(1, await factory.QueryAsync(db => db.Complaints.CountAsync(c => c.CustomerId == stays)));
        Assert.Equal(0, await factory.QueryAsync(db => db.Complaints.CountAsync(c => c.CustomerId == duplicate)));
        Assert.Equal(stays, await factory.QueryAsync(db => db.Customers.Where(c => c.Id == duplicate).Select(c => c.MergedIntoId).SingleAsync()));
        var key = duplicate.ToString(CultureInfo.InvariantCulture);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Customer) && a.EntityId == key && a.Field == nameof(Customer.MergedIntoId))));
        var (_, list) = await agent.GetPageAsync("/Staff/Customers?q=" + Uri.EscapeDataString("王芳"));
        Assert.Null(list.QuerySelector($"#customers tr[data-id='{duplicate}']"));
    }

    [Fact]
    public async Task Merging_a_record_into_itself_is_refused_with_a_message()
    {
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var refused = await agent.SubmitFormAsync(Merge(customer.Id, customer.Id));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(factory.InChinese("Customer.MergeIntoItself"), (await refused.ReadDocumentAsync()).ErrorMessages());
        Assert.Null(await factory.QueryAsync(db => db.Customers.Where(c => c.Id == customer.Id).Select(c => c.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task Exporting_the_archive_is_refused_to_an_agent_and_audited_for_a_manager()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        using var refused = await agent.GetAsync(new Uri("/Staff/Customers?handler=Export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "CustomerArchive")));

        using var manager = await factory.SignedInAsync(Accounts.Manager);
        using var export = await manager.GetAsync(new Uri("/Staff/Customers?handler=Export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("\"编号\",\"姓名\"", text, StringComparison.Ordinal);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var audit = await factory.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "CustomerArchive"));
        Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), audit.NewValue);
        Assert.Equal(Accounts.Manager.Login, audit.UserName);
    }
}
