using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;

namespace Warta.Tests.Security;

/// <summary>
/// Issue 8, item 8, against a real Kestrel on loopback: forwarded headers count only from a proxy in
/// <c>Warta:Proxy:KnownNetworks</c>; over HTTPS (as that proxy reports it) cookies are Secure and HSTS is sent; no Server header.
/// </summary>
public partial class ProxyTests
{
    sealed class KestrelWarta : IDisposable
    {
        readonly WartaNode _node;
        public HttpClient Client { get; }

        public KestrelWarta(params string[] knownNetworks)
        {
            var settings = new Dictionary<string, string?> { ["Warta:Staff:LoginAttemptsPerMinute"] = "1000" };
            for (var i = 0; i < knownNetworks.Length; i++) settings[$"Warta:Proxy:KnownNetworks:{i}"] = knownNetworks[i];
            _node = new WartaNode(null, settings);
            _node.UseKestrel(0);
            _node.StartServer();
            var address = _node.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        }

        public WartaFactory App => _node;
        public void Dispose()
        {
            Client.Dispose();
            _node.Dispose();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    static HttpRequestMessage Through(HttpMethod method, string path, string proto, string forwardedFor = "203.0.113.7")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36");
        return request;
    }

    /// <summary>Signs in through the proxy; returns the Set-Cookie lines of the sign-in page and of the accepted sign-in.</summary>
    static async Task<(string Antiforgery, string Staff, HttpResponseMessage Page)> SignInAsync(KestrelWarta warta, string proto)
    {
        await warta.App.AddStaffAsync("proksi@warta.local", StaffRoles.Writer);
        var page = await warta.Client.SendAsync(Through(HttpMethod.Get, "/redaksi/masuk", proto));
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("warta_af=", StringComparison.Ordinal));
        var token = WebUtility.HtmlDecode(TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var post = Through(HttpMethod.Post, "/redaksi/masuk", proto);
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "proksi@warta.local", ["Password"] = StaffKit.Password, ["__RequestVerificationToken"] = token });
        var signedIn = await warta.Client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (antiforgery, signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("warta_staff=", StringComparison.Ordinal)), page);
    }

    static bool IsSecure(string setCookie) => setCookie.Split(';').Any(p => p.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Behind_a_configured_proxy_reporting_https_every_cookie_is_secure_and_hsts_is_sent()
    {
        using var warta = new KestrelWarta("127.0.0.1");
        var (antiforgery, staff, page) = await SignInAsync(warta, "https");
        Assert.True(IsSecure(antiforgery), antiforgery);
        Assert.True(IsSecure(staff), staff);
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(page.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_not_configured_are_ignored()
    {
        using var warta = new KestrelWarta();
        var (antiforgery, staff, page) = await SignInAsync(warta, "https");
        Assert.False(IsSecure(antiforgery), antiforgery);
        Assert.False(IsSecure(staff), staff);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.False(page.Headers.Contains("Server"));
    }

    static async Task<long> ViewsOfTwoReadersAsync(KestrelWarta warta)
    {
        using var api = new HttpClient { BaseAddress = warta.Client.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await warta.App.CreateKeyAsync());
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = await api.PublishAsync(NewsroomApi.Story("Dibaca Lewat Proksi"));
        foreach (var reader in new[] { "203.0.113.7", "203.0.113.8", "203.0.113.7" })
            Assert.Equal(HttpStatusCode.OK, (await warta.Client.SendAsync(Through(HttpMethod.Get, story.Url, "http", reader))).StatusCode);
        await warta.App.FlushViewsAsync();
        return await warta.App.InDbAsync(db => db.ArticleViews.Where(v => v.ArticleId == story.Id).SumAsync(v => v.Views));
    }

    [Fact]
    public async Task The_reader_address_comes_from_x_forwarded_for_only_through_a_configured_proxy()
    {
        using (var trusted = new KestrelWarta("127.0.0.0/8")) Assert.Equal(2, await ViewsOfTwoReadersAsync(trusted));
        using (var untrusted = new KestrelWarta()) Assert.Equal(1, await ViewsOfTwoReadersAsync(untrusted));
    }
}
