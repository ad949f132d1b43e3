using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.FieldWork;

/// <summary>The technician's workspace: only their own jobs, contact details only while a job is open, starting the visit.</summary>
public sealed class TechnicianJobsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static string Job(int id) => "/Technician/Jobs/Details/" + id.ToString(CultureInfo.InvariantCulture);

    private Task<int> DemoTechnicianIdAsync() => factory.QueryAsync(db => db.Technicians
        .Where(t => db.Users.Any(u => u.Id == t.UserId && u.Email == DemoData.TechnicianEmail))
        .Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task A_scheduled_job_shows_the_customer_to_call_and_starting_the_visit_puts_it_in_progress()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        await factory.DispatchAsync(id, await DemoTechnicianIdAsync());
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        var (listResponse, list) = await technician.GetPageAsync("/Technician/Jobs");
        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.Contains(list.QuerySelectorAll("main a"), a => a.GetAttribute("href") == Job(id));

        var (_, page) = await technician.GetPageAsync(Job(id));
        Assert.Equal(customer.Name, page.QuerySelector("#customer-name")?.TextContent.Trim());
        Assert.Equal("tel:" + customer.Mobile, page.QuerySelector("#customer-phone")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#visit-address"));

        using var started = await technician.SubmitFormAsync(Job(id), new Dictionary<string, string?>(), "handler=StartVisit");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.VisitStarted);
        var (_, inProgress) = await technician.GetPageAsync(Job(id));
        Assert.NotNull(inProgress.QuerySelector("#file-report"));
    }

    [Fact]
    public async Task Once_the_job_is_done_the_customer_phone_and_address_are_no_longer_shown()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        await factory.DispatchAsync(id, await DemoTechnicianIdAsync());
        await factory.ChangeRequestAsync(id, (r, now) =>
        {
            r.StartVisit(PortalData.Desk, now);
            r.Complete("更换进水阀，试水正常。", PortalData.Desk, now);
        });
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        var (response, page) = await technician.GetPageAsync(Job(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("#customer-phone"));
        Assert.Null(page.QuerySelector("#visit-address"));
        Assert.DoesNotContain(customer.Mobile, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#contact-hidden"));
    }

    [Fact]
    public async Task Another_technicians_job_is_not_found_and_cannot_be_started()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        var other = await factory.CreateTechnicianAsync("别组师傅");
        await factory.DispatchAsync(id, other);
        var version = (await factory.SnapshotAsync(id)).Version.ToString();
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        using var get = await technician.GetAsync(new Uri(Job(id), UriKind.Relative));
        using var post = await technician.PostWithTokenAsync(Job(id) + "?handler=StartVisit", "/Technician/Jobs", new Dictionary<string, string>
        {
            ["Version"] = version,
        });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(RequestStatus.Scheduled, (await factory.LoadRequestAsync(id)).Status);
        var (_, list) = await technician.GetPageAsync("/Technician/Jobs");
        Assert.DoesNotContain(list.QuerySelectorAll("main a"), a => a.GetAttribute("href") == Job(id));
    }

    [Fact]
    public async Task A_job_whose_appointment_has_passed_is_listed_as_overdue()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        await factory.DispatchAsync(id, await DemoTechnicianIdAsync());
        factory.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(3));
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        var (_, list) = await technician.GetPageAsync("/Technician/Jobs");

        var overdue = list.QuerySelector("section[aria-labelledby=overdue-title]");
        Assert.NotNull(overdue);
        Assert.Contains(overdue.QuerySelectorAll("a"), a => a.GetAttribute("href") == Job(id));
    }
}
