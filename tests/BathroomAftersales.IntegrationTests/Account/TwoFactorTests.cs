using System.Net;
using AngleSharp.Html.Dom;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app: turning it on and off, the second sign-in step, recovery codes,
/// lockout, and the rule that managers and administrators cannot work without it. Codes are computed as a phone app
/// computes them (<see cref="TwoFactor"/>).
/// </summary>
public sealed class TwoFactorTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string SetupPage = "/Account/TwoFactor";

    [Fact]
    public async Task A_customer_turns_two_factor_on_with_a_code_from_the_shown_key_gets_ten_recovery_codes_and_then_needs_a_code_to_sign_in()
    {
        var login = await CreateAccountAsync(Roles.Customer);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);

        var (setup, page) = await browser.GetPageAsync(SetupPage);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var key = SharedKey(page);
        Assert.Equal(32, key.Length);
        Assert.StartsWith("otpauth://totp/", page.QuerySelector("[data-authenticator-uri]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains($"secret={key}", page.QuerySelector("[data-authenticator-uri]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".qr-code svg"));

        using var enabled = await browser.SubmitFormAsync(SetupPage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.CodeNow(factory, key) }, "handler=Enable");

        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var (_, after) = await browser.GetPageAsync(SetupPage);
        Assert.Contains(factory.InChinese("Two-factor sign-in is on. Save your recovery codes now."), after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(10, after.QuerySelectorAll("[data-recovery-codes] code").Length);
        Assert.True(await TwoFactorEnabledAsync(login));

        // The recovery codes are shown once only.
        var (_, again) = await browser.GetPageAsync(SetupPage);
        Assert.Empty(again.QuerySelectorAll("[data-recovery-codes] code"));
        Assert.NotNull(again.QuerySelector("[data-two-factor-status=on]"));

        // From now on the password is not enough: the second step asks for a code of the same key (the app's next one: the
        // code that turned it on was used up).
        using var other = factory.CreateBrowser();
        using var password = await other.LoginAsync(login, Accounts.Password);
        Assert.True(password.IsTwoFactorStep());
        TwoFactor.WaitForNextCode(factory);
        using var code = await other.SubmitTwoFactorCodeAsync(password, TwoFactor.CodeNow(factory, key));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/Portal", code.RedirectTarget());
        Assert.True(code.HasAuthCookie());
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_two_factor_on()
    {
        var login = await CreateAccountAsync(Roles.Customer);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        var (_, page) = await browser.GetPageAsync(SetupPage);

        using var refused = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.WrongCodeNow(factory, SharedKey(page)) }, "handler=Enable");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(
            factory.InChinese("The code is not valid. Enter the 6-digit code your authenticator app shows now."),
            (await refused.ReadDocumentAsync()).ErrorMessages());
        Assert.False(await TwoFactorEnabledAsync(login));
    }

    [Fact]
    public async Task With_two_factor_on_the_password_alone_gives_no_session()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();

        using var password = await browser.LoginAsync(login, Accounts.Password);

        Assert.True(password.IsTwoFactorStep());
        Assert.False(password.HasAuthCookie());
        using var portal = await browser.GetAsync(new Uri("/Portal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
        Assert.StartsWith("/Account/Login", portal.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_at_sign_in_is_refused_and_gives_no_session()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);

        using var refused = await browser.SubmitTwoFactorCodeAsync(password, TwoFactor.WrongCodeNow(factory, TwoFactor.TestKey));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.HasAuthCookie());
        Assert.Contains(
            factory.InChinese("The code is not valid. Enter the 6-digit code your authenticator app shows now."),
            (await refused.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task The_return_url_goes_through_the_second_step_and_stays_local()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();

        using var local = await browser.LoginAsync(login, Accounts.Password, "/Portal/Requests");
        using var toLocal = await browser.SubmitTwoFactorCodeAsync(local, await TwoFactor.FreshCodeAsync(factory, login));
        Assert.Equal("/Portal/Requests", toLocal.RedirectTarget());

        using var other = factory.CreateBrowser();
        using var evil = await other.LoginAsync(login, Accounts.Password, "https://evil.example/phish");
        using var toEvil = await other.SubmitTwoFactorCodeAsync(evil, await TwoFactor.FreshCodeAsync(factory, login));
        Assert.Equal("/Portal", toEvil.RedirectTarget());
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_then_even_the_right_code_is_refused()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        var codePage = password.RedirectTarget()!;

        for (var attempt = 1; attempt < IdentitySetup.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = await browser.SubmitFormAsync(codePage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.WrongCodeNow(factory, TwoFactor.TestKey) });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        Assert.Equal(IdentitySetup.MaxFailedAccessAttempts - 1, await AccessFailedCountAsync(login));
        Assert.False(await IsLockedOutAsync(login));
        using var last = await browser.SubmitFormAsync(codePage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.WrongCodeNow(factory, TwoFactor.TestKey) });
        Assert.True(await IsLockedOutAsync(login));

        using var right = await browser.SubmitFormAsync(codePage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.CodeNow(factory, TwoFactor.TestKey) });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(right.HasAuthCookie());
        Assert.Contains(
            factory.InChinese("This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes),
            (await right.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        var recoveryCode = (await RecoveryCodesAsync(login))[0];

        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        using var used = await browser.SubmitFormAsync(
            RecoveryPage(password), new Dictionary<string, string?> { ["Input.RecoveryCode"] = recoveryCode });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/Portal", used.RedirectTarget());
        Assert.True(used.HasAuthCookie());

        using var other = factory.CreateBrowser();
        using var again = await other.LoginAsync(login, Accounts.Password);
        using var refused = await other.SubmitFormAsync(
            RecoveryPage(again), new Dictionary<string, string?> { ["Input.RecoveryCode"] = recoveryCode });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.HasAuthCookie());
        Assert.Contains(factory.InChinese("The recovery code is not valid."), (await refused.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_towards_lockout_once_each()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        var recoveryCode = (await RecoveryCodesAsync(login))[0];
        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        var page = RecoveryPage(password);

        for (var attempt = 1; attempt < IdentitySetup.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = await browser.SubmitFormAsync(page, new Dictionary<string, string?> { ["Input.RecoveryCode"] = "WRONG-" + attempt });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        Assert.Equal(IdentitySetup.MaxFailedAccessAttempts - 1, await AccessFailedCountAsync(login));
        using var last = await browser.SubmitFormAsync(page, new Dictionary<string, string?> { ["Input.RecoveryCode"] = "WRONG-LAST" });
        Assert.True(await IsLockedOutAsync(login));

        using var right = await browser.SubmitFormAsync(page, new Dictionary<string, string?> { ["Input.RecoveryCode"] = recoveryCode });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(right.HasAuthCookie());
    }

    [Fact]
    public async Task A_customer_can_turn_two_factor_off_and_then_signs_in_with_the_password_alone()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);

        using var off = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = await TwoFactor.FreshCodeAsync(factory, login) }, "handler=Disable");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(login));
        var (_, page) = await browser.GetPageAsync(SetupPage);
        Assert.Contains(factory.InChinese("Two-factor sign-in is off. You sign in with your password only."), page.Body!.TextContent, StringComparison.Ordinal);

        // The old key is gone with it: turning it on again needs the new key shown now.
        Assert.NotEqual(TwoFactor.TestKey, SharedKey(page));
        using var other = factory.CreateBrowser();
        using var password = await other.LoginAsync(login, Accounts.Password);
        Assert.Equal("/Portal", password.RedirectTarget());
        Assert.True(password.HasAuthCookie());
    }

    [Fact]
    public async Task The_demo_manager_cannot_turn_two_factor_off_only_reset_the_key()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);
        var (_, page) = await browser.GetPageAsync(SetupPage);
        Assert.DoesNotContain(Browser.Forms(page, new Uri("https://localhost" + SetupPage)), f => f.Action.Query.Contains("handler=Disable", StringComparison.Ordinal));

        // A forged POST of the disable handler is refused too.
        using var forged = await browser.PostWithTokenAsync($"{SetupPage}?handler=Disable", SetupPage, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains(
            factory.InChinese("Your role requires two-factor sign-in: it cannot be turned off. You can set it up again with a new key."),
            (await forged.ReadDocumentAsync()).ErrorMessages());
        Assert.True(await TwoFactorEnabledAsync(DemoData.ManagerEmail));
    }

    [Fact]
    public async Task A_manager_without_two_factor_is_sent_to_set_it_up_from_every_page_until_it_is_on()
    {
        var login = await CreateAccountAsync(Roles.Manager);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);

        foreach (var url in new[] { "/Reports", "/Reports/Scorecard", "/Staff", "/Staff/Customers", "/Admin", "/" })
        {
            using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));
            var target = response.RedirectTarget();
            if (url == "/")
            {
                // The home page is public and sends a signed-in manager on to the desk, which redirects in turn.
                Assert.Equal("/Staff", target);
                continue;
            }

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(SetupPage, target);
        }

        // A form posted to another page does nothing either.
        using var post = await browser.PostWithTokenAsync("/Staff/Customers", SetupPage, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(SetupPage, post.RedirectTarget());

        var (setup, page) = await browser.GetPageAsync(SetupPage);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains(
            factory.InChinese("Your role (manager or administrator) may see every customer's data or every account, so it requires two-factor sign-in. Set it up to continue."),
            page.QuerySelector("[data-two-factor-required]")!.TextContent,
            StringComparison.Ordinal);
        using var language = await browser.GetAsync(new Uri("/Culture", UriKind.Relative));
        Assert.Equal("/", language.RedirectTarget());

        using var enabled = await browser.SubmitFormAsync(SetupPage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.CodeNow(factory, SharedKey(page)) }, "handler=Enable");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        using var reports = await browser.GetAsync(new Uri("/Reports", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        using var staff = await browser.GetAsync(new Uri("/Staff/Customers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task A_manager_who_resets_the_key_is_held_on_the_set_up_page_until_a_code_of_the_new_key_is_entered()
    {
        var login = await CreateAccountAsync(Roles.Manager, twoFactor: true);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);

        using var reset = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = await TwoFactor.FreshCodeAsync(factory, login) }, "handler=ResetKey");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var (_, page) = await browser.GetPageAsync(SetupPage);
        Assert.Contains(
            factory.InChinese("Your authenticator key was reset. Add the new key to your app and enter a code to turn two-factor sign-in on again."),
            page.Body!.TextContent,
            StringComparison.Ordinal);
        var newKey = SharedKey(page);
        Assert.NotEqual(TwoFactor.TestKey, newKey);
        using var held = await browser.GetAsync(new Uri("/Reports", UriKind.Relative));
        Assert.Equal(SetupPage, held.RedirectTarget());

        using var oldKey = await browser.SubmitFormAsync(SetupPage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.CodeNow(factory, TwoFactor.TestKey) }, "handler=Enable");
        Assert.Equal(HttpStatusCode.OK, oldKey.StatusCode);
        // The code of the new key is taken at once, in the same 30 seconds as the code that confirmed the reset.
        using var enabled = await browser.SubmitFormAsync(SetupPage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.CodeNow(factory, newKey) }, "handler=Enable");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        using var open = await browser.GetAsync(new Uri("/Reports", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        var old = (await RecoveryCodesAsync(login))[0];
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);

        using var made = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = await TwoFactor.FreshCodeAsync(factory, login) }, "handler=RecoveryCodes");

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var (_, page) = await browser.GetPageAsync(SetupPage);
        Assert.Equal(10, page.QuerySelectorAll("[data-recovery-codes] code").Length);
        Assert.Contains(
            factory.InChinese("New recovery codes were made; the old ones no longer work. Save the new ones now."), page.Body!.TextContent, StringComparison.Ordinal);
        using var other = factory.CreateBrowser();
        using var password = await other.LoginAsync(login, Accounts.Password);
        using var refused = await other.SubmitFormAsync(RecoveryPage(password), new Dictionary<string, string?> { ["Input.RecoveryCode"] = old });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task Two_factor_events_are_in_the_security_log_without_codes()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        var wrong = TwoFactor.WrongCodeNow(factory, TwoFactor.TestKey);
        using var refused = await browser.SubmitTwoFactorCodeAsync(password, wrong);
        var recoveryCode = (await RecoveryCodesAsync(login))[0];
        using var recovered = await browser.SubmitFormAsync(RecoveryPage(password), new Dictionary<string, string?> { ["Input.RecoveryCode"] = recoveryCode });
        using var off = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = await TwoFactor.FreshCodeAsync(factory, login) }, "handler=Disable");

        var log = LogFiles.Read(factory);
        Assert.Contains("Two-factor code refused for user", log, StringComparison.Ordinal);
        Assert.Contains("signed in with a recovery code", log, StringComparison.Ordinal);
        Assert.Contains("turned two-factor sign-in off", log, StringComparison.Ordinal);
        Assert.DoesNotContain(recoveryCode, log, StringComparison.Ordinal);
        Assert.DoesNotContain(TwoFactor.TestKey, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_only_a_replay_counts_towards_lockout_and_the_next_code_works()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        var code = TwoFactor.CodeNow(factory, TwoFactor.TestKey);
        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        using var first = await browser.SubmitTwoFactorCodeAsync(password, code);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.True(first.HasAuthCookie());
        using var signedOut = await browser.SubmitFormAsync("/Portal", formAction: "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // The same code, still within its 30 seconds, signs in no more: someone who saw it over the shoulder gets nowhere.
        using var again = await browser.LoginAsync(login, Accounts.Password);
        using var replayed = await browser.SubmitTwoFactorCodeAsync(again, code);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.False(replayed.HasAuthCookie());
        Assert.Contains(
            factory.InChinese("The code is not valid. Enter the 6-digit code your authenticator app shows now."),
            (await replayed.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(1, await AccessFailedCountAsync(login));
        Assert.Contains("its time step was used already", LogFiles.Read(factory), StringComparison.Ordinal);

        TwoFactor.WaitForNextCode(factory);
        using var next = await browser.SubmitTwoFactorCodeAsync(again, TwoFactor.CodeNow(factory, TwoFactor.TestKey));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/Portal", next.RedirectTarget());
        Assert.True(next.HasAuthCookie());
    }

    [Fact]
    public async Task The_code_that_turned_two_factor_on_and_any_earlier_code_cannot_sign_in()
    {
        var login = await CreateAccountAsync(Roles.Customer);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        var (_, page) = await browser.GetPageAsync(SetupPage);
        var key = SharedKey(page);

        // The phone's clock runs 30 seconds ahead: its code is accepted, and then no code of an earlier step is.
        var ahead = TwoFactor.CodeAt(key, factory.Time.GetUtcNow() + AppAuthenticatorTokenProvider.StepLength);
        using var enabled = await browser.SubmitFormAsync(SetupPage, new Dictionary<string, string?> { ["Input.Code"] = ahead }, "handler=Enable");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.True(await TwoFactorEnabledAsync(login));

        foreach (var refusedCode in new[] { ahead, TwoFactor.CodeNow(factory, key) })
        {
            using var other = factory.CreateBrowser();
            using var password = await other.LoginAsync(login, Accounts.Password);
            using var refused = await other.SubmitTwoFactorCodeAsync(password, refusedCode);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.False(refused.HasAuthCookie());
            Assert.Contains(
                factory.InChinese("The code is not valid. Enter the 6-digit code your authenticator app shows now."),
                (await refused.ReadDocumentAsync()).ErrorMessages());
        }
    }

    /// <summary>
    /// ASVS 2.8.1: a code is valid for its own 30-second step and one either side (a phone clock up to about 30 seconds off),
    /// about 90 seconds in all; the code of two steps before or after now is refused, and the code shown now still works.
    /// </summary>
    [Theory]
    [InlineData(-1, true)]
    [InlineData(1, true)]
    [InlineData(-2, false)]
    [InlineData(2, false)]
    public async Task A_code_of_one_step_either_side_of_now_signs_in_and_one_of_two_steps_away_is_refused(int stepsAway, bool accepted)
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        var code = TwoFactor.CodeAt(TwoFactor.TestKey, factory.Time.GetUtcNow() + (stepsAway * AppAuthenticatorTokenProvider.StepLength));
        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        using var answer = await browser.SubmitTwoFactorCodeAsync(password, code);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal("/Portal", answer.RedirectTarget());
            Assert.True(answer.HasAuthCookie());
            return;
        }

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.HasAuthCookie());
        Assert.Contains(
            factory.InChinese("The code is not valid. Enter the 6-digit code your authenticator app shows now."),
            (await answer.ReadDocumentAsync()).ErrorMessages());
        using var now = await browser.SubmitTwoFactorCodeAsync(password, TwoFactor.CodeNow(factory, TwoFactor.TestKey));
        Assert.Equal(HttpStatusCode.Redirect, now.StatusCode);
        Assert.True(now.HasAuthCookie());
    }

    [Fact]
    public async Task Recovery_codes_are_stored_hashed_each_signs_in_once_and_the_page_counts_what_is_left()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        using var made = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = await TwoFactor.FreshCodeAsync(factory, login) }, "handler=RecoveryCodes");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var (_, page) = await browser.GetPageAsync(SetupPage);
        var shown = page.QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(TwoFactorModelRecoveryCodeCount, shown.Count);
        Assert.Contains(factory.InChinese("Recovery codes left: {0}.", TwoFactorModelRecoveryCodeCount), page.Body!.TextContent, StringComparison.Ordinal);

        // The database holds ten hashes and none of the codes the user was shown.
        var stored = await StoredRecoveryCodesAsync(login);
        var entries = stored.Split(';');
        Assert.Equal(TwoFactorModelRecoveryCodeCount, entries.Length);
        Assert.All(entries, e => Assert.Matches("^sha256:[0-9a-f]{64}$", e));
        Assert.All(shown, code => Assert.DoesNotContain(code, stored, StringComparison.Ordinal));

        using var other = factory.CreateBrowser();
        using var password = await other.LoginAsync(login, Accounts.Password);
        using var used = await other.SubmitFormAsync(RecoveryPage(password), new Dictionary<string, string?> { ["Input.RecoveryCode"] = shown[3] });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.True(used.HasAuthCookie());

        using var third = factory.CreateBrowser();
        using var again = await third.LoginAsync(login, Accounts.Password);
        using var refused = await third.SubmitFormAsync(RecoveryPage(again), new Dictionary<string, string?> { ["Input.RecoveryCode"] = shown[3] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.HasAuthCookie());
        Assert.Contains(factory.InChinese("The recovery code is not valid."), (await refused.ReadDocumentAsync()).ErrorMessages());

        var (_, after) = await browser.GetPageAsync(SetupPage);
        Assert.Contains(factory.InChinese("Recovery codes left: {0}.", TwoFactorModelRecoveryCodeCount - 1), after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_codes_stored_in_plain_text_before_still_work_once_and_are_hashed_at_the_first_use()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);

        // What Identity's own store wrote: the codes themselves, joined by ';'.
        await using (var scope = factory.OpenDb())
        {
            var users = scope.Get<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(login))!;
            var store = (IUserAuthenticationTokenStore<AppUser>)scope.Get<IUserStore<AppUser>>();
            await store.SetTokenAsync(user, AppUserStore.RecoveryCodesLoginProvider, AppUserStore.RecoveryCodesTokenName, "OLDAA-11111;OLDBB-22222", CancellationToken.None);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        using var browser = factory.CreateBrowser();
        using var password = await browser.LoginAsync(login, Accounts.Password);
        using var used = await browser.SubmitFormAsync(RecoveryPage(password), new Dictionary<string, string?> { ["Input.RecoveryCode"] = "OLDAA-11111" });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.True(used.HasAuthCookie());

        var stored = await StoredRecoveryCodesAsync(login);
        Assert.Matches("^sha256:[0-9a-f]{64}$", stored);
        Assert.DoesNotContain("OLD", stored, StringComparison.Ordinal);

        foreach (var (code, works) in new[] { ("OLDAA-11111", false), ("OLDBB-22222", true) })
        {
            using var other = factory.CreateBrowser();
            using var again = await other.LoginAsync(login, Accounts.Password);
            using var answer = await other.SubmitFormAsync(RecoveryPage(again), new Dictionary<string, string?> { ["Input.RecoveryCode"] = code });
            Assert.Equal(works, answer.HasAuthCookie());
        }
    }

    [Theory]
    [InlineData("Disable")]
    [InlineData("ResetKey")]
    [InlineData("RecoveryCodes")]
    public async Task A_change_to_two_factor_sign_in_without_a_current_code_changes_nothing(string handler)
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        var recoveryCodes = await RecoveryCodesAsync(login);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        var before = await TwoFactorStateAsync(login);
        var formAction = "handler=" + handler;

        // No code, a wrong one, and the one the sign-in just used: each is refused with a message, and nothing changes.
        var attempts = new (string Code, string Message)[]
        {
            (string.Empty, "Please enter the 6-digit code from your authenticator app."),
            (TwoFactor.WrongCodeNow(factory, TwoFactor.TestKey), "The code is not valid. Enter the 6-digit code your authenticator app shows now."),
            (TwoFactor.CodeNow(factory, TwoFactor.TestKey), "The code is not valid. Enter the 6-digit code your authenticator app shows now."),
        };
        foreach (var (code, message) in attempts)
        {
            using var refused = await browser.SubmitFormAsync(SetupPage, new Dictionary<string, string?> { ["Input.Code"] = code }, formAction);

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var document = await refused.ReadDocumentAsync();
            Assert.Contains(factory.InChinese(message), document.ErrorMessages());
            Assert.Empty(document.QuerySelectorAll("[data-recovery-codes] code"));
            Assert.Equal(before, await TwoFactorStateAsync(login));
        }

        // The old recovery codes still work: none was replaced.
        using var other = factory.CreateBrowser();
        using var password = await other.LoginAsync(login, Accounts.Password);
        using var recovered = await other.SubmitFormAsync(RecoveryPage(password), new Dictionary<string, string?> { ["Input.RecoveryCode"] = recoveryCodes[0] });
        Assert.True(recovered.HasAuthCookie());
        Assert.Contains($"Two-factor change {handler} refused for user", LogFiles.Read(factory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_for_a_change_to_two_factor_sign_in_lock_the_account_and_then_even_the_right_code_changes_nothing()
    {
        var login = await CreateAccountAsync(Roles.Customer, twoFactor: true);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        for (var attempt = 1; attempt <= IdentitySetup.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = await browser.SubmitFormAsync(
                SetupPage, new Dictionary<string, string?> { ["Input.Code"] = TwoFactor.WrongCodeNow(factory, TwoFactor.TestKey) }, "handler=Disable");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        Assert.True(await IsLockedOutAsync(login));
        using var right = await browser.SubmitFormAsync(
            SetupPage, new Dictionary<string, string?> { ["Input.Code"] = await TwoFactor.FreshCodeAsync(factory, login) }, "handler=Disable");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(
            factory.InChinese("This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes),
            (await right.ReadDocumentAsync()).ErrorMessages());
        Assert.True(await TwoFactorEnabledAsync(login));
    }

    private const int TwoFactorModelRecoveryCodeCount = Web.Pages.Account.TwoFactorModel.RecoveryCodeCount;

    /// <summary>What a change on the set-up page would alter: on or off, the key, and the stored recovery codes.</summary>
    private async Task<(bool Enabled, string? Key, string? RecoveryCodes)> TwoFactorStateAsync(string login)
    {
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(login))!;
        return (await users.GetTwoFactorEnabledAsync(user), await users.GetAuthenticatorKeyAsync(user), await StoredRecoveryCodesAsync(login));
    }

    /// <summary>The value of the recovery-codes token as it is in the database.</summary>
    private Task<string> StoredRecoveryCodesAsync(string login) =>
        factory.QueryAsync(db =>
            (from user in db.Users
             join token in db.UserTokens on user.Id equals token.UserId
             where user.Email == login && token.LoginProvider == AppUserStore.RecoveryCodesLoginProvider && token.Name == AppUserStore.RecoveryCodesTokenName
             select token.Value ?? string.Empty).SingleAsync());

    private static string SharedKey(IHtmlDocument page) =>
        page.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>The recovery-code page of the second step the password step redirected to.</summary>
    private static string RecoveryPage(HttpResponseMessage passwordStep) =>
        passwordStep.RedirectTarget()!.Replace("/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new account of <paramref name="role"/> signing in by email, optionally with two-factor on and <see cref="TwoFactor.TestKey"/>.</summary>
    private async Task<string> CreateAccountAsync(string role, bool twoFactor = false)
    {
        var login = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@two-factor.test";
        await using (var scope = factory.OpenDb())
        {
            var users = scope.Get<UserManager<AppUser>>();
            var user = new AppUser { UserName = login, Email = login, EmailConfirmed = true, DisplayName = role, CreatedAt = factory.Time.GetUtcNow().UtcDateTime };
            Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        if (twoFactor)
        {
            await TwoFactor.EnableAsync(factory, login);
        }

        return login;
    }

    private async Task<IReadOnlyList<string>> RecoveryCodesAsync(string login)
    {
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(login);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user!, 10))!.ToList();
    }

    private Task<bool> TwoFactorEnabledAsync(string login) =>
        factory.QueryAsync(db => db.Users.Where(u => u.Email == login).Select(u => u.TwoFactorEnabled).SingleAsync());

    private Task<int> AccessFailedCountAsync(string login) =>
        factory.QueryAsync(db => db.Users.Where(u => u.Email == login).Select(u => u.AccessFailedCount).SingleAsync());

    private async Task<bool> IsLockedOutAsync(string login)
    {
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(login))!);
    }
}
