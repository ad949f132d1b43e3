using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>The Manager's SLA settings page: validation, saving, and new requests taking the new targets.</summary>
public sealed class ServiceLevelSettingsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Page = "/Staff/Settings/ServiceLevels";

    [Theory]
    [InlineData("0")]
    [InlineData("721")]
    public async Task Targets_outside_1_to_720_hours_are_refused(string hours)
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);

        using var response = await browser.SubmitFormAsync(Page, new Dictionary<string, string?> { ["Input.ResponseHours"] = hours });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Please enter a number of hours between 1 and {0}.", 720), page.ErrorMessages());
        var refused = int.Parse(hours, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await factory.QueryAsync(db => db.ServiceLevelSettings.AnyAsync(s => s.ResponseHours == refused)));
    }

    [Fact]
    public async Task An_emergency_target_longer_than_the_normal_one_is_refused()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Manager);

        using var response = await browser.SubmitFormAsync(Page, new Dictionary<string, string?>
        {
            ["Input.ResponseHours"] = "4",
            ["Input.EmergencyResponseHours"] = "6",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            factory.InChinese("The emergency response target cannot be longer than the normal one."),
            (await response.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task Saved_targets_apply_to_the_next_request_and_a_stale_form_is_told()
    {
        using var manager = factory.CreateBrowser();
        await manager.SignInAsync(Accounts.Manager);
        var (_, stalePage) = await manager.GetPageAsync(Page);

        using var saved = await manager.SubmitFormAsync(Page, new Dictionary<string, string?> { ["Input.ResponseHours"] = "12" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await factory.QueryAsync(db => db.ServiceLevelSettings.AsNoTracking().SingleAsync());
        Assert.Equal(12, settings.ResponseHours);
        Assert.False(string.IsNullOrEmpty(settings.UpdatedBy));

        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var request = await factory.QueryAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(request.SubmittedAt.AddHours(12), request.ResponseDueAt);

        // The form opened before that save still carries the old version: refused, nothing overwritten.
        var stale = Browser.FindForm(stalePage, new Uri("https://localhost" + Page), ["Input.ResponseHours"])
            .Fill(new Dictionary<string, string?> { ["Input.ResponseHours"] = "30" });
        using var conflict = await manager.SubmitAsync(stale);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains(factory.InChinese("This record was changed meanwhile. Please review and save again."), (await conflict.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(12, await factory.QueryAsync(db => db.ServiceLevelSettings.Select(s => s.ResponseHours).SingleAsync()));
    }

    [Fact]
    public async Task Targets_saved_by_another_instance_apply_here_within_the_kept_rows_maximum_age()
    {
        using var manager = factory.CreateBrowser();
        await manager.SignInAsync(Accounts.Manager);
        using var saved = await manager.SubmitFormAsync(Page, new Dictionary<string, string?> { ["Input.ResponseHours"] = "20" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(20, await ResponseHoursOfANewRequestAsync());

        // A bulk update goes around this instance, as another instance's save does.
        await factory.QueryAsync(db => db.ServiceLevelSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.ResponseHours, 21)));
        Assert.Equal(20, await ResponseHoursOfANewRequestAsync());

        factory.Time.Advance(ServiceLevelPolicyCache.MaxAge);
        Assert.Equal(21, await ResponseHoursOfANewRequestAsync());
    }

    private async Task<double> ResponseHoursOfANewRequestAsync()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var request = await factory.QueryAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        return (request.ResponseDueAt - request.SubmittedAt).TotalHours;
    }

    [Theory]
    [InlineData(nameof(Accounts.Customer))]
    [InlineData(nameof(Accounts.Technician))]
    [InlineData(nameof(Accounts.Agent))]
    public async Task Agents_customers_and_technicians_open_neither_the_settings_nor_the_technician_pages(string who)
    {
        var account = who switch
        {
            nameof(Accounts.Customer) => Accounts.Customer,
            nameof(Accounts.Technician) => Accounts.Technician,
            _ => Accounts.Agent,
        };
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(account);

        foreach (var url in new[] { Page, "/Admin/Technicians" })
        {
            using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
