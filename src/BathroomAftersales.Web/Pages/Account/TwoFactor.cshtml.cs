using System.Globalization;
using System.Text;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace BathroomAftersales.Web.Pages.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP): set it up (shared key, otpauth link and QR code), turn it on with
/// a code, get recovery codes, turn it off (not for roles that require it) or start again with a new key. While it is on,
/// each change needs a code the app shows now.
/// </summary>
public sealed class TwoFactorModel(
    AppSignInManager signInManager,
    IValidator<TwoFactorModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer,
    ILogger<TwoFactorModel> logger) : PageModel
{
    /// <summary>The name authenticator apps show above the code.</summary>
    public const string Issuer = "BathroomAftersales";

    public const int RecoveryCodeCount = 10;

    private const string RecoveryCodesKey = "RecoveryCodes";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool IsEnabled { get; private set; }

    /// <summary>The user's role requires two-factor sign-in (Manager, Admin): it cannot be turned off.</summary>
    public bool IsRequired { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The key as a person types it into an app: groups of four characters.</summary>
    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    /// <summary>The QR code of <see cref="AuthenticatorUri"/> as SVG markup drawn by QRCoder (no user text in it).</summary>
    public string QrCodeSvg { get; private set; } = string.Empty;

    /// <summary>New recovery codes, shown once right after they were made.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    private UserManager<AppUser> Users => signInManager.UserManager;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await Users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (TempData[RecoveryCodesKey] is string codes)
        {
            NewRecoveryCodes = codes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await Users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input));
        if (ModelState.IsValid)
        {
            var code = TwoFactorCodes.Normalize(Input.Code);
            if (await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await Users.SetTwoFactorEnabledAsync(user, enabled: true);
                var recoveryCodes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
                logger.TwoFactorEnabled(user.Id);

                // Turning it on changes the security stamp: renew this session's cookie so it stays valid.
                await signInManager.RefreshSignInAsync(user);
                TempData[RecoveryCodesKey] = string.Join('\n', recoveryCodes);
                TempData.SetStatusMessage(localizer["Two-factor sign-in is on. Save your recovery codes now."]);
                return RedirectToPage();
            }

            logger.TwoFactorCodeFailed(user.Id, HttpContext.Connection.RemoteIpAddress);
            ModelState.AddModelError("Input.Code", localizer["The code is not valid. Enter the 6-digit code your authenticator app shows now."]);
        }

        Input.Code = string.Empty;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await Users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await IsRequiredForAsync(user))
        {
            ModelState.AddModelError(string.Empty, localizer["Your role requires two-factor sign-in: it cannot be turned off. You can set it up again with a new key."]);
            await LoadAsync(user);
            return Page();
        }

        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            if (!await HasCurrentCodeAsync(user, "Disable"))
            {
                return await RefusedAsync(user);
            }

            await Users.SetTwoFactorEnabledAsync(user, enabled: false);

            // The old key and recovery codes must not come back to life if it is turned on again later.
            await Users.ResetAuthenticatorKeyAsync(user);
            await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            logger.TwoFactorDisabled(user.Id);
            await signInManager.RefreshSignInAsync(user);
        }

        TempData.SetStatusMessage(localizer["Two-factor sign-in is off. You sign in with your password only."]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetKeyAsync()
    {
        var user = await Users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // While two-factor sign-in is on, only someone holding the current key may replace it. Before that the key is
        // one nobody has confirmed yet, so there is nothing to prove.
        if (await Users.GetTwoFactorEnabledAsync(user) && !await HasCurrentCodeAsync(user, "ResetKey"))
        {
            return await RefusedAsync(user);
        }

        // A new key makes the app's old entry useless, so two-factor sign-in is off until a code of the new key is verified.
        await Users.SetTwoFactorEnabledAsync(user, enabled: false);
        await Users.ResetAuthenticatorKeyAsync(user);
        await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        logger.AuthenticatorKeyReset(user.Id);
        await signInManager.RefreshSignInAsync(user);
        TempData.SetStatusMessage(localizer["Your authenticator key was reset. Add the new key to your app and enter a code to turn two-factor sign-in on again."]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await Users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            ModelState.AddModelError(string.Empty, localizer["Turn on two-factor sign-in first."]);
            await LoadAsync(user);
            return Page();
        }

        if (!await HasCurrentCodeAsync(user, "RecoveryCodes"))
        {
            return await RefusedAsync(user);
        }

        var recoveryCodes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        logger.RecoveryCodesGenerated(user.Id);
        TempData[RecoveryCodesKey] = string.Join('\n', recoveryCodes);
        TempData.SetStatusMessage(localizer["New recovery codes were made; the old ones no longer work. Save the new ones now."]);
        return RedirectToPage();
    }

    /// <summary>
    /// Re-authentication for a change to two-factor sign-in: a code the authenticator app shows now (each code works
    /// once, see <see cref="AppAuthenticatorTokenProvider"/>), so a session left open or taken over cannot turn the second
    /// factor off or take its key. A wrong code counts towards lockout like one at sign-in; a locked account changes
    /// nothing. Adds the error to show when it refuses.
    /// </summary>
    private async Task<bool> HasCurrentCodeAsync(AppUser user, string change)
    {
        var ip = HttpContext.Connection.RemoteIpAddress;
        if (await Users.IsLockedOutAsync(user))
        {
            logger.LockedOut(user.Id, ip);
            ModelState.AddModelError(string.Empty, localizer["This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes]);
            return false;
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input));
        if (!ModelState.IsValid)
        {
            logger.TwoFactorChangeRefused(user.Id, ip, change);
            return false;
        }

        if (await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Normalize(Input.Code)))
        {
            await Users.ResetAccessFailedCountAsync(user);
            return true;
        }

        logger.TwoFactorCodeFailed(user.Id, ip);
        logger.TwoFactorChangeRefused(user.Id, ip, change);
        await Users.AccessFailedAsync(user);
        ModelState.AddModelError(
            "Input.Code",
            await Users.IsLockedOutAsync(user)
                ? localizer["This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes]
                : localizer["The code is not valid. Enter the 6-digit code your authenticator app shows now."]);
        return false;
    }

    private async Task<PageResult> RefusedAsync(AppUser user)
    {
        Input.Code = string.Empty;
        await LoadAsync(user);
        return Page();
    }

    private async Task<bool> IsRequiredForAsync(AppUser user)
    {
        var roles = await Users.GetRolesAsync(user);
        return TwoFactorRequirement.IsRequiredFor(roles.Contains);
    }

    private async Task LoadAsync(AppUser user)
    {
        IsEnabled = await Users.GetTwoFactorEnabledAsync(user);
        IsRequired = await IsRequiredForAsync(user);
        RecoveryCodesLeft = IsEnabled ? await Users.CountRecoveryCodesAsync(user) : 0;
        if (IsEnabled)
        {
            return;
        }

        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            await signInManager.RefreshSignInAsync(user);
            key = await Users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        SharedKey = FormatKey(key);
        AuthenticatorUri = BuildUri(user.Email ?? user.UserName ?? user.Id, key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        // A viewBox rather than fixed width and height, so the stylesheet sizes it for the screen.
        QrCodeSvg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return result.ToString().ToUpperInvariant();
    }

    /// <summary>The Key URI Format authenticator apps read: otpauth://totp/Issuer:account?secret=…&amp;issuer=…&amp;digits=6.</summary>
    public static string BuildUri(string account, string key) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits={TwoFactorCodes.CodeLength}");

    public sealed class InputModel
    {
        public string Code { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer) =>
            RuleFor(x => x.Code)
                .Must(code => TwoFactorCodes.IsWellFormed(code))
                .WithMessage(_ => localizer["Please enter the 6-digit code from your authenticator app."]);
    }
}
