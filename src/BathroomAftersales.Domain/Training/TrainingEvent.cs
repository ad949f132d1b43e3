using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Training;

/// <summary>
/// A customer training event (clauses 2.2(5), 4.2(3): at least two held a year). Seats are counted from the
/// registrations, and every registration change goes through the event, whose <see cref="Version"/> is the
/// concurrency token: two customers taking the last seat at once cannot both be saved.
/// </summary>
public sealed class TrainingEvent : IVersioned
{
    public const int TopicMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int PlaceMaxLength = 200;
    public const int OnlineLinkMaxLength = 500;
    public const int MinCapacity = 1;
    public const int MaxCapacity = 500;

    private readonly List<TrainingRegistration> _registrations = [];

    private TrainingEvent()
    {
        Topic = string.Empty;
    }

    public int Id { get; private set; }

    public string Topic { get; private set; }

    public string? Description { get; private set; }

    public DateTime StartsAt { get; private set; }

    public DateTime EndsAt { get; private set; }

    public string? Place { get; private set; }

    public string? OnlineLink { get; private set; }

    public int Capacity { get; private set; }

    public TrainingEventStatus Status { get; private set; }

    public Guid Version { get; set; }

    /// <summary>The key of the form that planned the event: the same form sent twice plans one event (ADR 0012).</summary>
    public Guid? IdempotencyKey { get; private set; }

    public IReadOnlyCollection<TrainingRegistration> Registrations => _registrations;

    public int SeatsTaken => _registrations.Count(r => r.IsActive);

    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);

    public static TrainingEvent Plan(
        string topic, string? description, DateTime startsAtUtc, DateTime endsAtUtc, string? place, string? onlineLink, int capacity, DateTime nowUtc,
        Guid? idempotencyKey = null)
    {
        var training = new TrainingEvent { Status = TrainingEventStatus.Planned, IdempotencyKey = idempotencyKey };
        training.Apply(topic, description, startsAtUtc, endsAtUtc, place, onlineLink, capacity, nowUtc);
        return training;
    }

    /// <summary>Changes the details of a planned event; the capacity cannot drop below the seats already taken.</summary>
    public void Edit(
        string topic, string? description, DateTime startsAtUtc, DateTime endsAtUtc, string? place, string? onlineLink, int capacity, DateTime nowUtc)
    {
        RequirePlanned();
        if (capacity < SeatsTaken)
        {
            throw new DomainException("Training.CapacityBelowSeats", "The capacity cannot be less than the seats already taken.");
        }

        Apply(topic, description, startsAtUtc, endsAtUtc, place, onlineLink, capacity, nowUtc);
    }

    public TrainingRegistration Register(int customerId, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (Status == TrainingEventStatus.Cancelled)
        {
            throw new DomainException("Training.Cancelled", "This event has been cancelled.");
        }

        if (Status == TrainingEventStatus.Held || nowUtc >= StartsAt)
        {
            throw new DomainException("Training.Past", "Registration is closed: the event has already started.");
        }

        if (_registrations.Any(r => r.CustomerId == customerId && r.IsActive))
        {
            throw new DomainException("Training.AlreadyRegistered", "You are already registered for this event.");
        }

        if (SeatsLeft == 0)
        {
            throw new DomainException("Training.Full", "This event is full.");
        }

        var registration = new TrainingRegistration(customerId, nowUtc);
        _registrations.Add(registration);
        return registration;
    }

    /// <summary>The customer gives up their seat; only before the event starts.</summary>
    public void CancelRegistration(int customerId, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        var registration = _registrations.FirstOrDefault(r => r.CustomerId == customerId && r.IsActive)
            ?? throw new DomainException("Training.NotRegistered", "You are not registered for this event.");
        if (nowUtc >= StartsAt)
        {
            throw new DomainException("Training.CancelTooLate", "A registration can be cancelled only before the event starts.");
        }

        registration.Cancel(nowUtc);
    }

    public void Cancel(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        RequirePlanned();
        Status = TrainingEventStatus.Cancelled;
    }

    /// <summary>Ticks who came: the registrations whose ids are in <paramref name="attendedRegistrationIds"/>; the others did not.</summary>
    public void MarkAttendance(IEnumerable<int> attendedRegistrationIds, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(attendedRegistrationIds);
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (Status == TrainingEventStatus.Cancelled)
        {
            throw new DomainException("Training.Cancelled", "This event has been cancelled.");
        }

        if (nowUtc < StartsAt)
        {
            throw new DomainException("Training.AttendanceTooEarly", "Attendance can be marked once the event has started.");
        }

        var attended = attendedRegistrationIds.ToHashSet();
        foreach (var registration in _registrations.Where(r => r.IsActive))
        {
            registration.SetAttended(attended.Contains(registration.Id));
        }
    }

    public void MarkHeld(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        RequirePlanned();
        if (nowUtc < EndsAt)
        {
            throw new DomainException("Training.HeldTooEarly", "An event can be marked held only after it ends.");
        }

        Status = TrainingEventStatus.Held;
    }

    private void RequirePlanned()
    {
        if (Status != TrainingEventStatus.Planned)
        {
            throw new DomainException("Training.NotPlanned", "Only a planned event can be changed.");
        }
    }

    private void Apply(
        string topic, string? description, DateTime startsAtUtc, DateTime endsAtUtc, string? place, string? onlineLink, int capacity, DateTime nowUtc)
    {
        Guard.Utc(startsAtUtc, nameof(startsAtUtc));
        Guard.Utc(endsAtUtc, nameof(endsAtUtc));
        Guard.Utc(nowUtc, nameof(nowUtc));
        var cleanTopic = Guard.Required(topic, nameof(Topic), TopicMaxLength);
        var cleanPlace = Guard.Optional(place, nameof(Place), PlaceMaxLength);
        var cleanLink = Guard.Optional(onlineLink, nameof(OnlineLink), OnlineLinkMaxLength);
        if (cleanPlace is null && cleanLink is null)
        {
            throw new DomainException("Training.PlaceOrLink", "Give a place or an online link.");
        }

        if (cleanLink is not null
            && !(Uri.TryCreate(cleanLink, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            throw new DomainException("Training.LinkScheme", "The online link must start with http:// or https://.");
        }

        if (endsAtUtc <= startsAtUtc)
        {
            throw new DomainException("Training.EndBeforeStart", "The event must end after it starts.");
        }

        if (startsAtUtc <= nowUtc)
        {
            throw new DomainException("Training.StartInPast", "The event must start in the future.");
        }

        if (capacity is < MinCapacity or > MaxCapacity)
        {
            throw new DomainException("Training.Capacity", "The capacity is 1 to 500.");
        }

        Topic = cleanTopic;
        Description = Guard.Optional(description, nameof(Description), DescriptionMaxLength);
        StartsAt = startsAtUtc;
        EndsAt = endsAtUtc;
        Place = cleanPlace;
        OnlineLink = cleanLink;
        Capacity = capacity;
    }
}
