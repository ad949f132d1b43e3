using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Surveys;

/// <summary>The answers to the survey's questions: four scores 1–5, likelihood to recommend 0–10, an optional comment.</summary>
public sealed record SurveyAnswers(int Overall, int Timeliness, int Professionalism, int Quality, int Recommend, string? Comment);

/// <summary>One customer's answers to one invitation (unique per invitation).</summary>
public sealed class SurveyResponse
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxRecommend = 10;
    public const int CommentMaxLength = 1000;

    private SurveyResponse()
    {
    }

    internal SurveyResponse(int invitationId, int campaignId, SurveyAnswers answers, DateTime nowUtc)
    {
        InvitationId = invitationId;
        CampaignId = campaignId;
        Overall = Score(answers.Overall);
        Timeliness = Score(answers.Timeliness);
        Professionalism = Score(answers.Professionalism);
        Quality = Score(answers.Quality);
        if (answers.Recommend is < 0 or > MaxRecommend)
        {
            throw new DomainException("Survey.RecommendRange", "Likelihood to recommend must be between 0 and 10.");
        }

        Recommend = answers.Recommend;
        Comment = Guard.Optional(answers.Comment, nameof(Comment), CommentMaxLength);
        SubmittedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public int Id { get; private set; }

    public int InvitationId { get; private set; }

    /// <summary>Copied from the invitation so a campaign's results are one indexed aggregate.</summary>
    public int CampaignId { get; private set; }

    public int Overall { get; private set; }

    public int Timeliness { get; private set; }

    public int Professionalism { get; private set; }

    public int Quality { get; private set; }

    /// <summary>0–10: 9–10 promoter, 7–8 passive, 0–6 detractor.</summary>
    public int Recommend { get; private set; }

    public string? Comment { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    private static int Score(int value) => value is >= MinScore and <= MaxScore
        ? value
        : throw new DomainException("Survey.ScoreRange", "Each score must be between 1 and 5.");
}
