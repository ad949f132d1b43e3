using System.Net;
using BathroomAftersales.IntegrationTests.Support;

namespace BathroomAftersales.IntegrationTests;

public sealed class HealthTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoint_answers_Healthy_as_plain_text_without_a_login(string path)
    {
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
