using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.Complaints;

public sealed class FollowUpTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void Only_a_rating_of_one_or_two_is_low(int rating, bool low) => Assert.Equal(low, FollowUp.IsLowRating(rating));

    [Fact]
    public void A_request_without_a_rating_opens_no_follow_up()
    {
        var request = ServiceRequest.Submit(
            "SR-20261125-0001", 1, null, RequestType.UsageQuestion, RequestChannel.Web, RequestPriority.Normal, "怎么清洁花洒", null,
            ServiceLevelPolicy.Default, RequestActor.System, new DateTime(2026, 11, 25, 1, 0, 0, DateTimeKind.Utc));

        Assert.Null(FollowUp.ForRating(request, new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc)));
    }
}
