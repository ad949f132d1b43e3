using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Infrastructure.Desk;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>
/// The queue's counts per status and its technician filter are kept for a few seconds (ADR 0019): a change saved through
/// this instance shows at once; a change this instance did not save (another instance's) within
/// <see cref="QueueSummaryCache.MaxAge"/>.
/// </summary>
public sealed class QueueSummaryTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_request_saved_through_the_app_is_counted_on_the_next_page_view()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var before = await CountAsync(agent, RequestStatus.Submitted);

        var id = await factory.SubmitAsync(await factory.CreateCustomerAsync());
        Assert.Equal(before + 1, await CountAsync(agent, RequestStatus.Submitted));

        await factory.ChangeRequestAsync(id, (r, at) => r.Acknowledge(DeskData.Desk, at));
        Assert.Equal(before, await CountAsync(agent, RequestStatus.Submitted));
    }

    [Fact]
    public async Task A_new_technician_is_in_the_queues_filter_on_the_next_page_view()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        await CountAsync(agent, RequestStatus.Submitted);

        var technician = await factory.CreateTechnicianAsync("筛选新师傅");

        var (_, page) = await agent.GetPageAsync("/Staff/Requests");
        Assert.NotNull(page.QuerySelector($"select[name=technicianId] option[value='{technician.ToString(CultureInfo.InvariantCulture)}']"));
    }

    [Fact]
    public async Task A_change_written_by_another_instance_is_counted_within_the_summarys_maximum_age()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var id = await factory.SubmitAsync(await factory.CreateCustomerAsync());
        var before = await CountAsync(agent, RequestStatus.Submitted);

        // A bulk update goes around this instance's saves, as another instance's write does.
        await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Acknowledged)));
        factory.Time.Advance(QueueSummaryCache.MaxAge);

        Assert.Equal(before - 1, await CountAsync(agent, RequestStatus.Submitted));
    }

    private static async Task<int> CountAsync(HttpClient agent, RequestStatus status)
    {
        var (response, page) = await agent.GetPageAsync("/Staff/Requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var badge = page.QuerySelector($"[data-status-count={status}]");
        Assert.NotNull(badge);
        return int.Parse(badge.TextContent.Trim(), CultureInfo.InvariantCulture);
    }
}
