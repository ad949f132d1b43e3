using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.Playwright;
using OtpNet;

namespace BathroomAftersales.BrowserTests.Support;

public static class SignIn
{
    /// <summary>The last step whose code <see cref="FreshCode"/> gave out, per key: the server is shared by the whole run.</summary>
    private static readonly Dictionary<string, long> LastStepUsed = new(StringComparer.Ordinal);

    /// <summary>The sign-in form: the one with the login field, wherever the page puts it.</summary>
    public static ILocator Form(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("form:has([name='Input.Login'])");
    }

    /// <summary>Fills the sign-in form of the current page, submits it and waits for the app's answer to the POST.</summary>
    public static async Task<IResponse> SubmitAsync(IPage page, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = Form(page);
        await form.Locator("[name='Input.Login']").FillAsync(login);
        await form.Locator("[name='Input.Password']").FillAsync(password);
        var response = await page.RunAndWaitForResponseAsync(
            () => form.Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await page.WaitForLoadStateAsync(LoadState.Load);
        return response;
    }

    /// <summary>
    /// Opens the login page directly and signs in. The demo manager and admin must also pass the second step: the code is
    /// typed in as a person would read it from an authenticator app holding the demo key.
    /// </summary>
    public static async Task<IResponse> SignInAsync(IPage page, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        var response = await SubmitAsync(page, login, password);
        if (IsTwoFactorStep(page) && DemoKey(login) is { } key)
        {
            response = await SubmitCodeAsync(page, FreshCode(key));
        }

        return response;
    }

    /// <summary>Whether the browser is on the second sign-in step (the authenticator code page).</summary>
    public static bool IsTwoFactorStep(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new Uri(page.Url).AbsolutePath.Equals("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Types the code into the second-step form, submits it and waits for the app's answer to the POST.</summary>
    public static async Task<IResponse> SubmitCodeAsync(IPage page, string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.Locator("form:has([name='Input.Code'])");
        await form.Locator("[name='Input.Code']").FillAsync(code);
        var response = await page.RunAndWaitForResponseAsync(
            () => form.Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase));
        await page.WaitForLoadStateAsync(LoadState.Load);
        return response;
    }

    /// <summary>
    /// A code of the authenticator app (RFC 6238, Otp.NET) that the app under test has not accepted yet. The app runs on
    /// the real clock and takes each code once, while the journeys of this suite share one server and may sign in as
    /// the same demo account more than once within 30 seconds. Then this is the code the phone shows next: the app accepts
    /// codes up to one step ahead, for phones whose clock runs fast. When that one was used too, this waits on the real
    /// clock (the server's) until the app takes the next code, as a person waits for their phone's next code.
    /// </summary>
    public static string FreshCode(string key)
    {
        lock (LastStepUsed)
        {
            var stepLength = AppAuthenticatorTokenProvider.StepLength;
            var now = AppAuthenticatorTokenProvider.StepAt(TimeProvider.System.GetUtcNow());
            var step = LastStepUsed.TryGetValue(key, out var last) ? Math.Max(now, last + 1) : now;
            if (step > now + AppAuthenticatorTokenProvider.StepsEitherSide)
            {
                var accepted = DateTimeOffset.FromUnixTimeSeconds((step - AppAuthenticatorTokenProvider.StepsEitherSide) * (long)stepLength.TotalSeconds);
                var wait = accepted - TimeProvider.System.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait + TimeSpan.FromMilliseconds(200));
                }
            }

            LastStepUsed[key] = step;
            var at = DateTimeOffset.FromUnixTimeSeconds(step * (long)AppAuthenticatorTokenProvider.StepLength.TotalSeconds);
            return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);
        }
    }

    private static string? DemoKey(string login) => login switch
    {
        DemoData.ManagerEmail => DemoData.ManagerAuthenticatorKey,
        DemoData.AdminEmail => DemoData.AdminAuthenticatorKey,
        _ => null,
    };
}
