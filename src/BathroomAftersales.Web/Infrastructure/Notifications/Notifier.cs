using System.Globalization;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>Which target an escalation reports.</summary>
public enum EscalationKind
{
    Response,
    Completion,
}

/// <summary>Which complaint deadline an escalation reports.</summary>
public enum ComplaintEscalationKind
{
    Acknowledge,
    Resolve,
}

/// <summary>
/// Queues the messages of a service-request event: an email in the outbox (when the recipient has an address) and an
/// in-app notification. Nothing is sent here: the rows are added to the caller's <see cref="AppDbContext"/> (the scoped
/// one) and commit with the caller's next <c>SaveChanges</c>, in the same transaction as the change they report, so a
/// rolled-back change never sends a message and a committed one never lacks it. Call it after the change and before
/// saving; the request must already have its id (save it once first when it is new).
/// </summary>
public interface INotificationService
{
    /// <summary>The customer is told their request arrived, its number and when to expect a response.</summary>
    Task RequestReceived(ServiceRequest request, CancellationToken cancellationToken = default);

    /// <summary>The customer is told staff have picked up the request (call after <c>Acknowledge</c>).</summary>
    Task RequestAcknowledged(ServiceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The customer is told who comes and when (the appointment window in Asia/Shanghai time); call after
    /// <c>Dispatch</c>. A re-dispatch (another technician or window) queues a new message.
    /// </summary>
    Task RequestDispatched(ServiceRequest request, string technicianName, CancellationToken cancellationToken = default);

    /// <summary>The customer is told the work is done, with a link to rate it.</summary>
    Task RequestCompleted(ServiceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every active Manager is told a target was missed (the escalation job calls this).</summary>
    Task RequestEscalated(ServiceRequest request, EscalationKind kind, CancellationToken cancellationToken = default);

    /// <summary>The customer is told staff have picked up the complaint (call after <c>Acknowledge</c>).</summary>
    Task ComplaintAcknowledged(Complaint complaint, CancellationToken cancellationToken = default);

    /// <summary>The customer is told the resolution and asked to accept or dispute it (call after <c>Resolve</c>).</summary>
    Task ComplaintResolved(Complaint complaint, CancellationToken cancellationToken = default);

    /// <summary>Every active Manager is told a complaint deadline was missed; once per deadline (the dedup key holds it).</summary>
    Task ComplaintEscalated(Complaint complaint, ComplaintEscalationKind kind, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class Notifier(
    AppDbContext db,
    LocalClock clock,
    IStringLocalizer<SharedResource> localizer,
    IConfiguration configuration) : INotificationService
{
    /// <summary>Customers' language is not stored; outgoing messages are written in the product's first language.</summary>
    public static readonly CultureInfo MessageCulture = CultureInfo.GetCultureInfo("zh-CN");

    public Task RequestReceived(ServiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Localize(() => (
            localizer["Service request {0} received", request.Number].Value,
            localizer["We have received your service request {0}. We will respond by {1} (Beijing time).", request.Number, clock.Format(request.ResponseDueAt)].Value));
        return ToCustomerAsync(request, "RequestReceived", $"RequestReceived:{request.Id}", text, cancellationToken);
    }

    public Task RequestAcknowledged(ServiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Localize(() => (
            localizer["Service request {0} is being handled", request.Number].Value,
            localizer["Our service desk has picked up your service request {0} and will contact you soon.", request.Number].Value));
        return ToCustomerAsync(request, "RequestAcknowledged", $"RequestAcknowledged:{request.Id}", text, cancellationToken);
    }

    public Task RequestDispatched(ServiceRequest request, string technicianName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(technicianName);
        var start = request.AppointmentStart ?? throw new InvalidOperationException("The request has no appointment.");
        var end = request.AppointmentEnd ?? start;
        var window = $"{clock.Format(start)}–{clock.ToLocal(end).ToString("HH:mm", CultureInfo.InvariantCulture)}";
        var text = Localize(() => (
            localizer["A technician is coming for service request {0}", request.Number].Value,
            localizer["Technician {0} will visit for service request {1} between {2} (Beijing time).", technicianName, request.Number, window].Value));
        var key = string.Create(CultureInfo.InvariantCulture, $"RequestDispatched:{request.Id}:{request.TechnicianId}:{start.Ticks}");
        return ToCustomerAsync(request, "RequestDispatched", key, text, cancellationToken);
    }

    public Task RequestCompleted(ServiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var link = AbsoluteUrl(DetailsPath(request));
        var text = Localize(() => (
            localizer["Service request {0} is completed", request.Number].Value,
            localizer["Your service request {0} is completed. Please tell us how we did: {1}", request.Number, link].Value));
        var key = string.Create(CultureInfo.InvariantCulture, $"RequestCompleted:{request.Id}:{(request.CompletedAt ?? clock.UtcNow).Ticks}");
        return ToCustomerAsync(request, "RequestCompleted", key, text, cancellationToken);
    }

    public async Task RequestEscalated(ServiceRequest request, EscalationKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var due = kind == EscalationKind.Response ? request.ResponseDueAt : request.CompletionDueAt;
        var (subject, body) = Localize(() => kind == EscalationKind.Response
            ? (localizer["Response overdue: service request {0}", request.Number].Value,
               localizer["Service request {0} was due a response by {1} (Beijing time) and has not been acknowledged.", request.Number, clock.Format(due)].Value)
            : (localizer["Completion overdue: service request {0}", request.Number].Value,
               localizer["Service request {0} was due to be completed by {1} (Beijing time) and is still open.", request.Number, clock.Format(due)].Value));

        await ToManagersAsync("Escalation", managerId => $"Escalation:{kind}:{request.Id}:{managerId}", StaffDetailsPath(request), (subject, body), cancellationToken);
    }

    public Task ComplaintAcknowledged(Complaint complaint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var text = Localize(() => (
            localizer["Complaint {0} is being handled", complaint.Number].Value,
            localizer["We have taken up your complaint {0} and will resolve it by {1} (Beijing time).", complaint.Number, clock.Format(complaint.ResolveBy)].Value));
        return ToCustomerAsync(complaint.CustomerId, complaint.Id, ComplaintPath(complaint), "ComplaintAcknowledged", $"ComplaintAcknowledged:{complaint.Id}", text, cancellationToken);
    }

    public Task ComplaintResolved(Complaint complaint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var link = ComplaintPath(complaint);
        var text = Localize(() => (
            localizer["Complaint {0} is resolved", complaint.Number].Value,
            localizer["Your complaint {0} is resolved: {1} Please accept the resolution or tell us why not: {2}", complaint.Number, complaint.Resolution ?? string.Empty, AbsoluteUrl(link)].Value));
        var key = string.Create(CultureInfo.InvariantCulture, $"ComplaintResolved:{complaint.Id}:{(complaint.ResolvedAt ?? clock.UtcNow).Ticks}");
        return ToCustomerAsync(complaint.CustomerId, complaint.Id, link, "ComplaintResolved", key, text, cancellationToken);
    }

    public async Task ComplaintEscalated(Complaint complaint, ComplaintEscalationKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var due = kind == ComplaintEscalationKind.Acknowledge ? complaint.AcknowledgeBy : complaint.ResolveBy;
        var (subject, body) = Localize(() => kind == ComplaintEscalationKind.Acknowledge
            ? (localizer["Acknowledgement overdue: complaint {0}", complaint.Number].Value,
               localizer["Complaint {0} was due to be acknowledged by {1} (Beijing time) and has not been.", complaint.Number, clock.Format(due)].Value)
            : (localizer["Resolution overdue: complaint {0}", complaint.Number].Value,
               localizer["Complaint {0} was due to be resolved by {1} (Beijing time) and is still open.", complaint.Number, clock.Format(due)].Value));

        // The deadline is part of the key: a dispute's new resolve-by deadline is a new breach and is reported again.
        var link = string.Create(CultureInfo.InvariantCulture, $"/Staff/Complaints/Details/{complaint.Id}");
        await ToManagersAsync(
            "ComplaintEscalation",
            managerId => string.Create(CultureInfo.InvariantCulture, $"ComplaintEscalation:{kind}:{complaint.Id}:{due.Ticks}:{managerId}"),
            link,
            (subject, body),
            cancellationToken);
    }

    /// <summary>The link a customer follows to a complaint in the portal (where they accept or dispute the resolution).</summary>
    public static string ComplaintPath(Complaint complaint) =>
        string.Create(CultureInfo.InvariantCulture, $"/Portal/Complaints/Details/{complaint?.Id}");

    private async Task ToManagersAsync(
        string kind, Func<string, string> keyOf, string link, (string Subject, string Body) text, CancellationToken cancellationToken)
    {
        var managers = await (
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == Roles.Manager && user.IsActive
            select new { user.Id, user.Email }).ToListAsync(cancellationToken);

        var now = clock.UtcNow;
        foreach (var manager in managers)
        {
            var key = keyOf(manager.Id);
            if (await IsQueuedAsync(key, cancellationToken))
            {
                continue;
            }

            if (!string.IsNullOrWhiteSpace(manager.Email))
            {
                db.OutboxMessages.Add(new OutboxMessage(kind, manager.Email, text.Subject, $"{text.Body}\n\n{AbsoluteUrl(link)}", key, now));
            }

            db.Notifications.Add(new Notification(manager.Id, text.Subject, text.Body, link, now));
        }
    }

    /// <summary>The link a customer follows from a message: their request in the portal (where they also rate it).</summary>
    public static string DetailsPath(ServiceRequest request) =>
        string.Create(CultureInfo.InvariantCulture, $"/Portal/Requests/Details/{request?.Id}");

    private static string StaffDetailsPath(ServiceRequest request) =>
        string.Create(CultureInfo.InvariantCulture, $"/Staff/Requests/Details/{request.Id}");

    private Task ToCustomerAsync(ServiceRequest request, string kind, string key, (string Subject, string Body) text, CancellationToken cancellationToken) =>
        ToCustomerAsync(request.CustomerId, request.Id, DetailsPath(request), kind, key, text, cancellationToken);

    private async Task ToCustomerAsync(
        int customerId, int id, string link, string kind, string key, (string Subject, string Body) text, CancellationToken cancellationToken)
    {
        if (id == 0)
        {
            throw new InvalidOperationException("Save the record before queuing its notifications: the messages link to its id.");
        }

        if (IsQueuedHere(key))
        {
            return;
        }

        // Who to tell and whether it was told already, in one round trip.
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new { c.Email, c.UserId, Queued = db.OutboxMessages.Any(m => m.DeduplicationKey == key) })
            .FirstAsync(cancellationToken);
        if (customer.Queued)
        {
            return;
        }

        var now = clock.UtcNow;
        if (!string.IsNullOrWhiteSpace(customer.Email))
        {
            db.OutboxMessages.Add(new OutboxMessage(kind, customer.Email, text.Subject, $"{text.Body}\n\n{AbsoluteUrl(link)}", key, now));
        }

        if (customer.UserId is not null)
        {
            db.Notifications.Add(new Notification(customer.UserId, text.Subject, text.Body, link, now));
        }
    }

    /// <summary>Queued already (saved, or added to this context and not yet saved): the same event never queues twice.</summary>
    private async Task<bool> IsQueuedAsync(string key, CancellationToken cancellationToken) =>
        IsQueuedHere(key) || await db.OutboxMessages.AnyAsync(m => m.DeduplicationKey == key, cancellationToken);

    private bool IsQueuedHere(string key) => db.OutboxMessages.Local.Any(m => m.DeduplicationKey == key);

    private string AbsoluteUrl(string path)
    {
        var baseUrl = configuration["App:PublicUrl"];
        return string.IsNullOrWhiteSpace(baseUrl) ? path : baseUrl.TrimEnd('/') + path;
    }

    internal static T Localize<T>(Func<T> format)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = MessageCulture;
        CultureInfo.CurrentCulture = MessageCulture;
        try
        {
            return format();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }
}
