using System.Security.Claims;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The technician record of the signed-in user, looked up once per request. Every /Technician query starts from its
/// id, so a technician only ever reaches their own jobs; another technician's job id simply finds nothing (404).
/// </summary>
public sealed class CurrentTechnician(IHttpContextAccessor httpContext, AppDbContext db)
{
    private Record? _record;
    private bool _loaded;

    public async Task<Record?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            var userId = httpContext.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
            _record = userId is null
                ? null
                : await db.Technicians.AsNoTracking()
                    .Where(t => t.UserId == userId)
                    .Select(t => new Record(t.Id, t.UserId, t.Name))
                    .SingleOrDefaultAsync(cancellationToken);
            _loaded = true;
        }

        return _record;
    }

    public sealed record Record(int Id, string UserId, string Name);
}
