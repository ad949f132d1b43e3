using BathroomAftersales.Web.Data.Seed;
using Microsoft.Playwright;
using OtpNet;

namespace BathroomAftersales.BrowserTests.Support;

public static class SignIn
{
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
            response = await SubmitCodeAsync(page, CodeNow(key));
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
    /// The code an authenticator app shows now (RFC 6238, Otp.NET). The app under test runs on the real clock, and
    /// Identity checks authenticator codes against the real clock in any case.
    /// </summary>
    public static string CodeNow(string key) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static string? DemoKey(string login) => login switch
    {
        DemoData.ManagerEmail => DemoData.ManagerAuthenticatorKey,
        DemoData.AdminEmail => DemoData.AdminAuthenticatorKey,
        _ => null,
    };
}
