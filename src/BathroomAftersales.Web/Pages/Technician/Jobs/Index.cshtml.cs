using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Technician.Jobs;

/// <summary>
/// The technician's jobs, phone first: overdue (the appointment has passed or the completion target is missed), today,
/// and upcoming, each in appointment order. Only jobs assigned to the signed-in technician.
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock, CurrentTechnician currentTechnician) : PageModel
{
    public bool HasTechnicianRecord { get; private set; }

    public string? TechnicianName { get; private set; }

    /// <summary>Jobs under way and jobs whose appointment starts today (or started earlier and is still scheduled).</summary>
    public IReadOnlyList<JobRow> Today { get; private set; } = [];

    public IReadOnlyList<JobRow> Upcoming { get; private set; } = [];

    /// <summary>Still scheduled after the appointment window ended, or past the completion target.</summary>
    public IReadOnlyList<JobRow> Overdue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var technician = await currentTechnician.GetAsync(cancellationToken);
        if (technician is null)
        {
            return;
        }

        HasTechnicianRecord = true;
        TechnicianName = technician.Name;

        var jobs = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.TechnicianId == technician.Id
                && (r.Status == RequestStatus.Scheduled || r.Status == RequestStatus.InProgress))
            .OrderBy(r => r.AppointmentStart)
            .ThenBy(r => r.Id)
            .Select(r => new JobRow(
                r.Id,
                r.Number,
                r.Type,
                r.Priority,
                r.Status,
                r.AppointmentStart,
                r.AppointmentEnd,
                r.VisitAddress == null ? null : r.VisitAddress.District,
                r.CompletionDueAt))
            .ToListAsync(cancellationToken);

        var now = clock.UtcNow;
        var tomorrowStartUtc = clock.ToUtc(clock.Today.AddDays(1).ToDateTime(TimeOnly.MinValue));
        Overdue = [.. jobs.Where(j => j.CompletionDueAt < now || (j.Status == RequestStatus.Scheduled && j.AppointmentEnd < now))];
        Today = [.. jobs.Except(Overdue).Where(j => j.Status == RequestStatus.InProgress || j.AppointmentStart is null || j.AppointmentStart < tomorrowStartUtc)];
        Upcoming = [.. jobs.Except(Overdue).Except(Today)];
    }
}

public sealed record JobRow(
    int Id,
    string Number,
    RequestType Type,
    RequestPriority Priority,
    RequestStatus Status,
    DateTime? AppointmentStart,
    DateTime? AppointmentEnd,
    string? District,
    DateTime CompletionDueAt);
