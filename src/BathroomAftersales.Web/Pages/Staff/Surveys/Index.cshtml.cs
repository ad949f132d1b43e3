using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Surveys;

/// <summary>The quarterly campaigns (Manager), newest quarter first: at most four a year, so no paging.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.SurveyCampaigns.AsNoTracking()
            .OrderByDescending(c => c.Quarter)
            .Select(c => new Row(c.Id, c.Quarter, c.Title, c.OpensAt, c.ClosesAt, c.InvitedCount, db.SurveyResponses.Count(r => r.CampaignId == c.Id)))
            .ToListAsync(cancellationToken);

    public sealed record Row(int Id, string Quarter, string Title, DateTime OpensAt, DateTime ClosesAt, int Invited, int Responses);
}
