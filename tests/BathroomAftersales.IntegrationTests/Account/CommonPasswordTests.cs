using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Account;

/// <summary>
/// ASVS 2.1.7: common passwords and passwords made of the account's own details are refused wherever a password is set
/// (registration, an account created by the administrator, a reset by the administrator), with a message in the user's
/// language.
/// </summary>
public sealed class CommonPasswordTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string TooCommon = "This password is too common and easy to guess. Please choose another one, for example a few unrelated words.";

    private static int _mobile;

    [Theory]
    [InlineData("123456789012")]
    [InlineData("password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("P@ssw0rd2026!")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("woaini1314520")]
    [InlineData("abcdabcdabcd")]
    [InlineData("abcdefghijkl")]
    [InlineData("zxcvbnm12345")]
    public async Task Registration_with_a_common_password_is_refused_with_a_message(string password)
    {
        var mobile = NextMobile();

        var messages = await RegisterAsync(mobile, password, HttpStatusCode.OK);

        Assert.Contains(factory.InChinese(TooCommon), messages);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.UserName == mobile)));
    }

    [Fact]
    public async Task Registration_with_a_password_containing_the_mobile_number_is_refused()
    {
        var mobile = NextMobile();

        var messages = await RegisterAsync(mobile, "my-" + mobile + "-bath", HttpStatusCode.OK);

        Assert.Contains(factory.InChinese("The password must not contain your mobile number, email or user name."), messages);
    }

    [Fact]
    public async Task Registration_with_a_passphrase_is_accepted()
    {
        var mobile = NextMobile();

        await RegisterAsync(mobile, "violet harbour kettle maple", HttpStatusCode.Redirect);

        Assert.True(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.UserName == mobile)));
    }

    [Fact]
    public async Task The_message_is_in_english_for_an_english_user()
    {
        using var browser = factory.CreateBrowser();
        using var switched = await browser.SubmitFormAsync("/Account/Register", new Dictionary<string, string?> { ["culture"] = "en-US" }, formAction: "/Culture");
        using var response = await browser.SubmitFormAsync("/Account/Register", Registration(NextMobile(), "password1234"));

        Assert.Contains(TooCommon, (await response.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task The_admin_cannot_create_a_staff_account_with_a_common_password()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);

        using var response = await admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "孙客服",
            ["Input.Email"] = "sun.agent@example.com",
            ["Input.Role"] = Roles.CrmAgent,
            ["Input.Password"] = "qwerty123456",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(TooCommon), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "sun.agent@example.com")));
    }

    [Fact]
    public async Task The_admin_cannot_reset_a_password_to_a_common_one()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);
        var agentId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.AgentEmail).Select(u => u.Id).SingleAsync());

        using var response = await admin.SubmitFormAsync(
            $"/Admin/Users/Edit/{agentId}",
            new Dictionary<string, string?> { ["Input.NewPassword"] = "Password2026!" },
            formAction: "handler=ResetPassword");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(TooCommon), (await response.ReadDocumentAsync()).ErrorMessages());
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(DemoData.AgentEmail))!, Accounts.Password));
    }

    private static string NextMobile() =>
        "13977" + Interlocked.Increment(ref _mobile).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Registration(string mobile, string password) => new()
    {
        ["Input.Name"] = "吴芳",
        ["Input.Mobile"] = mobile,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private async Task<IReadOnlyList<string>> RegisterAsync(string mobile, string password, HttpStatusCode expected)
    {
        using var browser = factory.CreateBrowser();
        using var response = await browser.SubmitFormAsync("/Account/Register", Registration(mobile, password));
        var messages = (await response.ReadDocumentAsync()).ErrorMessages();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {string.Join(" | ", messages)}");
        return messages;
    }
}
