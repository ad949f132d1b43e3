using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The URL decides the record: a handler parameter or bound property named like a parameter of the page's route
/// (<c>id</c> of <c>@page "{id:int}"</c>, <c>from</c> of the merge page) binds from the route only. Without it a form
/// field or a query value of that name comes first (form, then route, then query), so <c>Id=1</c> posted to
/// <c>/Staff/Customers/Edit/5</c> would edit customer 1. Every page with a route parameter gets it, new ones included.
/// </summary>
public sealed class RouteValuesBindFromRoute : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ActionDescriptor.AttributeRouteInfo?.Template is not { } template)
        {
            return;
        }

        var routeParameters = RoutePatternFactory.Parse(template).Parameters
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (routeParameters.Count == 0)
        {
            return;
        }

        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters))
        {
            if (routeParameters.Contains(parameter.BindingInfo?.BinderModelName ?? parameter.ParameterName))
            {
                parameter.BindingInfo = FromRoute(parameter.BindingInfo);
            }
        }

        foreach (var property in model.HandlerProperties.Where(p => p.BindingInfo is not null))
        {
            if (routeParameters.Contains(property.BindingInfo!.BinderModelName ?? property.PropertyName))
            {
                property.BindingInfo = FromRoute(property.BindingInfo);
            }
        }
    }

    private static BindingInfo FromRoute(BindingInfo? declared) =>
        new(declared ?? new BindingInfo()) { BindingSource = BindingSource.Path };
}
