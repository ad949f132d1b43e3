namespace BathroomAftersales.Web;

/// <summary>
/// Marker for the app's one resource set (Resources/SharedResource.*.resx). Keys are the English text, so en-US needs
/// no file of its own; every key must have a zh-CN translation (a test checks every key the pages use).
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; never instantiated.
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
