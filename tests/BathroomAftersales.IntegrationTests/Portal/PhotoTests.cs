using System.Net;
using System.Security.Cryptography;
using System.Text;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>
/// Photos of a request: only real JPEG/PNG/WebP up to 10 MB and 5 per form, stored without their EXIF data, served
/// to those allowed with the right type and nosniff; a refused upload leaves nothing behind, on disk or in the database.
/// </summary>
public sealed class PhotoTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string NewRequest = "/Portal/Requests/New";

    [Fact]
    public async Task A_photo_is_served_to_its_owner_as_a_jpeg_with_nosniff()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var photo = await SubmitWithPhotoAsync(customer, new Upload("Photos", "水箱.png", "image/png", TestImages.Png()));

        foreach (var url in new[] { $"/files/{photo}", $"/files/{photo}/thumb" })
        {
            using var response = await customer.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("JPEG", Image.DetectFormat(bytes)?.Name);
        }
    }

    [Fact]
    public async Task A_photo_is_seen_by_the_desk_but_not_by_another_customer_or_an_unassigned_technician_and_anonymous_must_sign_in()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var photo = await SubmitWithPhotoAsync(customer, Upload.Jpeg("Photos"));
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);
        using var technician = await SignedInAsync(DemoData.TechnicianEmail);
        using var agent = await SignedInAsync(DemoData.AgentEmail);
        using var anonymous = factory.CreateBrowser();

        foreach (var url in new[] { $"/files/{photo}", $"/files/{photo}/thumb" })
        {
            using var other = await customer2.GetAsync(new Uri(url, UriKind.Relative));
            using var tech = await technician.GetAsync(new Uri(url, UriKind.Relative));
            using var desk = await agent.GetAsync(new Uri(url, UriKind.Relative));
            using var nobody = await anonymous.GetAsync(new Uri(url, UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.NotEqual("image/jpeg", other.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, tech.StatusCode);
            Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, nobody.StatusCode);
            Assert.StartsWith("/Account/Login", nobody.RedirectTarget(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_assigned_technician_sees_the_photos_of_an_open_request_only()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var photo = await SubmitWithPhotoAsync(customer, Upload.Jpeg("Photos"));
        var id = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.Id == photo).Select(f => f.ServiceRequestId!.Value).SingleAsync());
        using var technician = await SignedInAsync(DemoData.TechnicianEmail);
        var url = new Uri($"/files/{photo}", UriKind.Relative);

        await using (var scope = factory.OpenDb())
        {
            var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
            var assigned = await scope.Db.Technicians.SingleAsync(t => t.Mobile == "13600000005");
            var now = factory.Time.GetUtcNow().UtcDateTime;
            request.Acknowledge(PortalData.Desk, now);
            request.Dispatch(assigned, new AppointmentWindow(now.AddHours(2), now.AddHours(4)), PortalData.Desk, now);
            await scope.Db.SaveChangesAsync();
        }

        using var whileOpen = await technician.GetAsync(url);
        await factory.ChangeRequestAsync(id, (request, now) => request.Cancel("客户改期", byCustomer: false, PortalData.Desk, now));
        using var afterCancel = await technician.GetAsync(url);
        using var owner = await customer.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, whileOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterCancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task A_stored_photo_has_lost_its_EXIF_data()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Artist, "Zhang Wei Phone");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(31, 1), new Rational(13, 1), new Rational(2, 1)]);
        var original = TestImages.Jpeg(exif: exif);
        Assert.NotNull(Image.Identify(original)?.Metadata.ExifProfile);
        Assert.Contains("Zhang Wei Phone", Encoding.ASCII.GetString(original), StringComparison.Ordinal);

        var photo = await SubmitWithPhotoAsync(customer, new Upload("Photos", "gps.jpg", "image/jpeg", original));
        using var response = await customer.GetAsync(new Uri($"/files/{photo}", UriKind.Relative));
        var stored = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = Image.Identify(stored);
        Assert.NotNull(info);
        Assert.Null(info.Metadata.ExifProfile);
        Assert.DoesNotContain("Zhang Wei Phone", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
    }

    private const string NotAPhoto = "“{0}” is not a JPEG, PNG or WebP photo.";

    /// <summary>What is uploaded, and the message's resource key with its argument.</summary>
    public static TheoryData<string, string, string> RefusedUploads => new()
    {
        { "text", NotAPhoto, "说明.jpg" },
        { "empty", NotAPhoto, "empty.jpg" },
        { "fake-png", NotAPhoto, "fake.png" },
        { "oversized", "“{0}” is larger than 10 MB. Please choose a smaller photo.", "big.jpg" },
        { "six", "You can attach at most {0} photos.", "5" },
        { "good-then-text", NotAPhoto, "说明.jpg" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task A_refused_upload_gets_a_message_and_nothing_is_stored(string kind, string messageKey, string argument)
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await customer.SubmitFormAsync(
            NewRequest, new Dictionary<string, string?> { ["Input.Description"] = "照片有问题。" }, UploadsOf(kind));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(messageKey, argument), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task A_refused_upload_with_a_message_on_a_request_is_not_stored(string kind, string messageKey, string argument)
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        var page = $"/Portal/Requests/Details/{id}";
        var before = (await PortalRowCounts.ReadAsync(factory), await factory.SnapshotAsync(id));

        using var response = await customer.SubmitFormAsync(
            page, new Dictionary<string, string?> { ["Input.Message"] = "补充照片。" }, UploadsOf(kind), "handler=Message");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(messageKey, argument), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, (await PortalRowCounts.ReadAsync(factory), await factory.SnapshotAsync(id)));
    }

    [Fact]
    public async Task Photos_added_with_a_message_are_attached_to_the_request()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        var page = $"/Portal/Requests/Details/{id}";

        using var response = await customer.SubmitFormAsync(
            page, new Dictionary<string, string?> { ["Input.Message"] = "今天早上漏得更厉害了。" }, [Upload.Jpeg("Photos")], "handler=Message");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var files = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.ServiceRequestId == id).Select(f => f.Id).ToListAsync());
        Assert.Single(files);
        using var detail = await customer.FollowRedirectAsync(response);
        var document = await detail.ReadDocumentAsync();
        Assert.Contains("今天早上漏得更厉害了。", document.VisibleText(), StringComparison.Ordinal);
        Assert.Contains(factory.InChinese("Your message has been added."), document.VisibleText(), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector($"img[src='/files/{files[0]}/thumb']"));
    }

    private static Upload TextAsJpeg => new("Photos", "说明.jpg", "image/jpeg", Encoding.UTF8.GetBytes("这不是照片，只是一段文字。\n"));

    private static Upload[] UploadsOf(string kind) => kind switch
    {
        // A text file with a photo's name and type: the bytes decide, not the name.
        "text" => [TextAsJpeg],
        "empty" => [new Upload("Photos", "empty.jpg", "image/jpeg", [])],

        // A PNG signature and then rubbish.
        "fake-png" => [new Upload("Photos", "fake.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("IHDR not really")])],

        // Random bytes: the size check comes before any decoding.
        "oversized" => [new Upload("Photos", "big.jpg", "image/jpeg", RandomNumberGenerator.GetBytes(11 * 1024 * 1024))],
        "six" => [.. Enumerable.Range(1, 6).Select(i => Upload.Jpeg("Photos", $"photo{i}.jpg"))],

        // The first photo is fine and saved first: it must be removed again when the second is refused.
        "good-then-text" => [Upload.Jpeg("Photos", "good.jpg"), TextAsJpeg],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Submits a repair request with one photo and returns the stored photo's id.</summary>
    private async Task<Guid> SubmitWithPhotoAsync(HttpClient customer, Upload photo)
    {
        using var response = await customer.SubmitFormAsync(
            NewRequest, new Dictionary<string, string?> { ["Input.Description"] = "水箱里有裂缝，照片见附件。" }, [photo]);
        var id = response.RequestIdOfRedirect();
        return await factory.QueryAsync(db => db.StoredFiles.Where(f => f.ServiceRequestId == id).Select(f => f.Id).SingleAsync());
    }

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }
}
