using System.Net;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Accounts;

/// <summary>Two nodes on one database and one Redis: the key ring that signs reader cookies is shared through Redis.</summary>
public class ReaderSessionAcrossNodesTests
{
    static Dictionary<string, string?> RedisSettings(string prefix) => new()
    {
        ["Warta:Redis"] = Environment.GetEnvironmentVariable("WARTA_TEST_REDIS")
            ?? throw new InvalidOperationException("WARTA_TEST_REDIS must name a Redis server (scripts/test.sh starts one)."),
        ["Warta:RedisPrefix"] = prefix,
    };

    static async Task<HttpStatusCode> AccountStatusAsync(WartaFactory node, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/akun");
        request.Headers.Add("Cookie", cookie);
        return (await node.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_reader_signed_in_on_one_node_is_signed_in_on_the_other_and_nowhere_else()
    {
        var prefix = "warta-test-" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var nodeA = new WartaNode(null, RedisSettings(prefix));
        await nodeA.Browser().RegisterAsync("dua-node@pembaca.test", "Dua Node");
        var signedIn = await nodeA.Browser().SubmitAsync("/akun/masuk", new() { ["Email"] = "dua-node@pembaca.test", ["Password"] = ReaderKit.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Warta.Web.Shared.CookieAudienceResolver.AudienceCookie + "=", StringComparison.Ordinal)).Split(';')[0];

        using var nodeB = new WartaNode(nodeA, RedisSettings(prefix));
        Assert.Equal(HttpStatusCode.OK, await AccountStatusAsync(nodeA, cookie));
        Assert.Equal(HttpStatusCode.OK, await AccountStatusAsync(nodeB, cookie));
        // A node with another key ring cannot read the cookie.
        using var stranger = new WartaNode(nodeA, RedisSettings(prefix + "lain:"));
        Assert.Equal(HttpStatusCode.Redirect, await AccountStatusAsync(stranger, cookie));
    }
}
