using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>Wrong, duplicate, weak and forged input: a clear answer, never a 500, and nothing written half-way.</summary>
public sealed class BadInputTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string GoodPassword = "Long-Enough-2026";

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_message_and_no_session()
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();

        using var wrongPassword = await browser.LoginAsync(DemoData.AgentEmail, "wrong-password-123");
        using var unknownUser = await browser.LoginAsync("nobody@example.com", "wrong-password-123");
        using var unknownMobile = await browser.LoginAsync("13999999999", "wrong-password-123");

        var expected = factory.InChinese("Incorrect mobile number, email or password.");
        foreach (var response in new[] { wrongPassword, unknownUser, unknownMobile })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.HasAuthCookie());
            Assert.Equal([expected], (await response.ReadDocumentAsync()).ErrorMessages());
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Registering_a_mobile_number_that_has_an_account_is_refused_and_writes_nothing()
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();

        using var response = await RegisterAsync(browser, "138-0000-0001", GoodPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.HasAuthCookie());
        Assert.Contains(
            factory.InChinese("This mobile number is already registered. Please sign in instead."),
            (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Registering_the_mobile_number_of_an_archive_customer_is_refused_and_writes_nothing()
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();

        // 13900000003 is the hotel: a customer record the service desk made, with no login of its own.
        using var response = await RegisterAsync(browser, "13900000003", GoodPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("short-pass1")]
    [InlineData("")]
    public async Task Registering_with_a_weak_password_is_refused_and_writes_nothing(string password)
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();

        using var response = await RegisterAsync(browser, "13512345678", password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.HasAuthCookie());
        Assert.NotEmpty((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await CountsAsync());
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.UserName == "13512345678")));
    }

    [Fact]
    public async Task Registering_with_too_few_different_characters_is_refused_and_writes_nothing()
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();

        // Long enough for the validator, but Identity asks for 4 different characters: the refusal comes from inside
        // the transaction, after the checks, so this is where a half-written account would show.
        using var response = await RegisterAsync(browser, "13512345679", "aaaaaaaaaaaaaaab");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task A_tampered_antiforgery_token_is_refused_with_400_and_writes_nothing(string page)
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();
        var fields = page == "/Account/Login"
            ? new Dictionary<string, string?> { ["Input.Login"] = DemoData.AgentEmail, ["Input.Password"] = Accounts.Password }
            : RegistrationFields("13612345678", GoodPassword);
        var form = await FormAsync(browser, page, fields);

        using var response = await browser.SubmitAsync(form.Fill(new Dictionary<string, string?>
        {
            [Browser.AntiforgeryField] = Tamper(form.Value(Browser.AntiforgeryField)!),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.HasAuthCookie());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_missing_antiforgery_token_is_refused_with_400()
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();
        var form = await FormAsync(browser, "/Account/Register", RegistrationFields("13612345679", GoodPassword));

        using var response = await browser.SubmitAsync(form.Fill(new Dictionary<string, string?> { [Browser.AntiforgeryField] = null }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_tampered_antiforgery_token_on_an_admin_form_is_refused_and_creates_no_account()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);
        var before = await CountsAsync();
        var form = await FormAsync(admin, "/Admin/Users/Create", StaffFields("forged@example.com", Roles.Admin));

        using var response = await admin.SubmitAsync(form.Fill(new Dictionary<string, string?>
        {
            [Browser.AntiforgeryField] = Tamper(form.Value(Browser.AntiforgeryField)!),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Another_roles_page_answers_403()
    {
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(Accounts.Customer);

        using var response = await customer.GetAsync(new Uri("/Admin/Users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Posting_to_another_roles_form_answers_403_and_creates_no_account()
    {
        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(Accounts.Agent);
        var before = await CountsAsync();

        // A valid token of the agent's own session: only authorization stands between the agent and an Admin account.
        using var response = await agent.PostWithTokenAsync("/Admin/Users/Create", "/Staff", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "提权",
            ["Input.Email"] = "escalate@example.com",
            ["Input.Role"] = Roles.Admin,
            ["Input.Password"] = GoodPassword,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_anonymous_post_to_an_admin_form_is_sent_to_the_login_page_and_creates_no_account()
    {
        using var browser = factory.CreateBrowser();
        var before = await CountsAsync();

        using var response = await browser.PostWithTokenAsync("/Admin/Users/Create", "/Account/Login", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "匿名",
            ["Input.Email"] = "anonymous@example.com",
            ["Input.Role"] = Roles.Admin,
            ["Input.Password"] = GoodPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Creating_a_staff_account_with_an_email_already_in_use_is_refused_and_writes_nothing()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);
        var before = await CountsAsync();

        using var response = await admin.SubmitFormAsync("/Admin/Users/Create", StaffFields(DemoData.AgentEmail.ToUpperInvariant(), Roles.Technician));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_staff_form_cannot_create_a_customer_account()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);
        var before = await CountsAsync();

        // The select offers staff roles only; a hand-made POST can send anything.
        using var response = await admin.SubmitFormAsync("/Admin/Users/Create", StaffFields("fake.customer@example.com", Roles.Customer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await CountsAsync());
    }

    private static Dictionary<string, string?> StaffFields(string email, string role) => new()
    {
        ["Input.DisplayName"] = "测试员工",
        ["Input.Email"] = email,
        ["Input.Role"] = role,
        ["Input.Password"] = GoodPassword,
    };

    private static Dictionary<string, string?> RegistrationFields(string mobile, string password) => new()
    {
        ["Input.Name"] = "测试客户",
        ["Input.Mobile"] = mobile,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string mobile, string password) =>
        browser.SubmitFormAsync("/Account/Register", RegistrationFields(mobile, password));

    private static async Task<HtmlForm> FormAsync(HttpClient browser, string page, Dictionary<string, string?> fields)
    {
        var (response, document) = await browser.GetPageAsync(page);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Browser.FindForm(document, response.RequestMessage!.RequestUri!, fields.Keys).Fill(fields);
        }
    }

    /// <summary>The same token with one character changed in the middle, where the payload is.</summary>
    private static string Tamper(string token)
    {
        var middle = token.Length / 2;
        var replacement = token[middle] == 'A' ? 'B' : 'A';
        return token[..middle] + replacement + token[(middle + 1)..];
    }

    private Task<RowCounts> CountsAsync() => RowCounts.ReadAsync(factory);
}
