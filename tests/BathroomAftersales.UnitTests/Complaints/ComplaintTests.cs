using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.Extensions.Time.Testing;

namespace BathroomAftersales.UnitTests.Complaints;

/// <summary>Complaint deadlines (clause 7.3), the accept/dispute path, escalation once per breach, refused moves.</summary>
public sealed class ComplaintTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly RequestActor Customer = new("customer-1", "张女士");
    private static readonly RequestActor Agent = new("agent-1", "客服小李");

    private readonly FakeTimeProvider _clock = new(Start);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void A_complaint_is_due_to_be_acknowledged_in_24_hours_and_resolved_in_7_days()
    {
        var complaint = Receive();

        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal(Now.AddHours(24), complaint.AcknowledgeBy);
        Assert.Equal(Now.AddDays(7), complaint.ResolveBy);
        Assert.Equal(complaint.AcknowledgeBy, complaint.DueAt);
    }

    [Fact]
    public void Deadlines_follow_the_settings_in_force_when_received()
    {
        var complaint = Receive(new ComplaintDeadlines(8, 3));

        Assert.Equal(Now.AddHours(8), complaint.AcknowledgeBy);
        Assert.Equal(Now.AddDays(3), complaint.ResolveBy);
    }

    [Fact]
    public void Acknowledged_complaints_are_listed_by_their_resolve_deadline()
    {
        var complaint = Receive();
        complaint.Acknowledge(Agent, Now);

        Assert.Equal(complaint.ResolveBy, complaint.DueAt);
    }

    [Fact]
    public void A_resolved_complaint_accepted_by_the_customer_is_closed()
    {
        var complaint = Resolved();
        _clock.Advance(TimeSpan.FromHours(2));

        complaint.Accept(Customer, Now);

        Assert.Equal(ComplaintStatus.Accepted, complaint.Status);
        Assert.Equal(Now, complaint.ClosedAt);
        Assert.False(complaint.IsOpen);
    }

    [Fact]
    public void A_dispute_reopens_the_investigation_with_a_new_resolve_deadline_from_the_dispute()
    {
        var complaint = Resolved();
        _clock.Advance(TimeSpan.FromDays(2));

        complaint.Dispute("水龙头还是漏水", ComplaintDeadlines.Default, Customer, Now);

        Assert.Equal(ComplaintStatus.Investigating, complaint.Status);
        Assert.Equal(Now.AddDays(7), complaint.ResolveBy);
        Assert.Equal(complaint.ResolveBy, complaint.DueAt);
        Assert.Null(complaint.ResolvedAt);
        Assert.Equal(1, complaint.DisputeCount);
        Assert.Contains(complaint.Events, e => e.Kind == ComplaintEventKind.Disputed && e.VisibleToCustomer && e.Note == "水龙头还是漏水");
    }

    [Fact]
    public void A_dispute_needs_a_reason()
    {
        var complaint = Resolved();

        var refused = Assert.Throws<DomainException>(() => complaint.Dispute(" ", ComplaintDeadlines.Default, Customer, Now));

        Assert.Equal("Complaint.ReasonRequired", refused.Code);
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }

    [Fact]
    public void Resolving_needs_a_resolution_text()
    {
        var complaint = Receive();
        complaint.Acknowledge(Agent, Now);

        var refused = Assert.Throws<DomainException>(() => complaint.Resolve("", Agent, Now));

        Assert.Equal("Complaint.ResolutionRequired", refused.Code);
    }

    [Fact]
    public void Investigation_notes_are_internal_and_the_first_one_starts_the_investigation()
    {
        var complaint = Receive();
        complaint.Acknowledge(Agent, Now);

        complaint.AddInvestigationNote("已联系师傅核实", Agent, Now);

        Assert.Equal(ComplaintStatus.Investigating, complaint.Status);
        Assert.Contains(complaint.Events, e => e.Kind == ComplaintEventKind.Note && !e.VisibleToCustomer);
    }

    [Fact]
    public void Illegal_moves_are_refused()
    {
        var received = Receive();
        Assert.Throws<DomainException>(() => received.Resolve("已处理", Agent, Now));
        Assert.Throws<DomainException>(() => received.Accept(Customer, Now));
        Assert.Throws<DomainException>(() => received.Dispute("不满意", ComplaintDeadlines.Default, Customer, Now));
        Assert.Throws<DomainException>(() => received.AddInvestigationNote("记录", Agent, Now));

        var accepted = Resolved();
        accepted.Accept(Customer, Now);
        Assert.Throws<DomainException>(() => accepted.Acknowledge(Agent, Now));
        Assert.Throws<DomainException>(() => accepted.Dispute("不满意", ComplaintDeadlines.Default, Customer, Now));
        Assert.Throws<DomainException>(() => accepted.AssignOwner("agent-2", "客服小王", Agent, Now));
    }

    [Fact]
    public void A_missed_acknowledgement_is_escalated_once_and_not_before_the_deadline()
    {
        var complaint = Receive();

        _clock.Advance(TimeSpan.FromHours(24));
        Assert.False(complaint.EscalateAcknowledgeIfOverdue(Now));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var results = Enumerable.Range(0, 3).Select(_ => complaint.EscalateAcknowledgeIfOverdue(Now)).ToList();

        Assert.Equal([true, false, false], results);
        Assert.Single(complaint.Events, e => e.Kind == ComplaintEventKind.Escalated);
        Assert.Equal(Now, complaint.AcknowledgeEscalatedAt);
    }

    [Fact]
    public void A_missed_resolve_deadline_is_escalated_once_and_again_only_for_the_new_deadline_of_a_dispute()
    {
        var complaint = Receive();
        complaint.Acknowledge(Agent, Now);
        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        Assert.True(complaint.EscalateResolveIfOverdue(Now));
        Assert.False(complaint.EscalateResolveIfOverdue(Now));

        complaint.Resolve("已更换阀芯", Agent, Now);
        complaint.Dispute("还是漏水", ComplaintDeadlines.Default, Customer, Now);
        Assert.Null(complaint.ResolveEscalatedAt);
        Assert.False(complaint.EscalateResolveIfOverdue(Now));

        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.True(complaint.EscalateResolveIfOverdue(Now));
        Assert.False(complaint.EscalateResolveIfOverdue(Now));
        Assert.Equal(2, complaint.Events.Count(e => e.Kind == ComplaintEventKind.Escalated));
    }

    [Fact]
    public void A_resolved_complaint_is_not_escalated()
    {
        var complaint = Resolved();
        _clock.Advance(TimeSpan.FromDays(30));

        Assert.False(complaint.EscalateResolveIfOverdue(Now));
        Assert.False(complaint.EscalateAcknowledgeIfOverdue(Now));
    }

    [Fact]
    public void Complaint_numbers_read_CP_date_and_a_four_digit_sequence()
    {
        Assert.Equal("CP-20261125-0007", ComplaintNumber.Format(new DateOnly(2026, 11, 25), 7));
    }

    [Fact]
    public void Settings_outside_the_allowed_range_are_refused()
    {
        Assert.Throws<DomainException>(() => new ComplaintSettings(new ComplaintDeadlines(0, 7), "经理", Now));
        Assert.Throws<DomainException>(() => new ComplaintSettings(new ComplaintDeadlines(24, ComplaintSettings.MaxResolveDays + 1), "经理", Now));
    }

    private Complaint Receive(ComplaintDeadlines? deadlines = null) =>
        Complaint.Receive("CP-20261125-0001", 1, null, ComplaintCategory.Timeliness, ComplaintChannel.Web, "师傅迟到两个小时", deadlines ?? ComplaintDeadlines.Default, Customer, Now);

    private Complaint Resolved()
    {
        var complaint = Receive();
        complaint.Acknowledge(Agent, Now);
        _clock.Advance(TimeSpan.FromHours(3));
        complaint.Resolve("已向客户致歉并调整排班", Agent, Now);
        return complaint;
    }
}
