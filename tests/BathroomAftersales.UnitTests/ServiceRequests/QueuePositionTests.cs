using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.ServiceRequests;

/// <summary>The stored queue keys the desk's queue is sorted and paged by follow every change of the request.</summary>
public sealed class QueuePositionTests
{
    [Fact]
    public void A_new_request_waits_in_the_normal_rank_on_its_response_deadline()
    {
        var request = new RequestScenario().Submit();

        Assert.Equal(ServiceRequest.QueueRankNormal, request.QueueRank);
        Assert.Equal(request.ResponseDueAt, request.QueueDueAt);
    }

    [Fact]
    public void An_emergency_is_ranked_before_every_other_request()
    {
        var request = new RequestScenario().Submit(priority: RequestPriority.Emergency);

        Assert.Equal(ServiceRequest.QueueRankEmergency, request.QueueRank);
        Assert.True(ServiceRequest.QueueRankEmergency < ServiceRequest.QueueRankNormal);
    }

    [Fact]
    public void Once_staff_respond_the_completion_deadline_orders_the_request()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();

        scenario.Acknowledge(request);

        Assert.Equal(request.CompletionDueAt, request.QueueDueAt);
        Assert.NotEqual(request.ResponseDueAt, request.QueueDueAt);
    }

    [Fact]
    public void Raising_the_priority_to_emergency_moves_the_request_up_with_its_shorter_deadline()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();
        var normalDue = request.QueueDueAt;

        request.ChangePriority(RequestPriority.Emergency, "水已漫到客厅", ServiceLevelPolicy.Default, RequestScenario.Agent, scenario.Now);

        Assert.Equal(ServiceRequest.QueueRankEmergency, request.QueueRank);
        Assert.True(request.QueueDueAt < normalDue);
        Assert.Equal(request.ResponseDueAt, request.QueueDueAt);
    }

    [Fact]
    public void A_cancelled_request_leaves_the_queue()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();

        request.Cancel("已自行修好", byCustomer: true, RequestScenario.Customer, scenario.Now);

        Assert.Equal(ServiceRequest.QueueRankFinished, request.QueueRank);
    }

    [Fact]
    public void A_closed_request_leaves_the_queue_and_a_reopened_one_comes_back()
    {
        var scenario = new RequestScenario();
        var request = scenario.DriveTo(RequestStatus.Closed);
        Assert.Equal(ServiceRequest.QueueRankFinished, request.QueueRank);

        request.Reopen("还是漏水", RequestScenario.Customer, scenario.Now);

        Assert.Equal(ServiceRequest.QueueRankNormal, request.QueueRank);
    }
}
