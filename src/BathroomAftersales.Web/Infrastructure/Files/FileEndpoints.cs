using System.Security.Claims;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Files;

public static class FileEndpoints
{
    /// <summary>
    /// /files/{id} and /files/{id}/thumb: a stored photo for its owner, the service desk, or the technician assigned to
    /// the open request it belongs to. Anyone else gets 404, the same as for a file that does not exist.
    /// </summary>
    public static void MapFileEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/files/{id:guid}/{variant?}", ServeAsync).RequireAuthorization();

    private static async Task<IResult> ServeAsync(Guid id, string? variant, HttpContext context, AppDbContext db, PhotoStore store, CancellationToken cancellationToken)
    {
        if (variant is not (null or "thumb"))
        {
            return Results.NotFound();
        }

        var file = await db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == id)
            .Select(f => new { f.CustomerId, f.ServiceRequestId, f.StorageName, f.ThumbnailName, f.ContentType })
            .FirstOrDefaultAsync(cancellationToken);
        if (file is null || !await MaySeeAsync(context.User, file.CustomerId, file.ServiceRequestId, db, cancellationToken))
        {
            return Results.NotFound();
        }

        var name = variant is null ? file.StorageName : file.ThumbnailName;
        if (!store.Exists(name))
        {
            return Results.NotFound();
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.Stream(store.OpenRead(name), file.ContentType);
    }

    private static async Task<bool> MaySeeAsync(ClaimsPrincipal user, int customerId, int? requestId, AppDbContext db, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.CrmAgent) || user.IsInRole(Roles.Manager))
        {
            return true;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return false;
        }

        if (user.IsInRole(Roles.Customer)
            && await db.Customers.AnyAsync(c => c.Id == customerId && c.UserId == userId, cancellationToken))
        {
            return true;
        }

        return user.IsInRole(Roles.Technician)
            && requestId is not null
            && await db.ServiceRequests.AnyAsync(
                r => r.Id == requestId
                    && r.Status != RequestStatus.Closed
                    && r.Status != RequestStatus.Cancelled
                    && db.Technicians.Any(t => t.Id == r.TechnicianId && t.UserId == userId),
                cancellationToken);
    }
}
