using System.Globalization;
using System.Text.RegularExpressions;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure.Surveys;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>A Razor page of the app: its view path ("/Admin/Users/Edit") and route template ("Admin/Users/Edit/{id}").</summary>
public sealed record AppPage(string Path, string RouteTemplate)
{
    public override string ToString() => Path;
}

/// <summary>One app for the whole matrix, every page it has, and one browser per role, each signed in once.</summary>
public sealed partial class AccessMatrixFixture : IAsyncLifetime
{
    /// <summary>
    /// Values for the route parameters of pages that need one (or may take one), by page: names of <see cref="Samples"/>,
    /// or "=value" for a literal. Each is an id that exists in the demo data and that the roles allowed on the page may
    /// see. The access matrix, the IDOR matrix's page list and the hostile posts all open pages with these.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> RouteSamples = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["/Admin/Users/Edit"] = new Dictionary<string, string> { ["id"] = "agentUserId" },
        ["/Portal/Requests/Details"] = new Dictionary<string, string> { ["id"] = "customerRequestId" },
        ["/Portal/Products/Details"] = new Dictionary<string, string> { ["id"] = "customerProductId" },
        ["/Admin/Technicians/Edit"] = new Dictionary<string, string> { ["id"] = "technicianId" },
        ["/Staff/Requests/Details"] = new Dictionary<string, string> { ["id"] = "customerRequestId" },
        ["/Technician/Jobs/Details"] = new Dictionary<string, string> { ["id"] = "technicianJobId" },
        ["/Staff/Customers/Details"] = new Dictionary<string, string> { ["id"] = "customerId" },
        ["/Staff/Customers/Edit"] = new Dictionary<string, string> { ["id"] = "customerId" },
        ["/Staff/Customers/Merge"] = new Dictionary<string, string> { ["from"] = "customerId" },
        ["/Staff/Invoices/Details"] = new Dictionary<string, string> { ["id"] = "customerInvoiceId" },
        ["/Portal/Invoices/Details"] = new Dictionary<string, string> { ["id"] = "customerInvoiceId" },
        ["/Technician/Jobs/Report"] = new Dictionary<string, string> { ["id"] = "technicianJobId" },
        ["/Staff/Training/Details"] = new Dictionary<string, string> { ["id"] = "trainingEventId" },
        ["/Staff/Training/Edit"] = new Dictionary<string, string> { ["id"] = "trainingEventId" },
        ["/Staff/Contracts/Details"] = new Dictionary<string, string> { ["id"] = "customerContractId" },
        ["/Portal/Complaints/Details"] = new Dictionary<string, string> { ["id"] = "customerComplaintId" },
        ["/Staff/Complaints/Details"] = new Dictionary<string, string> { ["id"] = "customerComplaintId" },
        ["/Portal/Surveys/Answer"] = new Dictionary<string, string> { ["id"] = "customerInvitationId" },
        ["/Staff/Surveys/Details"] = new Dictionary<string, string> { ["id"] = "surveyCampaignId" },
        ["/Admin/Catalog/Models/Edit"] = new Dictionary<string, string> { ["id"] = "=1" },
        ["/Admin/Catalog/Parts/Edit"] = new Dictionary<string, string> { ["id"] = "=1" },
    };

    private readonly Dictionary<string, HttpClient> _browsers = [];

    public AppFactory Factory { get; } = new();

    public IReadOnlyList<AppPage> Pages { get; private set; } = [];

    /// <summary>Demo-data ids for route parameters, by name: the demo agent's user id, a request, a product and an invoice of the demo customer.</summary>
    public IReadOnlyDictionary<string, string> Samples { get; private set; } = new Dictionary<string, string>();

    /// <summary>The browser of a role, of nobody (<see cref="Accounts.Anonymous"/>), of <see cref="OtherCustomer"/> or of <see cref="OtherTechnician"/>.</summary>
    public HttpClient Browser(string who) => _browsers[who];

    /// <summary>The second demo customer, signed in: another customer than the one who owns the sample records.</summary>
    public const string OtherCustomer = nameof(OtherCustomer);

    /// <summary>A technician of their own (the demo data has one), signed in: another technician than the one the sample jobs are assigned to.</summary>
    public const string OtherTechnician = nameof(OtherTechnician);

    /// <summary>What identifies the demo customer who owns the samples: name, mobile, street, a request number.</summary>
    public IReadOnlyList<string> OwnerIdentifiers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Pages = DiscoverPages(Factory.Services);
        var customerId = await Factory.QueryAsync(db => db.Customers
            .Where(c => db.Users.Any(u => u.Id == c.UserId && u.Email == DemoData.CustomerEmail))
            .Select(c => c.Id)
            .SingleAsync());
        var (campaignId, invitationId) = await OpenSurveyAsync(customerId);
        Samples = new Dictionary<string, string>
        {
            ["customerId"] = Invariant(customerId),
            ["surveyCampaignId"] = Invariant(campaignId),
            ["customerInvitationId"] = Invariant(invitationId),
            ["agentUserId"] = await Factory.QueryAsync(db =>
                db.Users.Where(u => u.Email == DemoData.AgentEmail).Select(u => u.Id).SingleAsync()),
            ["customerRequestId"] = Invariant(await Factory.QueryAsync(db =>
                db.ServiceRequests.Where(r => r.CustomerId == customerId).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync())),
            ["customerProductId"] = Invariant(await Factory.QueryAsync(db =>
                db.CustomerProducts.Where(p => p.CustomerId == customerId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync())),
            ["technicianId"] = Invariant(await Factory.QueryAsync(db =>
                db.Technicians.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync())),
            ["customerInvoiceId"] = Invariant(await Factory.QueryAsync(db =>
                db.Invoices.Where(i => i.CustomerId == customerId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync())),
            ["trainingEventId"] = Invariant(await Factory.QueryAsync(db =>
                db.TrainingEvents.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync())),
            ["customerContractId"] = Invariant(await Factory.QueryAsync(db =>
                db.ServiceContracts.Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync())),
            ["technicianJobId"] = Invariant(await Factory.QueryAsync(db =>
                db.ServiceRequests
                    .Where(r => db.Technicians.Any(t => t.Id == r.TechnicianId && db.Users.Any(u => u.Id == t.UserId && u.Email == DemoData.TechnicianEmail)))
                    .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync())),

            // The demo data has no complaints: one of the demo customer's, resolved, so every form of both pages renders.
            ["customerComplaintId"] = Invariant(await Factory.CreateComplaintAsync(DemoData.CustomerEmail, Domain.Complaints.ComplaintStatus.Resolved)),
        };

        var owner = await Factory.QueryAsync(db => db.Customers.Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Mobile, c.Address!.Street }).SingleAsync());
        var requestNumber = await Factory.QueryAsync(db => db.ServiceRequests
            .Where(r => r.Id == int.Parse(Samples["customerRequestId"], CultureInfo.InvariantCulture)).Select(r => r.Number).SingleAsync());
        OwnerIdentifiers = [owner.Name, owner.Mobile!, owner.Street, requestNumber];

        _browsers[Accounts.Anonymous] = Factory.CreateBrowser();
        foreach (var account in Accounts.All)
        {
            var browser = Factory.CreateBrowser();
            await browser.SignInAsync(account);
            _browsers[account.Role] = browser;
        }

        var other = Factory.CreateBrowser();
        await other.SignInAsync(DemoData.Customer2Email);
        _browsers[OtherCustomer] = other;
        var otherTechnicianId = await Factory.CreateTechnicianAsync("别组师傅");
        var otherTechnician = Factory.CreateBrowser();
        await otherTechnician.SignInAsync(await Factory.QueryAsync(db => db.Technicians.Where(t => t.Id == otherTechnicianId)
            .Join(db.Users, t => t.UserId, u => u.Id, (_, u) => u.Email!).SingleAsync()));
        _browsers[OtherTechnician] = otherTechnician;
        await AddOwnedSamplesAsync(customerId);
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers.Values)
        {
            browser.Dispose();
        }

        await Factory.DisposeAsync();
    }

    /// <summary>
    /// Records of the demo customer that the demo data lacks: a photo of theirs (uploaded through the portal), a
    /// training registration and a follow-up.
    /// </summary>
    private async Task AddOwnedSamplesAsync(int customerId)
    {
        var samples = new Dictionary<string, string>(Samples);
        using (var upload = await _browsers[Roles.Customer].SubmitFormAsync(
            "/Portal/Requests/New", new Dictionary<string, string?> { ["Input.Description"] = "水箱里有裂缝，照片见附件。" }, [Upload.Jpeg("Photos")]))
        {
            var requestId = upload.RequestIdOfRedirect();
            samples["customerPhotoId"] = (await Factory.QueryAsync(db =>
                db.StoredFiles.Where(f => f.ServiceRequestId == requestId).Select(f => f.Id).SingleAsync())).ToString();
        }

        await using (var scope = Factory.OpenDb())
        {
            var now = Factory.Time.GetUtcNow().UtcDateTime;
            var training = await scope.Db.TrainingEvents.Include(e => e.Registrations)
                .Where(e => e.StartsAt > now).OrderBy(e => e.Id).FirstAsync();
            var registration = training.Registrations.FirstOrDefault(r => r.CustomerId == customerId && r.CancelledAt == null)
                ?? training.Register(customerId, now);
            await scope.Db.SaveChangesAsync();
            samples["customerTrainingRegistrationId"] = Invariant(registration.Id);
            samples["upcomingTrainingEventId"] = Invariant(training.Id);
        }

        samples["followUpId"] = Invariant(await Factory.QueryAsync(db =>
            db.FollowUps.OrderBy(f => f.Id).Select(f => f.Id).FirstOrDefaultAsync()));
        Samples = samples;
    }

    /// <summary>A survey campaign open now, which invites the demo customer (the demo data has none).</summary>
    private async Task<(int CampaignId, int InvitationId)> OpenSurveyAsync(int customerId)
    {
        await using var scope = Factory.OpenDb();
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        var campaign = await scope.Get<SurveyInvitations>().OpenAsync(() => new SurveyCampaign(new Quarter(2030, 1), "满意度调查", SurveyAudience.AllActiveCustomers, now.AddMinutes(-1), now.AddDays(30), "matrix", now), CancellationToken.None);
        var invitationId = await scope.Db.SurveyInvitations
            .Where(i => i.CampaignId == campaign.Id && i.CustomerId == customerId).Select(i => i.Id).SingleAsync();
        return (campaign.Id, invitationId);
    }

    /// <summary>
    /// The page's URL with the values of <see cref="RouteSamples"/>; an optional parameter without one is left out.
    /// Throws <see cref="InvalidOperationException"/> naming the parameter when a required one has no value.
    /// </summary>
    public string Url(AppPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        RouteSamples.TryGetValue(page.Path, out var samples);
        var path = RouteParameter().Replace(page.RouteTemplate, match =>
        {
            var name = match.Groups["name"].Value;
            if (samples is not null && samples.TryGetValue(name, out var sample))
            {
                return sample.StartsWith('=') ? sample[1..] : Uri.EscapeDataString(Samples[sample]);
            }

            if (match.Groups["optional"].Success)
            {
                return string.Empty;
            }

            throw new InvalidOperationException(
                $"Page {page.Path} ({page.RouteTemplate}) needs a value for {{{name}}}: add one to {nameof(AccessMatrixFixture)}.{nameof(RouteSamples)}.");
        });
        return "/" + path.Replace("//", "/", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary><see cref="Url"/>, or false when the page needs a value the samples lack.</summary>
    public bool TryUrl(AppPage page, out string url)
    {
        try
        {
            url = Url(page);
            return true;
        }
        catch (InvalidOperationException)
        {
            url = string.Empty;
            return false;
        }
    }

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>{id}, {id:int}, {id?}, {*path}, {page=1}.</summary>
    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::[^}?=]+)*(?:(?<optional>\?)|(?<optional>=[^}]*))?\}")]
    private static partial Regex RouteParameter();

    /// <summary>Every Razor page the running app routes to, from its endpoint data source; an Index page once, by its shortest route.</summary>
    private static List<AppPage> DiscoverPages(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(x => x.Page is not null)
            .GroupBy(x => x.Page!.ViewEnginePath, StringComparer.Ordinal)
            .Select(g => new AppPage(g.Key, g.Select(x => x.Endpoint.RoutePattern.RawText ?? string.Empty).OrderBy(t => t.Length).First()))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
}
