using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Files;

public static class PhotoMessages
{
    public static string For(PhotoRejectedException rejected, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(localizer);
        return rejected.Problem switch
        {
            PhotoProblem.TooLarge => localizer["“{0}” is larger than 10 MB. Please choose a smaller photo.", rejected.FileName],
            PhotoProblem.TooManyPixels => localizer["“{0}” has too many pixels. Please choose a smaller photo.", rejected.FileName],
            _ => localizer["“{0}” is not a JPEG, PNG or WebP photo.", rejected.FileName],
        };
    }
}
