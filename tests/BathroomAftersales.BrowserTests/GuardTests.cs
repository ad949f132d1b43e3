using BathroomAftersales.BrowserTests.Support;

using Xunit.Sdk;

namespace BathroomAftersales.BrowserTests;

/// <summary>The harness itself: a page that reaches for another host is caught, so the other tests' checks mean something.</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class GuardTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Requests_to_other_hosts_are_blocked_and_reported()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        // The app's content security policy would stop these requests before they leave the browser: bypass it here,
        // so that what is tested is the harness's own guard.
        var options = Devices.Phone();
        options.BypassCSP = true;
        await using var session = await browser.OpenAsync(options, nameof(Requests_to_other_hosts_are_blocked_and_reported));
        var page = session.Page;
        await page.GotoAsync("/Account/Login");

        var fetched = await page.EvaluateAsync<string>(
            """
            async () => {
                new Image().src = 'https://cdn.example.com/pixel.png';
                try { new WebSocket('wss://push.example.com/socket'); } catch { }
                try { await fetch('https://api.example.com/track'); return 'reached'; } catch { return 'blocked'; }
            }
            """);

        Assert.Equal("blocked", fetched);

        // The image and the socket are attempted in the background: give them a moment to reach the router.
        for (var waited = 0; session.ExternalRequests.Count < 3 && waited < 5_000; waited += 50)
        {
            await Task.Delay(50);
        }

        var error = Assert.Throws<TrueException>(session.AssertNothingWentWrong);
        Assert.Contains("https://api.example.com/track", error.Message, StringComparison.Ordinal);
        Assert.Contains(session.ExternalRequests, r => r.Contains("cdn.example.com", StringComparison.Ordinal));
        Assert.Contains(session.ExternalRequests, r => r.Contains("wss://push.example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(session.ExternalRequests, r => r.Contains(BrowserSession.LocalHost, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_content_security_policy_stops_a_page_reaching_another_host_or_running_injected_script()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(The_content_security_policy_stops_a_page_reaching_another_host_or_running_injected_script));
        var page = session.Page;
        await page.GotoAsync("/Account/Login");

        var outcome = await page.EvaluateAsync<string>(
            """
            async () => {
                const violations = [];
                document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
                const script = document.createElement('script');
                script.textContent = 'window.injected = true;';
                document.body.appendChild(script);
                try { await fetch('https://api.example.com/track'); } catch { }
                await new Promise(resolve => setTimeout(resolve, 100));
                return (window.injected ? 'ran' : 'refused') + ' ' + violations.sort().join(',');
            }
            """);

        Assert.Equal("refused connect-src,script-src-elem", outcome);
        Assert.Empty(session.ExternalRequests);
    }
}
