using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Crm;

/// <summary>Clauses 2.2(5), 4.2(3) over HTTP: staff plan events, customers register and cancel, attendance and the yearly count.</summary>
public sealed class TrainingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Portal = "/Portal/Training";

    [Fact]
    public async Task Staff_create_an_event_and_a_customer_registers_and_cancels()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var start = factory.Now().AddDays(3);
        var clock = factory.Services.GetRequiredService<LocalClock>();
        var topic = "淋浴房保养 " + Guid.NewGuid().ToString("N")[..6];

        var created = await agent.SubmitFormAsync("/Staff/Training/Edit", new Dictionary<string, string?>
        {
            ["Input.Topic"] = topic,
            ["Input.StartsAt"] = LocalInput(clock, start),
            ["Input.EndsAt"] = LocalInput(clock, start.AddHours(2)),
            ["Input.Place"] = "展示中心",
            ["Input.Capacity"] = "10",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var eventId = await factory.QueryAsync(db => db.TrainingEvents.Where(e => e.Topic == topic).Select(e => e.Id).SingleAsync());
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        var registered = await RegisterAsync(customer, eventId);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var (_, page) = await customer.GetPageAsync(Portal);
        var registrationId = await RegistrationIdAsync(eventId, DemoData.CustomerEmail);
        Assert.NotNull(page.QuerySelector($"#registration-{registrationId}"));
        Assert.Contains(factory.InChinese("Seats left: {0} of {1}", 9, 10), page.QuerySelector($"#event-{eventId}")!.TextContent, StringComparison.Ordinal);

        var cancelled = await customer.PostWithTokenAsync(Portal + "?handler=Cancel", Portal, new Dictionary<string, string> { ["registrationId"] = Invariant(registrationId) });

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(0, await ActiveRegistrationsAsync(eventId));
    }

    [Fact]
    public async Task Registering_for_a_full_event_is_refused_with_a_message()
    {
        var eventId = await CreateEventAsync(capacity: 1);
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        using var customer2 = await factory.SignedInAsync(Accounts.Customer with { Login = DemoData.Customer2Email });
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(customer, eventId)).StatusCode);

        var refused = await RegisterAsync(customer2, eventId);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(factory.InChinese("This event is full."), (await refused.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(1, await ActiveRegistrationsAsync(eventId));
    }

    [Fact]
    public async Task Two_customers_taking_the_last_seat_at_once_get_one_registration()
    {
        var eventId = await CreateEventAsync(capacity: 1);
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        using var customer2 = await factory.SignedInAsync(Accounts.Customer with { Login = DemoData.Customer2Email });

        var responses = await Task.WhenAll(RegisterAsync(customer, eventId), RegisterAsync(customer2, eventId));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, await ActiveRegistrationsAsync(eventId));
    }

    [Fact]
    public async Task Staff_mark_attendance_and_held_and_the_yearly_count_shows_it()
    {
        var eventId = await CreateEventAsync(capacity: 5, startsIn: TimeSpan.FromMinutes(30));
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        await RegisterAsync(customer, eventId);
        var registrationId = await RegistrationIdAsync(eventId, DemoData.CustomerEmail);
        var clock = factory.Services.GetRequiredService<LocalClock>();
        var heldBefore = await HeldThisYearAsync(clock);
        factory.Time.Advance(TimeSpan.FromHours(3));
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var details = "/Staff/Training/Details/" + Invariant(eventId);

        var attendance = await agent.SubmitFormAsync(details, new Dictionary<string, string?> { ["Attended"] = Invariant(registrationId) }, formAction: "handler=Attendance");
        var held = await agent.SubmitFormAsync(details, formAction: "handler=Held");

        Assert.Equal(HttpStatusCode.Redirect, attendance.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.True(await factory.QueryAsync(db => db.TrainingRegistrations.Where(r => r.Id == registrationId).Select(r => r.Attended).SingleAsync()));
        var (_, list) = await agent.GetPageAsync("/Staff/Training");
        Assert.Contains(
            factory.InChinese("Training events held in {0}: {1} (contract target: at least {2}).", clock.Today.Year, heldBefore + 1, TrainingTarget.HeldPerYear),
            list.QuerySelector("#yearly-target")!.TextContent,
            StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector(heldBefore + 1 >= 2 ? "#target-met" : "#target-not-met"));
    }

    [Fact]
    public async Task Customer2_does_not_see_the_registrations_of_customer_and_gets_404_on_their_ids()
    {
        var eventId = await CreateEventAsync(capacity: 5);
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        await RegisterAsync(customer, eventId);
        var theirs = await RegistrationIdAsync(eventId, DemoData.CustomerEmail);
        using var customer2 = await factory.SignedInAsync(Accounts.Customer with { Login = DemoData.Customer2Email });

        var (_, page) = await customer2.GetPageAsync(Portal);
        var cancel = await customer2.PostWithTokenAsync(Portal + "?handler=Cancel", Portal, new Dictionary<string, string> { ["registrationId"] = Invariant(theirs) });

        Assert.Null(page.QuerySelector($"#registration-{theirs}"));
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(1, await ActiveRegistrationsAsync(eventId));
    }

    [Theory]
    [InlineData("/Staff/Training")]
    [InlineData("/Staff/Contracts")]
    public async Task Technicians_and_customers_are_refused_the_staff_pages(string url)
    {
        foreach (var account in new[] { Accounts.Technician, Accounts.Customer })
        {
            using var browser = await factory.SignedInAsync(account);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient customer, int eventId) =>
        customer.PostWithTokenAsync(Portal + "?handler=Register", Portal, new Dictionary<string, string> { ["eventId"] = Invariant(eventId) });

    private async Task<int> CreateEventAsync(int capacity, TimeSpan? startsIn = null)
    {
        var now = factory.Now();
        var start = now + (startsIn ?? TimeSpan.FromDays(5));
        await using var scope = factory.OpenDb();
        var training = TrainingEvent.Plan("测试培训", null, start, start.AddHours(1), null, "https://meeting.example.com/t", capacity, now);
        scope.Db.TrainingEvents.Add(training);
        await scope.Db.SaveChangesAsync();
        return training.Id;
    }

    private Task<int> ActiveRegistrationsAsync(int eventId) =>
        factory.QueryAsync(db => db.TrainingRegistrations.CountAsync(r => r.TrainingEventId == eventId && r.CancelledAt == null));

    private async Task<int> RegistrationIdAsync(int eventId, string email)
    {
        var customerId = await factory.CustomerIdAsync(email);
        return await factory.QueryAsync(db => db.TrainingRegistrations
            .Where(r => r.TrainingEventId == eventId && r.CustomerId == customerId && r.CancelledAt == null).Select(r => r.Id).SingleAsync());
    }

    private Task<int> HeldThisYearAsync(LocalClock clock)
    {
        var (start, end) = TrainingTarget.YearBounds(clock.Today.Year, clock.TimeZone);
        return factory.QueryAsync(db => db.TrainingEvents.CountAsync(e => e.Status == TrainingEventStatus.Held && e.StartsAt >= start && e.StartsAt < end));
    }

    private static string LocalInput(LocalClock clock, DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
