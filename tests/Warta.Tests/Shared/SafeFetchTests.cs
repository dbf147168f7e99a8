using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

public sealed class SafeFetchTests
{
    static readonly FetchLimits Private = new(64 * 1024, TimeSpan.FromSeconds(5), AllowPrivateAddresses: true);
    static readonly FetchLimits PublicOnly = Private with { AllowPrivateAddresses = false };

    static SafeFetcher Fetcher(params string[] trusted) => new(new FetchOptions { TrustedAddresses = [.. trusted] });

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.5.6.7", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("203.0.113.9", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("2002:7f00:1::", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]
    [InlineData("2606:4700::1111", false)]
    public void Classifies_addresses(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, SafeFetcher.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task Fetches_an_allowed_source_with_its_content_type()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/feed.xml", () => Results.Text("<rss/>", "application/rss+xml")));
        using var fetcher = Fetcher();
        var body = await fetcher.GetAsync(server.Url("/feed.xml"), Private);
        Assert.Equal("<rss/>", System.Text.Encoding.UTF8.GetString(body.Bytes));
        Assert.Equal("application/rss+xml", body.ContentType);
    }

    [Fact]
    public async Task Refuses_loopback_by_address_and_by_name_unless_allowed()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/", () => "secret"));
        using var fetcher = Fetcher();
        var byAddress = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(server.Url("/"), PublicOnly));
        Assert.Contains("private", byAddress.Message);
        var byName = new UriBuilder(server.BaseAddress) { Host = "localhost" }.Uri;
        var named = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(byName, PublicOnly));
        Assert.Contains("localhost", named.Message);
    }

    [Fact]
    public async Task Does_not_follow_a_redirect_into_a_private_address()
    {
        // 127.0.0.1 is declared trusted by the operator (standing in for a public vendor); 127.0.0.2 is not.
        await using var inner = await FixtureServer.StartAsync(IPAddress.Parse("127.0.0.2"), app => app.MapGet("/admin", () => "internal"));
        await using var outer = await FixtureServer.StartAsync(app =>
        {
            app.MapGet("/feed", () => Results.Redirect(inner.Url("/admin").ToString()));
            app.MapGet("/file", () => Results.Redirect("file:///etc/passwd"));
            app.MapGet("/loop", () => Results.Redirect("/loop"));
        });
        using var fetcher = Fetcher("127.0.0.1");
        var redirected = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(outer.Url("/feed"), PublicOnly));
        Assert.Contains("127.0.0.2", redirected.Message);
        var file = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(outer.Url("/file"), PublicOnly));
        Assert.Contains("Only http and https", file.Message);
        var loop = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(outer.Url("/loop"), PublicOnly));
        Assert.Contains("redirects", loop.Message);
        // The same redirect is followed when the source is allowed private addresses.
        var allowed = await fetcher.GetAsync(outer.Url("/feed"), Private);
        Assert.Equal("internal", System.Text.Encoding.UTF8.GetString(allowed.Bytes));
    }

    [Theory]
    [InlineData("ftp://example.com/feed")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    public async Task Refuses_other_schemes(string url)
    {
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(new Uri(url), Private));
        Assert.Contains("Only http and https", e.Message);
    }

    [Fact]
    public async Task Cuts_off_bodies_over_the_limit_declared_streamed_or_compressed()
    {
        var big = new string('x', 100 * 1024);
        await using var server = await FixtureServer.StartAsync(app =>
        {
            app.MapGet("/declared", () => Results.Text(big));
            app.MapGet("/streamed", async (HttpContext http) =>
            {
                for (var i = 0; i < 100; i++) await http.Response.WriteAsync(new string('y', 1024));
            });
            app.MapGet("/bomb", async (HttpContext http) =>
            {
                http.Response.Headers.ContentEncoding = "gzip";
                await using var gzip = new GZipStream(http.Response.Body, CompressionLevel.Fastest);
                var zeros = new byte[64 * 1024];
                for (var i = 0; i < 160; i++) await gzip.WriteAsync(zeros);
            });
        });
        using var fetcher = Fetcher();
        foreach (var path in new[] { "/declared", "/streamed", "/bomb" })
        {
            var e = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(server.Url(path), Private));
            Assert.Contains("limit", e.Message);
        }
    }

    [Fact]
    public async Task Gives_up_on_a_server_that_never_answers()
    {
        await using var server = await FixtureServer.StartAsync(app =>
            app.MapGet("/slow", async (HttpContext http) => await Task.Delay(Timeout.Infinite, http.RequestAborted)));
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<FetchRefusedException>(() =>
            fetcher.GetAsync(server.Url("/slow"), Private with { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Contains("within", e.Message);
    }

    [Fact]
    public async Task Reports_error_statuses_and_refused_connections()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/broken", () => Results.StatusCode(503)));
        using var fetcher = Fetcher();
        var status = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(server.Url("/broken"), Private));
        Assert.Contains("503", status.Message);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var refused = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(new Uri($"http://127.0.0.1:{port}/"), Private));
        Assert.Contains("connection failed", refused.Message);
    }

    [Theory]
    [InlineData("100.63.255.255", false)]
    [InlineData("100.127.255.255", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("169.253.1.1", false)]
    [InlineData("172.15.255.255", false)]
    [InlineData("192.167.1.1", false)]
    [InlineData("192.0.0.8", true)]
    [InlineData("192.0.2.10", true)]
    [InlineData("192.0.1.10", false)]
    [InlineData("192.1.2.10", false)]
    [InlineData("192.88.99.1", true)]
    [InlineData("192.88.98.1", false)]
    [InlineData("192.89.99.1", false)]
    [InlineData("198.18.0.1", true)]
    [InlineData("198.19.255.255", true)]
    [InlineData("198.20.0.1", false)]
    [InlineData("198.51.100.7", true)]
    [InlineData("198.51.101.7", false)]
    [InlineData("198.52.100.7", false)]
    [InlineData("203.0.114.9", false)]
    [InlineData("203.1.113.9", false)]
    [InlineData("223.255.255.255", false)]
    [InlineData("255.255.255.255", true)]
    [InlineData("fec0::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("2002:808:808::", false)]
    [InlineData("64:ff9b::808:808", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("2001:4860:4860::8888", false)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    // Addresses sharing only part of the NAT64 (64:ff9b::/96) or documentation (2001:db8::/32) prefix are public.
    [InlineData("2606:9b::1", false)]
    [InlineData("2606:ff9b::1", false)]
    [InlineData("164:ff9b::1", false)]
    [InlineData("3001:db8::1", false)]
    [InlineData("2606:db8::1", false)]
    public void Classifies_the_edges_of_each_reserved_range(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, SafeFetcher.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task Follows_five_redirects_of_every_kind_relative_ones_too_and_reports_where_it_ended()
    {
        await using var server = await FixtureServer.StartAsync(app =>
        {
            // 301, 302, 303, 307, 308 in a chain of five, each to a relative address; then the feed.
            int[] statuses = [301, 302, 303, 307, 308];
            for (var i = 0; i < statuses.Length; i++)
            {
                var (status, next) = (statuses[i], i + 1 < statuses.Length ? $"/hop{i + 1}" : "/feed.xml");
                app.MapGet($"/hop{i}", (HttpContext http) =>
                {
                    http.Response.StatusCode = status;
                    http.Response.Headers.Location = next;
                });
            }
            app.MapGet("/feed.xml", () => Results.Text("<rss/>", "application/rss+xml"));
            app.MapGet("/six", () => Results.Redirect("/hop0"));
        });
        using var fetcher = Fetcher();
        var body = await fetcher.GetAsync(server.Url("/hop0"), Private);
        Assert.Equal("<rss/>", System.Text.Encoding.UTF8.GetString(body.Bytes));
        Assert.Equal(server.Url("/feed.xml"), body.FinalUrl);

        var six = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(server.Url("/six"), Private));
        Assert.Equal("More than 5 redirects.", six.Message);
    }

    [Fact]
    public async Task A_redirect_without_an_address_is_refused_and_says_so()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/moved", (HttpContext http) => http.Response.StatusCode = 302));
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(server.Url("/moved"), Private));
        Assert.Equal("A redirect without a Location header.", e.Message);
    }

    [Fact]
    public async Task A_body_exactly_at_the_limit_is_accepted_declared_or_streamed()
    {
        var limit = Private.MaxBytes;
        await using var server = await FixtureServer.StartAsync(app =>
        {
            app.MapGet("/declared", () => Results.Text(new string('x', (int)limit)));
            app.MapGet("/streamed", async (HttpContext http) =>
            {
                for (var i = 0; i < limit / 1024; i++) await http.Response.WriteAsync(new string('y', 1024));
            });
        });
        using var fetcher = Fetcher();
        Assert.Equal(limit, (await fetcher.GetAsync(server.Url("/declared"), Private)).Bytes.Length);
        Assert.Equal(limit, (await fetcher.GetAsync(server.Url("/streamed"), Private)).Bytes.Length);
    }

    [Fact]
    public async Task Names_itself_to_the_source_and_unpacks_a_compressed_body()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/feed.xml", async (HttpContext http) =>
        {
            var text = "<rss>" + http.Request.Headers.UserAgent + "</rss>";
            http.Response.ContentType = "application/rss+xml";
            http.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(http.Response.Body, CompressionLevel.Fastest);
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
        }));
        using var fetcher = Fetcher();
        var body = await fetcher.GetAsync(server.Url("/feed.xml"), Private);
        Assert.Equal("<rss>Warta/1.0</rss>", System.Text.Encoding.UTF8.GetString(body.Bytes));
    }

    [Fact]
    public void A_trusted_address_that_is_not_an_address_stops_the_app_at_start_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Fetcher("vendor.example"));
        Assert.Equal("Warta:Fetch:TrustedAddresses: 'vendor.example' is not an IP address.", e.Message);
    }

    [Fact]
    public async Task A_refused_private_address_is_explained_to_the_admin_in_full()
    {
        await using var inner = await FixtureServer.StartAsync(IPAddress.Parse("127.0.0.2"), app => app.MapGet("/", () => "internal"));
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(inner.Url("/"), PublicOnly));
        Assert.Equal("'127.0.0.2' resolves to a private, loopback or link-local address (127.0.0.2); fetching it is not allowed for this source.", e.Message);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_limit_is_refused_when_streamed()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/streamed", async (HttpContext http) =>
        {
            for (var i = 0; i < Private.MaxBytes / 1024; i++) await http.Response.WriteAsync(new string('y', 1024));
            await http.Response.WriteAsync("z");
        }));
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(server.Url("/streamed"), Private));
        Assert.Equal($"The response is larger than the limit of {Private.MaxBytes} bytes.", e.Message);
    }

    [Fact]
    public async Task An_https_source_is_fetched_over_tls_not_refused_for_its_scheme()
    {
        // The fixture speaks plain HTTP, so the TLS handshake fails: what matters is that https got as far as connecting.
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/", () => "plain"));
        using var fetcher = Fetcher();
        var secure = new UriBuilder(server.BaseAddress) { Scheme = "https" }.Uri;
        var e = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(secure, Private));
        Assert.StartsWith("The connection failed: ", e.Message);
    }

    [Fact]
    public async Task A_cookie_set_by_a_source_is_not_sent_back()
    {
        await using var server = await FixtureServer.StartAsync(app =>
        {
            app.MapGet("/set", (HttpContext http) =>
            {
                http.Response.Cookies.Append("session", "abc");
                return Results.Redirect("/echo");
            });
            app.MapGet("/echo", (HttpContext http) => "cookie:" + http.Request.Headers.Cookie);
        });
        using var fetcher = Fetcher();
        var body = await fetcher.GetAsync(server.Url("/set"), Private);
        Assert.Equal("cookie:", System.Text.Encoding.UTF8.GetString(body.Bytes));
    }

    [Fact]
    public async Task The_operators_trusted_addresses_are_read_from_settings()
    {
        await using var server = await FixtureServer.StartAsync(app => app.MapGet("/", () => "vendor"));
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Warta:Fetch:TrustedAddresses:0"] = "::ffff:127.0.0.1" }).Build();
        using var services = new ServiceCollection().AddSafeFetch(settings).BuildServiceProvider();
        var body = await services.GetRequiredService<SafeFetcher>().GetAsync(server.Url("/"), PublicOnly);
        Assert.Equal("vendor", System.Text.Encoding.UTF8.GetString(body.Bytes));
    }
}
