using BathroomAftersales.Domain.Surveys;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Surveys;

/// <summary>The survey form, shared by the personal link (/Survey/{token}) and the portal (/Portal/Surveys/Answer/{id}).</summary>
public sealed class SurveyAnswerInput
{
    public int? Overall { get; set; }

    public int? Timeliness { get; set; }

    public int? Professionalism { get; set; }

    public int? Quality { get; set; }

    public int? Recommend { get; set; }

    public string? Comment { get; set; }

    /// <summary>Call after the validator passed.</summary>
    public SurveyAnswers ToAnswers() =>
        new(Overall ?? 0, Timeliness ?? 0, Professionalism ?? 0, Quality ?? 0, Recommend ?? -1, Comment);
}

public sealed class SurveyAnswerInputValidator : AbstractValidator<SurveyAnswerInput>
{
    public SurveyAnswerInputValidator(IStringLocalizer<SharedResource> localizer)
    {
        foreach (var score in new System.Linq.Expressions.Expression<Func<SurveyAnswerInput, int?>>[]
        {
            x => x.Overall, x => x.Timeliness, x => x.Professionalism, x => x.Quality,
        })
        {
            RuleFor(score)
                .NotNull().WithMessage(_ => localizer["Please choose a score from 1 to 5."])
                .InclusiveBetween(SurveyResponse.MinScore, SurveyResponse.MaxScore).WithMessage(_ => localizer["Please choose a score from 1 to 5."]);
        }

        RuleFor(x => x.Recommend)
            .NotNull().WithMessage(_ => localizer["Please choose a number from 0 to 10."])
            .InclusiveBetween(0, SurveyResponse.MaxRecommend).WithMessage(_ => localizer["Please choose a number from 0 to 10."]);
        RuleFor(x => x.Comment)
            .MaximumLength(SurveyResponse.CommentMaxLength)
            .WithMessage(_ => localizer["The comment can have at most {0} characters.", SurveyResponse.CommentMaxLength]);
    }
}
