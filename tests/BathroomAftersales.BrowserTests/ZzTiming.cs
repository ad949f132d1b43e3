using System.Diagnostics;
using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Xunit.Abstractions;

namespace BathroomAftersales.BrowserTests;

[Collection(BrowserTestsDefinition.Name)]
public sealed class ZzTiming(BrowserFixture browser, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Timing()
    {
        output.WriteLine("startup " + browser.Startup);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await using var session = await browser.OpenAsync(Devices.Phone(), "t");
            output.WriteLine($"open {sw.ElapsedMilliseconds}"); sw.Restart();
            session.Page.RequestFinished += (_, r) => output.WriteLine($"  {r.Url} {r.Timing.ResponseEnd:F0} start={r.Timing.RequestStart:F0} resp={r.Timing.ResponseStart:F0}");
            await session.Page.GotoAsync("/Account/Login");
            output.WriteLine($"goto {sw.ElapsedMilliseconds}"); sw.Restart();
            await SignIn.SubmitAsync(session.Page, DemoData.AgentEmail, DemoData.Password);
            output.WriteLine($"submit {sw.ElapsedMilliseconds} {session.Page.Url}"); sw.Restart();
            await session.ScreenshotAsync("t.png");
            output.WriteLine($"shot {sw.ElapsedMilliseconds}"); sw.Restart();
            session.AssertNothingWentWrong();
        }
    }
}
