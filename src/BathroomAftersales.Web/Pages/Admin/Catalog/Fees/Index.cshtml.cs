using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Admin.Catalog.Fees;

/// <summary>
/// The fee schedule of clause 5.1 (Manager, Admin): per fee, the price in force today and the ones scheduled, and a form
/// to schedule a new price from a day. Entries are only added; two users adding the same fee and day meet the unique index.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    LocalClock clock,
    IValidator<IndexModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>One group per fee kind, in the order of <see cref="FeeKind"/>, each with its current and future entries.</summary>
    public IReadOnlyList<KindRows> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { EffectiveFrom = clock.Today };
        await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        Input.Today = today;
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            await ShowAsync(cancellationToken);
            return Page();
        }

        FeeScheduleEntry entry;
        try
        {
            entry = FeeScheduleEntry.Schedule(Input.Kind, Input.Unit, Input.Amount, Input.EffectiveFrom, today);
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            await ShowAsync(cancellationToken);
            return Page();
        }

        if (await db.FeeScheduleEntries.AnyAsync(e => e.Kind == entry.Kind && e.EffectiveFrom == entry.EffectiveFrom, cancellationToken))
        {
            return await DuplicateAsync(cancellationToken);
        }

        db.FeeScheduleEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another user scheduled the same fee for the same day meanwhile.
            db.ChangeTracker.Clear();
            return await DuplicateAsync(cancellationToken);
        }

        TempData.SetStatusMessage(localizer[
            "The new {0} applies from {1}.", localizer[entry.Kind.ToString()].Value, entry.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
        return RedirectToPage();
    }

    private async Task<IActionResult> DuplicateAsync(CancellationToken cancellationToken)
    {
        ModelState.AddModelError("Input.EffectiveFrom", localizer["This fee already has a price from that day. Choose another day."]);
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var future = await db.FeeScheduleEntries.AsNoTracking()
            .Where(e => e.EffectiveFrom > today)
            .OrderBy(e => e.EffectiveFrom)
            .ToListAsync(cancellationToken);
        var kinds = new List<KindRows>();
        foreach (var kind in Enum.GetValues<FeeKind>())
        {
            var current = await db.FeeScheduleEntries.PriceOnAsync(kind, today, cancellationToken);
            var rows = new List<FeeRow>();
            if (current is not null)
            {
                rows.Add(new FeeRow(current.Unit, current.Amount, current.EffectiveFrom, InForce: true));
            }

            rows.AddRange(future.Where(e => e.Kind == kind).Select(e => new FeeRow(e.Unit, e.Amount, e.EffectiveFrom, InForce: false)));
            kinds.Add(new KindRows(kind, rows));
        }

        Kinds = kinds;
    }

    public sealed record KindRows(FeeKind Kind, IReadOnlyList<FeeRow> Rows);

    public sealed record FeeRow(FeeUnit Unit, decimal Amount, DateOnly EffectiveFrom, bool InForce);

    public sealed class InputModel
    {
        public FeeKind Kind { get; set; }

        public FeeUnit Unit { get; set; }

        public decimal Amount { get; set; }

        public DateOnly EffectiveFrom { get; set; }

        /// <summary>Set by the handler, never bound: the local calendar day.</summary>
        [BindNever]
        public DateOnly Today { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => localizer["Please choose from the listed fees."]);
            RuleFor(x => x.Unit).IsInEnum().WithMessage(_ => localizer["Please choose how the fee is charged."]);
            RuleFor(x => x.Amount)
                .Must(Money.IsValid)
                .WithMessage(_ => localizer["Please enter an amount from 0 to 1,000,000 yuan with at most two decimal places."]);
            RuleFor(x => x.EffectiveFrom)
                .Must((input, day) => day >= input.Today)
                .WithMessage(_ => localizer["A new fee cannot start in the past."]);
        }
    }
}
