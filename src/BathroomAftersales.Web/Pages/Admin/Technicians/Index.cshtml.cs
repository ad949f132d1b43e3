using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Admin.Technicians;

/// <summary>The field technicians (Manager, Admin): what they can fix, where, and how much open work each one holds.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Row> Technicians { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A few dozen technicians: the list is not paged; the open-jobs count is one grouped query.
        var technicians = await db.Technicians.AsNoTracking()
            .OrderByDescending(t => t.Active).ThenBy(t => t.Name).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var openJobs = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.TechnicianId != null
                && (r.Status == RequestStatus.Scheduled || r.Status == RequestStatus.InProgress))
            .GroupBy(r => r.TechnicianId!.Value)
            .Select(g => new { TechnicianId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TechnicianId, g => g.Count, cancellationToken);
        Technicians = [.. technicians.Select(t => new Row(
            t.Id, t.Name, t.Mobile, t.Skills, t.Districts, t.Active, openJobs.GetValueOrDefault(t.Id)))];
    }

    public sealed record Row(int Id, string Name, string? Mobile, IReadOnlyList<ProductCategory> Skills, IReadOnlyList<string> Districts, bool Active, int OpenJobs);
}
