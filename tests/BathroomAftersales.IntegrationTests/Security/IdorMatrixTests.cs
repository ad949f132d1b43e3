using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// Every URL that names a record (a route id, a handler's id parameter, a stored photo), for GET and for each POST handler,
/// requested with a record of the demo customer by another customer, by every role the page does not admit, and by
/// nobody: 404, 403 or the login page, and never a trace of the owner (name, mobile, street, request number) in the
/// answer. The endpoints are found at run time (routes from the endpoint data source, handlers from the page models),
/// so a new one fails <see cref="Every_url_with_an_id_and_every_handler_of_such_a_page_is_in_the_matrix"/> until it has a row.
/// </summary>
public sealed partial class IdorMatrixTests(AccessMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<AccessMatrixFixture>
{
    /// <summary>
    /// The rows: "GET page", "POST page handler" (handler "" is OnPost) or "GET /files/...", and the URL to request, where
    /// {name} is a sample of <see cref="AccessMatrixFixture.Samples"/> owned by the demo customer (or seen by staff).
    /// </summary>
    private static readonly Dictionary<string, string> Matrix = new()
    {
        // Customer portal: the other customer gets 404, like a record that does not exist.
        ["GET /Portal/Requests/Details"] = "/Portal/Requests/Details/{customerRequestId}",
        ["POST /Portal/Requests/Details Cancel"] = "/Portal/Requests/Details/{customerRequestId}?handler=Cancel",
        ["POST /Portal/Requests/Details Confirm"] = "/Portal/Requests/Details/{customerRequestId}?handler=Confirm",
        ["POST /Portal/Requests/Details Reopen"] = "/Portal/Requests/Details/{customerRequestId}?handler=Reopen",
        ["POST /Portal/Requests/Details Message"] = "/Portal/Requests/Details/{customerRequestId}?handler=Message",
        ["GET /Portal/Requests/New"] = "/Portal/Requests/New?productId={customerProductId}",
        ["GET /Portal/Products/Details"] = "/Portal/Products/Details/{customerProductId}",
        ["GET /Portal/Invoices/Details"] = "/Portal/Invoices/Details/{customerInvoiceId}",
        ["GET /Portal/Complaints/Details"] = "/Portal/Complaints/Details/{customerComplaintId}",
        ["POST /Portal/Complaints/Details Accept"] = "/Portal/Complaints/Details/{customerComplaintId}?handler=Accept",
        ["POST /Portal/Complaints/Details Dispute"] = "/Portal/Complaints/Details/{customerComplaintId}?handler=Dispute",
        ["GET /Portal/Complaints/New"] = "/Portal/Complaints/New?requestId={customerRequestId}",
        ["GET /Portal/Products/Register"] = "/Portal/Products/Register?modelId=1",
        ["GET /Portal/Surveys/Answer"] = "/Portal/Surveys/Answer/{customerInvitationId}",
        ["POST /Portal/Surveys/Answer "] = "/Portal/Surveys/Answer/{customerInvitationId}",
        ["POST /Portal/Training/Index Cancel"] = "/Portal/Training?handler=Cancel&registrationId={customerTrainingRegistrationId}",
        ["POST /Portal/Training/Index Register"] = "/Portal/Training?handler=Register&eventId={upcomingTrainingEventId}",
        ["GET /files/{id:guid}/{variant?}"] = "/files/{customerPhotoId}",
        ["GET /files/{id:guid}/{variant?} thumb"] = "/files/{customerPhotoId}/thumb",

        // Staff pages: customers, technicians and admins get 403.
        ["GET /Staff/Requests/Details"] = "/Staff/Requests/Details/{customerRequestId}",
        ["POST /Staff/Requests/Details Acknowledge"] = "/Staff/Requests/Details/{customerRequestId}?handler=Acknowledge",
        ["POST /Staff/Requests/Details Answer"] = "/Staff/Requests/Details/{customerRequestId}?handler=Answer",
        ["POST /Staff/Requests/Details Cancel"] = "/Staff/Requests/Details/{customerRequestId}?handler=Cancel",
        ["POST /Staff/Requests/Details Comment"] = "/Staff/Requests/Details/{customerRequestId}?handler=Comment",
        ["POST /Staff/Requests/Details Dispatch"] = "/Staff/Requests/Details/{customerRequestId}?handler=Dispatch",
        ["POST /Staff/Requests/Details Duplicate"] = "/Staff/Requests/Details/{customerRequestId}?handler=Duplicate",
        ["POST /Staff/Requests/Details OverridePayer"] = "/Staff/Requests/Details/{customerRequestId}?handler=OverridePayer",
        ["POST /Staff/Requests/Details Priority"] = "/Staff/Requests/Details/{customerRequestId}?handler=Priority",
        ["POST /Staff/Requests/Details Review"] = "/Staff/Requests/Details/{customerRequestId}?handler=Review",
        ["POST /Staff/Requests/Details Type"] = "/Staff/Requests/Details/{customerRequestId}?handler=Type",
        ["GET /Staff/Requests/New"] = "/Staff/Requests/New?customerId={customerId}",
        ["GET /Staff/Complaints/New"] = "/Staff/Complaints/New?customerId={customerId}",
        ["GET /Staff/Contracts/New"] = "/Staff/Contracts/New?customerId={customerId}",
        ["GET /Staff/Customers/Details"] = "/Staff/Customers/Details/{customerId}",
        ["GET /Staff/Customers/Edit"] = "/Staff/Customers/Edit/{customerId}",
        ["POST /Staff/Customers/Edit "] = "/Staff/Customers/Edit/{customerId}",
        ["GET /Staff/Customers/Merge"] = "/Staff/Customers/Merge/{customerId}",
        ["POST /Staff/Customers/Merge "] = "/Staff/Customers/Merge/{customerId}",
        ["GET /Staff/Invoices/Details"] = "/Staff/Invoices/Details/{customerInvoiceId}",
        ["POST /Staff/Invoices/Details Pay"] = "/Staff/Invoices/Details/{customerInvoiceId}?handler=Pay",
        ["POST /Staff/Invoices/Details Void"] = "/Staff/Invoices/Details/{customerInvoiceId}?handler=Void",
        ["POST /Staff/Invoices/Index Issue"] = "/Staff/Invoices?handler=Issue&requestId={customerRequestId}",
        ["GET /Staff/Contracts/Details"] = "/Staff/Contracts/Details/{customerContractId}",
        ["POST /Staff/Contracts/Details Renew"] = "/Staff/Contracts/Details/{customerContractId}?handler=Renew",
        ["POST /Staff/Contracts/Details Terminate"] = "/Staff/Contracts/Details/{customerContractId}?handler=Terminate",
        ["GET /Staff/Complaints/Details"] = "/Staff/Complaints/Details/{customerComplaintId}",
        ["POST /Staff/Complaints/Details Acknowledge"] = "/Staff/Complaints/Details/{customerComplaintId}?handler=Acknowledge",
        ["POST /Staff/Complaints/Details Assign"] = "/Staff/Complaints/Details/{customerComplaintId}?handler=Assign",
        ["POST /Staff/Complaints/Details Note"] = "/Staff/Complaints/Details/{customerComplaintId}?handler=Note",
        ["POST /Staff/Complaints/Details Resolve"] = "/Staff/Complaints/Details/{customerComplaintId}?handler=Resolve",
        ["GET /Staff/Training/Details"] = "/Staff/Training/Details/{trainingEventId}",
        ["POST /Staff/Training/Details Attendance"] = "/Staff/Training/Details/{trainingEventId}?handler=Attendance",
        ["POST /Staff/Training/Details Cancel"] = "/Staff/Training/Details/{trainingEventId}?handler=Cancel",
        ["POST /Staff/Training/Details Held"] = "/Staff/Training/Details/{trainingEventId}?handler=Held",
        ["GET /Staff/Training/Edit"] = "/Staff/Training/Edit/{trainingEventId}",
        ["POST /Staff/Training/Edit "] = "/Staff/Training/Edit/{trainingEventId}",
        ["POST /Staff/FollowUps/Index Close"] = "/Staff/FollowUps?handler=Close&id={followUpId}",
        ["GET /Staff/Surveys/Details"] = "/Staff/Surveys/Details/{surveyCampaignId}",

        // The technician's job pages.
        ["GET /Technician/Jobs/Details"] = "/Technician/Jobs/Details/{technicianJobId}",
        ["POST /Technician/Jobs/Details StartVisit"] = "/Technician/Jobs/Details/{technicianJobId}?handler=StartVisit",
        ["GET /Technician/Jobs/Report"] = "/Technician/Jobs/Report/{technicianJobId}",
        ["POST /Technician/Jobs/Report "] = "/Technician/Jobs/Report/{technicianJobId}",

        // Admin pages.
        ["GET /Admin/Users/Edit"] = "/Admin/Users/Edit/{agentUserId}",
        ["POST /Admin/Users/Edit ResetPassword"] = "/Admin/Users/Edit/{agentUserId}?handler=ResetPassword",
        ["POST /Admin/Users/Edit Deactivate"] = "/Admin/Users/Edit/{agentUserId}?handler=Deactivate",
        ["POST /Admin/Users/Edit Activate"] = "/Admin/Users/Edit/{agentUserId}?handler=Activate",
        ["GET /Admin/Technicians/Edit"] = "/Admin/Technicians/Edit/{technicianId}",
        ["POST /Admin/Technicians/Edit "] = "/Admin/Technicians/Edit/{technicianId}",
        ["GET /Admin/Catalog/Models/Edit"] = "/Admin/Catalog/Models/Edit/1",
        ["POST /Admin/Catalog/Models/Edit "] = "/Admin/Catalog/Models/Edit/1",
        ["GET /Admin/Catalog/Parts/Edit"] = "/Admin/Catalog/Parts/Edit/1",
        ["POST /Admin/Catalog/Parts/Edit "] = "/Admin/Catalog/Parts/Edit/1",
    };

    /// <summary>The audience folders and who they admit, most specific first (WebSetup.AddAppPages).</summary>
    private static readonly IReadOnlyList<(string Folder, string[] Roles)> Folders =
    [
        ("/Staff/Settings/", [Roles.Manager]),
        ("/Staff/Surveys/", [Roles.Manager]),
        ("/Admin/Users/", [Roles.Admin]),
        ("/Portal/", [Roles.Customer]),
        ("/Staff/", [Roles.CrmAgent, Roles.Manager]),
        ("/Technician/", [Roles.Technician]),
        ("/Reports/", [Roles.Manager]),
        ("/Admin/", [Roles.Manager, Roles.Admin]),
    ];

    /// <summary>Photos: the owner, the service desk and the assigned technician; everybody else gets 404 (FileEndpoints).</summary>
    private static readonly string[] PhotoViewers = [Roles.Customer, Roles.CrmAgent, Roles.Manager];

    /// <summary>Who asks: nobody, another customer, another technician, and every role.</summary>
    public static TheoryData<string> Requesters => new([Accounts.Anonymous, AccessMatrixFixture.OtherCustomer, AccessMatrixFixture.OtherTechnician, .. Roles.All]);

    [Fact]
    public void Every_url_with_an_id_and_every_handler_of_such_a_page_is_in_the_matrix()
    {
        var endpoints = IdEndpoints(fixture.Factory.Services);
        foreach (var endpoint in endpoints)
        {
            output.WriteLine(endpoint);
        }

        var missing = endpoints.Where(e => !Matrix.ContainsKey(e)).ToList();
        var stale = Matrix.Keys.Where(k => !endpoints.Contains(k) && !k.EndsWith(" thumb", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"Endpoints with an id missing from {nameof(IdorMatrixTests)}.{nameof(Matrix)}: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"Rows of {nameof(Matrix)} for endpoints the app no longer has: {string.Join(", ", stale)}");
    }

    [Fact]
    public void The_matrix_finds_route_ids_handler_ids_and_the_photo_endpoint()
    {
        var endpoints = IdEndpoints(fixture.Factory.Services);

        Assert.Contains("GET /Portal/Requests/Details", endpoints);
        Assert.Contains("POST /Portal/Requests/Details Cancel", endpoints);
        Assert.Contains("POST /Portal/Training/Index Cancel", endpoints);
        Assert.Contains("GET /files/{id:guid}/{variant?}", endpoints);
        Assert.True(endpoints.Count >= 50, $"Only {endpoints.Count} endpoints found");
    }

    [Theory]
    [MemberData(nameof(Requesters))]
    public async Task No_record_of_a_customer_reaches_another_customer_another_role_or_nobody(string who)
    {
        var browser = fixture.Browser(who);
        var tokens = new Dictionary<string, string>();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (endpoint, template) in Matrix)
        {
            var url = Fill(template);
            var path = new Uri(new Uri("https://localhost"), url).AbsolutePath;
            if (Expected(endpoint, path, who, url) is not { } expected)
            {
                continue; // the role may see the record: that is the access matrix's business
            }

            checkedCount++;
            using var response = endpoint.StartsWith("POST ", StringComparison.Ordinal)
                ? await PostAsync(browser, who, url, tokens)
                : await browser.GetAsync(new Uri(url, UriKind.Relative));
            var actual = Describe(response);
            if (actual != expected)
            {
                failures.Add($"{endpoint} {url} as {who}: expected {expected}, got {actual}");
            }

            // The owner's own name in the page header of an error page is no leak.
            var body = who == Roles.Customer ? string.Empty : await response.Content.ReadAsStringAsync();
            foreach (var identifier in fixture.OwnerIdentifiers.Where(i => body.Contains(i, StringComparison.Ordinal)))
            {
                failures.Add($"{endpoint} {url} as {who}: the answer contains the owner's “{identifier}”");
            }
        }

        output.WriteLine($"{checkedCount} requests as {who}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// A POST naming a handler that a page without a default POST handler does not have: Razor Pages would render the
    /// page on a model no handler loaded (500); the app answers 404. A GET falls back to OnGet and shows the page.
    /// </summary>
    [Theory]
    [InlineData(Roles.Customer, "/Portal/Requests/Details/{customerRequestId}?handler=Dispute")]
    [InlineData(Roles.Customer, "/Portal/Invoices/Details/{customerInvoiceId}?handler=Pay")]
    [InlineData(Roles.Customer, "/Portal/Complaints/Details/{customerComplaintId}?handler=Reopen")]
    [InlineData(Roles.CrmAgent, "/Staff/Requests/Details/{customerRequestId}?handler=Nothing")]
    [InlineData(Roles.Manager, "/Reports/Quarterly?handler=Nothing")]
    public async Task A_post_to_a_handler_the_page_does_not_have_answers_404_not_500(string role, string template)
    {
        var url = Fill(template);

        using var post = await PostAsync(fixture.Browser(role), role, url, []);
        using var get = await fixture.Browser(role).GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    /// <summary>What the requester must get, or null when the requester may see the record.</summary>
    private static string? Expected(string endpoint, string path, string who, string url)
    {
        if (who == Accounts.Anonymous)
        {
            return "302 to /Account/Login";
        }

        var role = who switch
        {
            AccessMatrixFixture.OtherCustomer => Roles.Customer,
            AccessMatrixFixture.OtherTechnician => Roles.Technician,
            _ => who,
        };
        if (endpoint.StartsWith("GET /files/", StringComparison.Ordinal))
        {
            return who == AccessMatrixFixture.OtherCustomer || !PhotoViewers.Contains(role) ? "404" : null;
        }

        var admits = Folders.First(f => path.StartsWith(f.Folder, StringComparison.OrdinalIgnoreCase)).Roles;
        if (!admits.Contains(role))
        {
            return "403";
        }

        return who switch
        {
            AccessMatrixFixture.OtherCustomer => OtherCustomerGets(endpoint, url),

            // A job of the demo technician, asked for by a technician it is not assigned to: like a job that does not exist.
            AccessMatrixFixture.OtherTechnician => "404",
            _ => null,
        };
    }

    /// <summary>
    /// Another customer gets 404 for a record of the demo customer. Some pages take an id of something and act for the
    /// signed-in customer: a new request or complaint given someone else's product or request id ignores it (the leak
    /// check still applies), a product registration's model is catalogue data, and registering for an event registers
    /// the other customer themself.
    /// </summary>
    private static string OtherCustomerGets(string endpoint, string url) => endpoint switch
    {
        "GET /Portal/Requests/New" or "GET /Portal/Complaints/New" or "GET /Portal/Products/Register" => "200",
        "POST /Portal/Training/Index Register" => "302 to /Portal/Training",
        _ => "404",
    };

    private string Fill(string template) => Sample().Replace(template, m => fixture.Samples[m.Groups[1].Value]);

    /// <summary>A POST with a valid antiforgery token of the requester's own session, and no other field.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string who, string url, Dictionary<string, string> tokens)
    {
        var tokenPage = who switch
        {
            Accounts.Anonymous => "/Account/Login",
            AccessMatrixFixture.OtherCustomer => Accounts.Customer.LandingPage,
            AccessMatrixFixture.OtherTechnician => Accounts.Technician.LandingPage,
            _ => Accounts.ForRole(who).LandingPage,
        };
        if (!tokens.TryGetValue(tokenPage, out var token))
        {
            var (response, document) = await browser.GetPageAsync(tokenPage);
            response.Dispose();
            token = document.QuerySelector($"input[name={Browser.AntiforgeryField}]")?.GetAttribute("value")
                ?? throw new InvalidOperationException($"{tokenPage} as {who} has no antiforgery token");
            tokens[tokenPage] = token;
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { [Browser.AntiforgeryField] = token });
        return await browser.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>"200", "404", "403" or "302 to /path" (the query left out).</summary>
    private static string Describe(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }

        return $"302 to {new Uri(new Uri("https://localhost"), location).AbsolutePath}";
    }

    /// <summary>
    /// "GET page" for pages with a route parameter or a query id (a handler parameter named id or …Id), "POST page handler"
    /// for every POST handler of such a page and every handler taking an id, and "GET template" for other endpoints
    /// with a route parameter.
    /// </summary>
    private static SortedSet<string> IdEndpoints(IServiceProvider services)
    {
        var endpoints = new SortedSet<string>(StringComparer.Ordinal);
        var routed = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var pagesWithRouteIds = routed
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>())
            .Where(p => p is not null && p.AttributeRouteInfo?.Template?.Contains('{', StringComparison.Ordinal) == true)
            .Select(p => p!.ViewEnginePath)
            .Where(p => !p.StartsWith("/Survey/", StringComparison.Ordinal)) // the personal survey link: a secret token, not an id
            .ToHashSet(StringComparer.Ordinal);
        foreach (var path in pagesWithRouteIds)
        {
            endpoints.Add($"GET {path}");
        }

        foreach (var endpoint in routed.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null
            && e.RoutePattern.Parameters.Count > 0 && !e.RoutePattern.Parameters.Any(p => p.IsCatchAll)))
        {
            endpoints.Add($"GET {endpoint.RoutePattern.RawText}");
        }

        foreach (var model in typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var path = PagePath(model);
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var match = HandlerMethod().Match(method.Name);
                if (!match.Success)
                {
                    continue;
                }

                var takesId = method.GetParameters().Any(p => p.Name is { } name
                    && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal)));
                var verb = match.Groups["verb"].Value.ToUpperInvariant();
                if (verb == "POST" && (takesId || pagesWithRouteIds.Contains(path)))
                {
                    endpoints.Add($"POST {path} {match.Groups["handler"].Value}");
                }
                else if (verb == "GET" && takesId && match.Groups["handler"].Value.Length == 0 && !pagesWithRouteIds.Contains(path))
                {
                    endpoints.Add($"GET {path}");
                }
            }
        }

        return endpoints;
    }

    /// <summary>BathroomAftersales.Web.Pages.Staff.Requests.DetailsModel → /Staff/Requests/Details.</summary>
    private static string PagePath(Type model)
    {
        const string Root = "BathroomAftersales.Web.Pages";
        var folder = model.Namespace!.Length > Root.Length ? model.Namespace[(Root.Length + 1)..].Replace('.', '/') + "/" : string.Empty;
        return $"/{folder}{model.Name[..^"Model".Length]}";
    }

    [GeneratedRegex("^On(?<verb>Get|Post)(?<handler>[A-Za-z]*?)(Async)?$")]
    private static partial Regex HandlerMethod();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Sample();
}
