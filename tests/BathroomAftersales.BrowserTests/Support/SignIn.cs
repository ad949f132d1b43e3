using Microsoft.Playwright;

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

    /// <summary>Opens the login page directly and signs in.</summary>
    public static async Task<IResponse> SignInAsync(IPage page, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        return await SubmitAsync(page, login, password);
    }
}
