using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Admin;

/// <summary>The technicians page of the administration area (Manager and Admin): the list and editing a profile.</summary>
public sealed class TechnicianProfileTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_list_shows_every_technician_with_skills_and_districts()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);
        var technician = await factory.QueryAsync(db => db.Technicians.AsNoTracking().FirstAsync());

        var (response, page) = await browser.GetPageAsync("/Admin/Technicians");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.VisibleText();
        Assert.Contains(technician.Name, text, StringComparison.Ordinal);
        Assert.All(technician.Districts, d => Assert.Contains(d, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editing_a_profile_saves_skills_districts_and_active()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);
        var id = await factory.QueryAsync(db => db.Technicians.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        var url = $"/Admin/Technicians/Edit/{id.ToString(CultureInfo.InvariantCulture)}";
        var (_, page) = await browser.GetPageAsync(url);
        var form = Browser.FindForm(page, new Uri("https://localhost" + url), ["Input.Districts"]);
        var fields = form.Fields.Where(f => f.Key != "Input.Skills" && f.Key != "Input.Active").ToList();
        fields.Add(new("Input.Skills", nameof(ProductCategory.Faucet)));
        fields.Add(new("Input.Skills", nameof(ProductCategory.Shower)));
        fields.RemoveAll(f => f.Key == "Input.Districts");
        fields.Add(new("Input.Districts", "浦东新区、 徐汇区,闵行区"));
        fields.Add(new("Input.Active", "false"));

        using var content = new FormUrlEncodedContent(fields);
        using var response = await browser.PostAsync(new Uri(url, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var technician = await factory.QueryAsync(db => db.Technicians.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal([ProductCategory.Shower, ProductCategory.Faucet], technician.Skills);
        Assert.Equal(["浦东新区", "徐汇区", "闵行区"], technician.Districts);
        Assert.False(technician.Active);
    }

    [Fact]
    public async Task A_district_longer_than_50_characters_is_refused_and_nothing_is_saved()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);
        var before = await factory.QueryAsync(db => db.Technicians.AsNoTracking().OrderBy(t => t.Id).FirstAsync());
        var url = $"/Admin/Technicians/Edit/{before.Id.ToString(CultureInfo.InvariantCulture)}";

        using var response = await browser.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.Districts"] = "浦东新区、" + new string('区', 51),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("Each district can be at most {0} characters.", 50), (await response.ReadDocumentAsync()).ErrorMessages());
        var after = await factory.QueryAsync(db => db.Technicians.AsNoTracking().SingleAsync(t => t.Id == before.Id));
        Assert.Equal(before.Districts, after.Districts);
    }

    [Fact]
    public async Task An_admin_can_open_the_technicians_page_too()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Admin);

        using var response = await browser.GetAsync(new Uri("/Admin/Technicians", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_sees_the_administration_area_but_not_user_management()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);

        var (index, page) = await browser.GetPageAsync("/Admin");
        using var users = await browser.GetAsync(new Uri("/Admin/Users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.NotNull(page.QuerySelector("a[href='/Admin/Technicians']"));
        Assert.Null(page.QuerySelector("main a[href='/Admin/Users']"));
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task An_unknown_technician_is_not_found()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);

        using var response = await browser.GetAsync(new Uri("/Admin/Technicians/Edit/999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
