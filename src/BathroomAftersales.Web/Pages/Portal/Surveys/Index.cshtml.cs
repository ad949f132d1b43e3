using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Surveys;

/// <summary>My survey invitations that can still be answered (few: one per quarter at most).</summary>
public sealed class IndexModel(AppDbContext db, CurrentCustomer currentCustomer, LocalClock clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var now = clock.UtcNow;
        Rows = await (
                from i in db.SurveyInvitations.AsNoTracking()
                join c in db.SurveyCampaigns on i.CampaignId equals c.Id
                where i.CustomerId == customerId && i.AnsweredAt == null && i.ExpiresAt > now && c.OpensAt <= now
                orderby i.ExpiresAt, i.Id
                select new Row(i.Id, c.Quarter, c.Title, i.ExpiresAt))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string Quarter, string Title, DateTime ClosesAt);
}
