using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// A request naming a handler the page does not have (<c>?handler=Nothing</c>), or a POST to a page without a POST
/// handler, is "not found". Razor Pages would otherwise render the page without running any handler, on a model that
/// was never loaded, and answer 500.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (context.HandlerMethod is null
            && context.ActionDescriptor.HandlerMethods.Count > 0
            && !IsErrorPageReExecution(context.HttpContext)
            && (!HttpMethods.IsGet(request.Method) || request.Query.ContainsKey("handler") || context.RouteData.Values.ContainsKey("handler")))
        {
            context.Result = new NotFoundResult();
            return Task.CompletedTask;
        }

        return next();
    }

    /// <summary>The error page shown for an exception or a status code keeps the failed request's method: it always renders.</summary>
    private static bool IsErrorPageReExecution(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
}
