using System.Globalization;
using System.Security.Claims;
using System.Text;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace BathroomAftersales.Web.Pages.Staff.Customers;

/// <summary>
/// 客户档案: search the archive, the work-list of records to fix, possible duplicates by phone, and the
/// archive-accuracy figure of clause 2.2(4) (accurate records ÷ records, merged duplicates left out). Managers may
/// export the archive as CSV; every export is audited (clause 8).
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock, ILogger<IndexModel> logger, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;
    public const int DuplicateGroups = 20;

    private static readonly string[] ExportHeaders = ["Id", "Name", "Type", "Mobile number", "Landline", "Email", "Address", "To fix", "Last changed"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Only records with something to fix.</summary>
    [BindProperty(SupportsGet = true)]
    public bool ToFix { get; set; }

    /// <summary>The id of the last row of the previous page (newest first).</summary>
    [BindProperty(SupportsGet = true)]
    public int? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int? NextCursor { get; private set; }

    public int Total { get; private set; }

    public int Accurate { get; private set; }

    /// <summary>Accurate ÷ total as a percentage, or null for an empty archive (no data, not 0% or 100%).</summary>
    public decimal? Accuracy => Total == 0 ? null : Math.Round(100m * Accurate / Total, 1);

    public IReadOnlyList<DuplicateGroup> Duplicates { get; private set; } = [];

    public bool IsManager => User.IsInRole(Roles.Manager);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var archive = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
        Total = await archive.CountAsync(cancellationToken);
        Accurate = await archive.CountAsync(c => c.ArchiveProblems == ArchiveProblems.None, cancellationToken);

        var query = archive;
        if (ToFix)
        {
            query = query.Where(c => c.ArchiveProblems != ArchiveProblems.None);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
            query = digits.Length == 11 && PhoneNumbers.IsValidMobile(digits)
                ? query.Where(c => c.Mobile == digits)
                : query.Where(c => c.Name.Contains(q)
                    || (digits.Length >= 4 && ((c.Mobile != null && c.Mobile.Contains(digits)) || (c.Landline != null && c.Landline.Contains(q)))));
        }

        if (After is { } after)
        {
            query = query.Where(c => c.Id < after);
        }

        var page = await query
            .OrderByDescending(c => c.Id)
            .Take(PageSize + 1)
            .Select(c => new Row(c.Id, c.Name, c.Kind, c.Mobile, c.Landline, c.Address == null ? null : c.Address.District, c.ArchiveProblems, c.UserId != null))
            .ToListAsync(cancellationToken);
        Rows = [.. page.Take(PageSize)];
        NextCursor = page.Count > PageSize ? Rows[^1].Id : null;

        if (ToFix && After is null)
        {
            Duplicates = await FindDuplicatesAsync(cancellationToken);
        }
    }

    /// <summary>Managers only: the archive as CSV (UTF-8 with BOM so Excel shows Chinese), recorded in the audit log.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!IsManager)
        {
            logger.ExportRefused(userId, "CustomerArchive");
            return Forbid();
        }

        var archive = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
        var count = await archive.CountAsync(cancellationToken);

        // Recorded like every other audit row, before the first byte leaves: the account id and its sign-in name.
        db.AuditEntries.Add(new AuditEntry("CustomerArchive", "export", "Export", null, count.ToString(CultureInfo.InvariantCulture), userId, User.Identity?.Name, clock.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
        logger.Exported(userId, "CustomerArchive", count);

        // Written as it is read: an archive of 200,000 records never sits in memory whole.
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = string.Create(CultureInfo.InvariantCulture, $"customers-{clock.Today:yyyyMMdd}.csv"),
        }.ToString();
        await using var csv = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await csv.WriteLineAsync(string.Join(',', ExportHeaders.Select(h => Cell(localizer[h]))));
        var rows = archive
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Kind, c.Mobile, c.Landline, c.Email, c.Address, c.ArchiveProblems, c.UpdatedAt })
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var c in rows)
        {
            await csv.WriteLineAsync(string.Join(',', new[]
            {
                c.Id.ToString(CultureInfo.InvariantCulture),
                c.Name,
                localizer[c.Kind.ToString()].Value,
                c.Mobile ?? string.Empty,
                c.Landline ?? string.Empty,
                c.Email ?? string.Empty,
                c.Address?.ToString() ?? string.Empty,
                c.ArchiveProblems == ArchiveProblems.None ? string.Empty : DescribeProblems(c.ArchiveProblems),
                clock.Format(c.UpdatedAt),
            }.Select(Cell)));
        }

        return new EmptyResult();
    }

    public string DescribeProblems(ArchiveProblems problems) =>
        string.Join("；", Enum.GetValues<ArchiveProblems>()
            .Where(p => p != ArchiveProblems.None && problems.HasFlag(p))
            .Select(p => localizer["Archive." + p].Value));

    /// <summary>A CSV cell: quoted, inner quotes doubled, and a leading =+-@ neutralised so a spreadsheet never runs it.</summary>
    private static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Records sharing a phone: the same landline, or one record's landline being another's mobile.</summary>
    private async Task<IReadOnlyList<DuplicateGroup>> FindDuplicatesAsync(CancellationToken cancellationToken)
    {
        var archive = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
        var sharedLandlines = await archive
            .Where(c => c.Landline != null)
            .GroupBy(c => c.Landline!)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .Take(DuplicateGroups)
            .ToListAsync(cancellationToken);
        var mobileAsLandline = await archive
            .Where(c => c.Landline != null && archive.Any(o => o.Id != c.Id && o.Mobile == c.Landline))
            .Select(c => c.Landline!)
            .Take(DuplicateGroups)
            .ToListAsync(cancellationToken);
        var phones = sharedLandlines.Concat(mobileAsLandline).Distinct(StringComparer.Ordinal).Take(DuplicateGroups).ToList();
        if (phones.Count == 0)
        {
            return [];
        }

        var members = await archive
            .Where(c => (c.Landline != null && phones.Contains(c.Landline)) || (c.Mobile != null && phones.Contains(c.Mobile)))
            .OrderBy(c => c.Id)
            .Select(c => new DuplicateMember(c.Id, c.Name, c.Mobile, c.Landline))
            .ToListAsync(cancellationToken);
        return [.. phones.Select(p => new DuplicateGroup(p, [.. members.Where(m => m.Landline == p || m.Mobile == p)])).Where(g => g.Members.Count > 1)];
    }

    public sealed record Row(int Id, string Name, CustomerKind Kind, string? Mobile, string? Landline, string? District, ArchiveProblems Problems, bool HasAccount);

    public sealed record DuplicateGroup(string Phone, IReadOnlyList<DuplicateMember> Members);

    public sealed record DuplicateMember(int Id, string Name, string? Mobile, string? Landline);
}
