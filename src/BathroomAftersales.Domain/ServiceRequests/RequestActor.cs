namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>Who did something to a request, as the timeline shows it. A null user id is the system itself.</summary>
public sealed record RequestActor(string? UserId, string DisplayName)
{
    public static readonly RequestActor System = new(null, "System");
}
