using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Surveys;

/// <summary>
/// A campaign's results (Manager): response rate, averages per question and NPS, all aggregated by the database in one
/// query over the index (CampaignId, SubmittedAt, Id); the comments newest first, paged by keyset on the same index.
/// </summary>
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Campaign Summary { get; private set; } = null!;

    /// <summary>Null when nobody answered yet.</summary>
    public Results? Totals { get; private set; }

    public IReadOnlyList<CommentRow> Comments { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    /// <summary>Responses ÷ invitations, in percent; null when nobody was invited.</summary>
    public decimal? ResponseRate => Summary.Invited == 0 ? null : Math.Round(100m * (Totals?.Responses ?? 0) / Summary.Invited, 1, MidpointRounding.AwayFromZero);

    public decimal? Nps => Totals is { } t ? NetPromoterScore.Compute(t.Promoters, t.Detractors, t.Responses) : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var summary = await db.SurveyCampaigns.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new Campaign(c.Id, c.Quarter, c.Title, c.Audience, c.OpensAt, c.ClosesAt, c.InvitedCount, c.OpenedBy))
            .FirstOrDefaultAsync(cancellationToken);
        if (summary is null)
        {
            return NotFound();
        }

        Summary = summary;
        var responses = db.SurveyResponses.AsNoTracking().Where(r => r.CampaignId == id);
        Totals = await responses
            .GroupBy(r => r.CampaignId)
            .Select(g => new Results(
                g.Count(),
                g.Average(r => (double)r.Overall),
                g.Average(r => (double)r.Timeliness),
                g.Average(r => (double)r.Professionalism),
                g.Average(r => (double)r.Quality),
                g.Average(r => (double)r.Recommend),
                g.Count(r => r.Recommend >= NetPromoterScore.PromoterFrom),
                g.Count(r => r.Recommend <= NetPromoterScore.DetractorUpTo)))
            .FirstOrDefaultAsync(cancellationToken);

        var comments = responses.Where(r => r.Comment != null);
        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var submittedAt, out var lastId))
            {
                return BadRequest();
            }

            comments = comments.Where(r => r.SubmittedAt < submittedAt || (r.SubmittedAt == submittedAt && r.Id < lastId));
        }

        var page = await comments
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Take(PageSize + 1)
            .Select(r => new CommentRow(r.Id, r.SubmittedAt, r.Overall, r.Recommend, r.Comment!))
            .ToListAsync(cancellationToken);
        Comments = [.. page.Take(PageSize)];
        NextCursor = page.Count > PageSize ? KeysetCursor.Format(Comments[^1].SubmittedAt, Comments[^1].Id) : null;
        return Page();
    }

    public sealed record Campaign(int Id, string Quarter, string Title, SurveyAudience Audience, DateTime OpensAt, DateTime ClosesAt, int Invited, string OpenedBy);

    public sealed record Results(
        int Responses, double Overall, double Timeliness, double Professionalism, double Quality, double Recommend, int Promoters, int Detractors);

    public sealed record CommentRow(int Id, DateTime SubmittedAt, int Overall, int Recommend, string Comment);
}
