using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>
/// The desk's actions on one request, over HTTP with the real forms: acknowledge, duplicate, remote answer, dispatch and
/// re-dispatch, the emergency review; refusals answer 200 with a message and change nothing; two agents dispatching at
/// once cannot overwrite each other.
/// </summary>
public sealed class RequestDeskTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    /// <summary>What a datetime-local field sends: Shanghai wall-clock time to the minute.</summary>
    private static string LocalInput(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Acknowledging_sets_the_response_time_and_a_second_acknowledge_is_refused()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (_, page) = await agent.GetPageAsync(DeskData.Details(id));
        var form = Browser.FindForm(page, new Uri("https://localhost" + DeskData.Details(id)), [], "handler=Acknowledge");

        using var first = await agent.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
        Assert.Equal(factory.Now(), request.RespondedAt);
        var after = await (await agent.FollowRedirectAsync(first)).ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Request acknowledged. The response clock has stopped."), after.VisibleText(), StringComparison.Ordinal);
        Assert.Empty(after.QuerySelectorAll("form[action*='handler=Acknowledge']"));

        // The same click again with the current version (a second tab): refused by the rule, not by the version.
        using var second = await agent.PostWithTokenAsync(DeskData.Details(id) + "?handler=Acknowledge", DeskData.Details(id), new Dictionary<string, string>
        {
            ["Input.Version"] = request.Version.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(factory.InChinese("Request.IllegalTransition", factory.InChinese("Acknowledged")), (await second.ReadDocumentAsync()).ErrorMessages());
        var again = await factory.LoadRequestAsync(id);
        Assert.Equal(request.Version, again.Version);
        Assert.Equal(request.Events.Count, again.Events.Count);
    }

    [Fact]
    public async Task A_stale_form_is_refused_naming_who_changed_the_request_and_nothing_is_overwritten()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (_, page) = await agent.GetPageAsync(DeskData.Details(id));
        var form = Browser.FindForm(page, new Uri("https://localhost" + DeskData.Details(id)), [], "handler=Priority")
            .Fill(Fields(("Input.Priority", "High"), ("Input.Reason", "客户催促")));
        await factory.ChangeRequestAsync(id, (r, at) => r.Acknowledge(new RequestActor(null, "另一位客服"), at));
        var before = await factory.SnapshotAsync(id);

        using var response = await agent.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains("另一位客服", error, StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_request_can_be_marked_as_a_duplicate_of_the_same_customers_request_only()
    {
        var customer = await factory.CreateCustomerAsync();
        var other = await factory.CreateCustomerAsync();
        var original = await factory.SubmitAsync(customer);
        var duplicate = await factory.SubmitAsync(customer);
        var foreign = await factory.SubmitAsync(other);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var before = await factory.SnapshotAsync(duplicate);

        using var refused = await agent.SubmitFormAsync(
            DeskData.Details(duplicate), Fields(("Input.OriginalNumber", await factory.RequestNumberAsync(foreign))), "handler=Duplicate");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(factory.InChinese("A duplicate must belong to the same customer as the original request."), (await refused.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(duplicate));

        using var accepted = await agent.SubmitFormAsync(
            DeskData.Details(duplicate), Fields(("Input.OriginalNumber", (await factory.RequestNumberAsync(original)).ToLowerInvariant())), "handler=Duplicate");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var request = await factory.LoadRequestAsync(duplicate);
        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.Equal(original, request.DuplicateOfId);
        Assert.Contains(request.Events, e => e.Kind == RequestEventKind.MarkedDuplicate && e.VisibleToCustomer);
    }

    [Fact]
    public async Task A_usage_question_is_answered_remotely_and_a_repair_is_refused()
    {
        var customer = await factory.CreateCustomerAsync();
        var question = await factory.SubmitAsync(customer, RequestType.UsageQuestion);
        var repair = await factory.SubmitAsync(customer, RequestType.Repair);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var answered = await agent.SubmitFormAsync(DeskData.Details(question), Fields(("Input.Text", "长按除臭键 3 秒即可。")), "handler=Answer");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var done = await factory.LoadRequestAsync(question);
        Assert.Equal(RequestStatus.Completed, done.Status);
        Assert.NotNull(done.RespondedAt);
        Assert.Contains(done.Events, e => e.Kind == RequestEventKind.AnsweredRemotely && e.Note == "长按除臭键 3 秒即可。" && e.VisibleToCustomer);

        var (_, repairPage) = await agent.GetPageAsync(DeskData.Details(repair));
        Assert.Empty(repairPage.QuerySelectorAll("form[action*='handler=Answer']"));
        var before = await factory.SnapshotAsync(repair);
        using var forged = await agent.PostWithTokenAsync(DeskData.Details(repair) + "?handler=Answer", DeskData.Details(repair), new Dictionary<string, string>
        {
            ["Input.Version"] = before.Version.ToString(),
            ["Input.Text"] = "请自行更换。",
        });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains(factory.InChinese("Request.NotRemote", factory.InChinese("Repair")), (await forged.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(repair));
    }

    [Fact]
    public async Task Dispatch_then_re_dispatch_with_a_reason_keeps_both_events()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        var first = await factory.CreateTechnicianAsync("派工师傅甲");
        var second = await factory.CreateTechnicianAsync("派工师傅乙");
        var start = factory.Now().AddDays(1);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var dispatched = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", first.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(start)),
            ("Input.DurationHours", "2")), "handler=Dispatch");

        Assert.Equal(HttpStatusCode.Redirect, dispatched.StatusCode);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestStatus.Scheduled, request.Status);
        Assert.Equal(first, request.TechnicianId);
        Assert.Equal(start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute)), request.AppointmentStart);
        Assert.Equal(request.AppointmentStart!.Value.AddHours(2), request.AppointmentEnd);

        using var noReason = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", second.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(start.AddHours(3))),
            ("Input.Reason", "")), "handler=Dispatch");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains(factory.InChinese("Please give a reason."), (await noReason.ReadDocumentAsync()).ErrorMessages());

        using var redispatched = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", second.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(start.AddHours(3))),
            ("Input.Reason", "甲师傅请假")), "handler=Dispatch");

        Assert.Equal(HttpStatusCode.Redirect, redispatched.StatusCode);
        request = await factory.LoadRequestAsync(id);
        Assert.Equal(second, request.TechnicianId);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.Dispatched);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.Redispatched && e.Note == "甲师傅请假");
    }

    [Fact]
    public async Task Of_two_agents_dispatching_at_once_one_wins_and_the_other_is_told_who_did_it()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        var winnerTech = await factory.CreateTechnicianAsync("并发师傅甲");
        var loserTech = await factory.CreateTechnicianAsync("并发师傅乙");
        var start = LocalInput(factory.Now().AddDays(2));
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        using var manager = await factory.SignedInAsync(Accounts.Manager);
        var uri = new Uri("https://localhost" + DeskData.Details(id));

        // Both open the form before either submits.
        var (_, agentPage) = await agent.GetPageAsync(DeskData.Details(id));
        var (_, managerPage) = await manager.GetPageAsync(DeskData.Details(id));
        var agentForm = Browser.FindForm(agentPage, uri, [], "handler=Dispatch").Fill(Fields(
            ("Input.TechnicianId", winnerTech.ToString(CultureInfo.InvariantCulture)), ("Input.AppointmentStart", start)));
        var managerForm = Browser.FindForm(managerPage, uri, [], "handler=Dispatch").Fill(Fields(
            ("Input.TechnicianId", loserTech.ToString(CultureInfo.InvariantCulture)), ("Input.AppointmentStart", start)));

        using var won = await agent.SubmitAsync(agentForm);
        var afterWin = await factory.SnapshotAsync(id);
        using var lost = await manager.SubmitAsync(managerForm);

        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        var error = Assert.Single((await lost.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains("陈客服", error, StringComparison.Ordinal);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(winnerTech, request.TechnicianId);
        Assert.Equal(afterWin, await factory.SnapshotAsync(id));
        Assert.Single(request.Events, e => e.Kind is RequestEventKind.Dispatched or RequestEventKind.Redispatched);
    }

    [Fact]
    public async Task Two_simultaneous_acknowledges_with_the_same_version_store_exactly_one()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer);
        var version = (await factory.SnapshotAsync(id)).Version;
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        // Both posts carry the version both agents loaded and run at once: whichever gets past the version check second
        // meets either the changed version or the concurrency token in the UPDATE.
        async Task<HttpResponseMessage> PostAsync() =>
            await agent.PostWithTokenAsync(DeskData.Details(id) + "?handler=Acknowledge", DeskData.Details(id), new Dictionary<string, string>
            {
                ["Input.Version"] = version.ToString(),
            });
        var responses = await Task.WhenAll(PostAsync(), PostAsync());

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var request = await factory.LoadRequestAsync(id);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.Acknowledged);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Dispatch_into_a_window_the_technician_already_has_taken_is_refused_naming_the_other_request()
    {
        var customer = await factory.CreateCustomerAsync();
        var technician = await factory.CreateTechnicianAsync("忙碌师傅");
        var booked = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        await factory.DispatchAsync(booked, technician);
        var bookedNumber = await factory.RequestNumberAsync(booked);
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var before = await factory.SnapshotAsync(id);

        using var overlapping = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", technician.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(factory.Now().AddDays(1).AddHours(1))),
            ("Input.DurationHours", "2")), "handler=Dispatch");

        Assert.Equal(HttpStatusCode.OK, overlapping.StatusCode);
        var error = Assert.Single((await overlapping.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(bookedNumber, error, StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync(id));

        using var afterwards = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", technician.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(factory.Now().AddDays(1).AddHours(3))),
            ("Input.DurationHours", "1")), "handler=Dispatch");

        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Equal(technician, (await factory.LoadRequestAsync(id)).TechnicianId);
    }

    [Fact]
    public async Task Dispatch_to_an_inactive_technician_or_into_the_past_is_refused_and_nothing_changes()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        var inactive = await factory.CreateTechnicianAsync("停用师傅", active: false);
        var active = await factory.CreateTechnicianAsync("在岗师傅");
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var before = await factory.SnapshotAsync(id);

        var (_, page) = await agent.GetPageAsync(DeskData.Details(id));
        Assert.Null(page.QuerySelector($"#tech-{inactive}"));
        var version = before.Version.ToString();
        using var toInactive = await agent.PostWithTokenAsync(DeskData.Details(id) + "?handler=Dispatch", DeskData.Details(id), new Dictionary<string, string>
        {
            ["Input.Version"] = version,
            ["Input.TechnicianId"] = inactive.ToString(CultureInfo.InvariantCulture),
            ["Input.AppointmentStart"] = LocalInput(factory.Now().AddDays(1)),
            ["Input.DurationHours"] = "2",
        });
        using var inThePast = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", active.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(factory.Now().AddHours(-2)))), "handler=Dispatch");
        using var tooLong = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.TechnicianId", active.ToString(CultureInfo.InvariantCulture)),
            ("Input.AppointmentStart", LocalInput(factory.Now().AddDays(1))),
            ("Input.DurationHours", "9")), "handler=Dispatch");

        Assert.Contains(factory.InChinese("The technician is not active and cannot be dispatched."), (await toInactive.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(factory.InChinese("The appointment window cannot start in the past."), (await inThePast.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(factory.InChinese("The appointment lasts 1 to 4 hours."), (await tooLong.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Null((await factory.LoadRequestAsync(id)).TechnicianId);
    }

    [Fact]
    public async Task An_emergency_cannot_be_closed_by_the_customer_before_the_review_and_can_after()
    {
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        await factory.ChangeRequestAsync(id, (r, at) => r.ChangePriority(RequestPriority.Emergency, "地面积水", ServiceLevelPolicy.Default, DeskData.Desk, at));
        await using (var scope = factory.OpenDb())
        {
            var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
            var technician = await scope.Db.Technicians.FirstAsync(t => t.Active);
            var now = factory.Now();
            request.Acknowledge(DeskData.Desk, now);
            request.Dispatch(technician, new AppointmentWindow(now, now.AddHours(1)), DeskData.Desk, now);
            request.StartVisit(new RequestActor(technician.UserId, technician.Name), now);
            request.Complete("更换阀芯，已止水。", new RequestActor(technician.UserId, technician.Name), now);
            await scope.Db.SaveChangesAsync();
        }

        Assert.Equal(customerId, (await factory.SnapshotAsync(id)).CustomerId);
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var portal = "/Portal/Requests/Details/" + id.ToString(CultureInfo.InvariantCulture);
        var (_, staffPage) = await agent.GetPageAsync(DeskData.Details(id));
        Assert.NotNull(staffPage.QuerySelector("#emergency-banner"));

        using var early = await customer.PostWithTokenAsync(portal + "?handler=Confirm", portal, new Dictionary<string, string>
        {
            ["Input.Version"] = (await factory.SnapshotAsync(id)).Version.ToString(),
            ["Input.Rating"] = "5",
        });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(RequestStatus.Completed, (await factory.SnapshotAsync(id)).Status);

        using var reviewed = await agent.SubmitFormAsync(DeskData.Details(id), Fields(
            ("Input.RootCause", "阀芯老化"), ("Input.PreventiveMeasures", "每年检查阀芯")), "handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        var afterReview = await factory.LoadRequestAsync(id);
        Assert.Equal("阀芯老化", afterReview.IncidentRootCause);
        Assert.Equal("陈客服", afterReview.IncidentReviewedBy);

        using var confirmed = await customer.SubmitFormAsync(portal, Fields(("Input.Rating", "5")), "handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(RequestStatus.Closed, (await factory.SnapshotAsync(id)).Status);
    }

    [Fact]
    public async Task Internal_notes_are_marked_on_the_desk_and_never_shown_in_the_portal()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var note = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Text", "内部：客户脾气急")), "handler=Comment");
        using var message = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Text", "师傅明天联系您"), ("Input.VisibleToCustomer", "true")), "handler=Comment");

        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, message.StatusCode);
        var (_, desk) = await agent.GetPageAsync(DeskData.Details(id));
        var timeline = desk.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("内部：客户脾气急", timeline, StringComparison.Ordinal);
        Assert.Contains(factory.InChinese("Internal"), timeline, StringComparison.Ordinal);
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        var (_, portal) = await customer.GetPageAsync("/Portal/Requests/Details/" + id.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain("内部：客户脾气急", portal.VisibleText(), StringComparison.Ordinal);
        Assert.Contains("师傅明天联系您", portal.VisibleText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Priority_and_type_change_with_a_reason_and_recompute_the_deadlines()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, RequestType.Repair);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var priority = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Priority", "Emergency"), ("Input.Reason", "漏水严重")), "handler=Priority");
        using var type = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Type", "PartsReplacement"), ("Input.Reason", "需换件")), "handler=Type");
        using var unchanged = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Type", "PartsReplacement"), ("Input.Reason", "再次")), "handler=Type");

        Assert.Equal(HttpStatusCode.Redirect, priority.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, type.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestPriority.Emergency, request.Priority);
        Assert.Equal(RequestType.PartsReplacement, request.Type);
        Assert.Equal(request.SubmittedAt.AddHours(2), request.ResponseDueAt);
    }

    [Fact]
    public async Task Staff_cancel_needs_a_reason()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer);
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var before = await factory.SnapshotAsync(id);

        using var refused = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Reason", " ")), "handler=Cancel");
        Assert.Equal(before, await factory.SnapshotAsync(id));
        using var cancelled = await agent.SubmitFormAsync(DeskData.Details(id), Fields(("Input.Reason", "客户电话取消")), "handler=Cancel");

        Assert.Contains(factory.InChinese("Please give a reason."), (await refused.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(RequestStatus.Cancelled, (await factory.SnapshotAsync(id)).Status);
    }

    [Fact]
    public async Task An_unknown_request_is_not_found()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (response, _) = await agent.GetPageAsync(DeskData.Details(987654));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_detail_shows_the_archive_the_history_and_the_technicians_best_match_first()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Acknowledged);
        await factory.CreateTechnicianAsync("外区师傅", true, "崇明区");
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (response, page) = await agent.GetPageAsync(DeskData.Details(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("张伟", page.QuerySelector("#customer-name")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("#history-heading ~ ul li"));
        var names = page.QuerySelectorAll("input[name='Input.TechnicianId']")
            .Select(i => page.QuerySelector($"label[for='{i.Id}'] .fw-semibold")!.TextContent)
            .ToList();
        // Every other technician serves the visit district (浦东新区); the one who does not comes last.
        Assert.Contains("王师傅", names);
        Assert.Equal("外区师傅", names[^1]);
    }
}
