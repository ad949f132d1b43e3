using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>When the technician is expected on site, stored in UTC.</summary>
public readonly record struct AppointmentWindow
{
    public AppointmentWindow(DateTime startUtc, DateTime endUtc)
    {
        Guard.Utc(startUtc, nameof(startUtc));
        Guard.Utc(endUtc, nameof(endUtc));
        if (endUtc <= startUtc)
        {
            throw new DomainException("Appointment.EndBeforeStart", "The appointment window must end after it starts.");
        }

        if (endUtc - startUtc > TimeSpan.FromHours(12))
        {
            throw new DomainException("Appointment.TooLong", "An appointment window can be at most 12 hours long.");
        }

        Start = startUtc;
        End = endUtc;
    }

    public DateTime Start { get; }

    public DateTime End { get; }
}
