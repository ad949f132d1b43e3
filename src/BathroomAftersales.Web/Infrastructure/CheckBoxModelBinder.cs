using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Binds a bool (a check box) like the built-in binder, but when the posted value is not a bool ("abc") it keeps false
/// as the value to show again. The error stays; without this the check box tag helper, redisplaying the form, converts
/// the posted text to a bool and throws: a hand-made post would get a 500 instead of the form with its error.
/// </summary>
public sealed class CheckBoxModelBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        await inner.BindModelAsync(bindingContext);
        if (!bindingContext.Result.IsModelSet
            && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry)
            && entry.ValidationState == ModelValidationState.Invalid)
        {
            entry.RawValue = false;
        }
    }
}

public sealed class CheckBoxModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(bool)
            ? new CheckBoxModelBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }
}
