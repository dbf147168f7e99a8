using System.Net;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Accounts;

public class ReaderSignInLimitTests
{
    [Fact]
    public async Task Reader_sign_in_and_registration_share_the_rate_limit_but_count_apart_from_the_newsroom()
    {
        using var app = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Staff:LoginAttemptsPerMinute"] = "3" });
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/akun/masuk")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/akun/daftar")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/akun/masuk")).StatusCode);

        var refused = await browser.GetAsync("/akun/daftar");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter!.ToString());
        var page = await refused.DocumentAsync(429);
        Assert.Equal("Terlalu banyak percobaan", page.Text("h1"));
        Assert.Equal("/akun/masuk", page.QuerySelector("main a")!.GetAttribute("href"));

        // Readers from the same address cannot lock the newsroom out of its sign-in.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/redaksi/masuk")).StatusCode);
    }
}
