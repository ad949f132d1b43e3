using BathroomAftersales.Domain.Common;

using FluentValidation.Results;

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure;

public static class PageExtensions
{
    public const string StatusMessageKey = "StatusMessage";

    /// <summary>Copies FluentValidation failures into ModelState under the input model's prefix ("Input.").</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationResult result, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(error.PropertyName) ? string.Empty : $"{prefix}.{error.PropertyName}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }

    /// <summary>A refused business rule as a form-level error, in the user's language.</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException exception, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        modelState.AddModelError(string.Empty, localizer.Localize(exception));
    }

    /// <summary>
    /// A domain message is looked up by its English text; messages that carry values are looked up by their code with
    /// the values as arguments; the English text is the fallback.
    /// </summary>
    public static string Localize(this IStringLocalizer localizer, DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(exception);
        var byMessage = localizer[exception.Message];
        if (!byMessage.ResourceNotFound)
        {
            return byMessage.Value;
        }

        // Statuses and types named in the message are translated too ("当前状态为“已受理”…", not "…“Acknowledged”…").
        var arguments = exception.Arguments.Select(a => a is Enum value ? localizer[value.ToString()].Value : a).ToArray();
        var byCode = localizer[exception.Code, arguments];
        return byCode.ResourceNotFound ? exception.Message : byCode.Value;
    }

    /// <summary>The confirmation shown at the top of the next page after an action succeeded.</summary>
    public static void SetStatusMessage(this ITempDataDictionary tempData, string message)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[StatusMessageKey] = message;
    }
}
