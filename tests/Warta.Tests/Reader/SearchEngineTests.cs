using Microsoft.Extensions.Configuration;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;

namespace Warta.Tests.Reader;

/// <summary>The demo site published at a configured public address.</summary>
public sealed class PublicSiteFactory() : WartaFactory(null, new Dictionary<string, string?> { ["Warta:Site:BaseUrl"] = "https://www.warta.test" })
{
    protected override bool SeedDemo => true;
}

/// <summary>What search engines read: absolute canonical links from the configured address, descriptions, icons.</summary>
public class SearchEngineTests(PublicSiteFactory app) : IClassFixture<PublicSiteFactory>
{
    async Task<(string Article, string Channel, string Tag, string Author, string Course)> PathsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var story = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Reporters.Count > 0 && a.Tags.Count > 0)
            .Include(a => a.Channel).Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Reporters).ThenInclude(r => r.Person).AsSplitQuery()
            .OrderByDescending(a => a.PublishedAt).FirstAsync();
        var course = await db.Courses.OrderBy(c => c.StartsAt).FirstAsync();
        return (StoryLinks.UrlOf(story.Slug), "/kanal/" + story.Channel.Slug, "/tag/" + story.Tags.First().Tag.Slug,
            "/penulis/" + story.Reporters.First().Person.Slug, "/akademi/" + course.Slug);
    }

    [Fact]
    public async Task The_canonical_link_names_the_configured_address_whatever_host_the_request_claims()
    {
        var (article, channel, _, _, _) = await PathsAsync();
        foreach (var (path, expected) in new[] { (article, article), (channel + "?halaman=2", channel + "?halaman=2"), ("/indikator/usd-idr?rentang=1t", "/indikator/usd-idr") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "jahat.example";
            request.Headers.Add("X-Forwarded-Host", "jahat.example");
            var response = await app.CreateClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            var canonical = page.QuerySelectorAll("link[rel=canonical]").Select(l => l.GetAttribute("href")).ToList();
            Assert.Equal(["https://www.warta.test" + expected], canonical);
        }
    }

    [Fact]
    public async Task Every_reader_page_kind_has_its_own_description_and_the_sites_icons()
    {
        var (article, channel, tag, author, course) = await PathsAsync();
        var reader = app.ReaderClient();
        var descriptions = new List<string>();
        foreach (var path in new[] { "/", article, channel, tag, author, "/indikator", "/indikator/lq45", "/akademi", course })
        {
            var page = await reader.GetPageAsync(path);
            var description = page.QuerySelector("meta[name=description]")?.GetAttribute("content");
            Assert.False(string.IsNullOrWhiteSpace(description), $"{path} has no meta description");
            descriptions.Add(description);
            Assert.Equal("/favicon.ico", page.QuerySelector("link[rel=icon][sizes='32x32']")?.GetAttribute("href"));
            Assert.StartsWith("/icon.svg?v=", page.QuerySelector("link[rel=icon][type='image/svg+xml']")?.GetAttribute("href"));
            Assert.StartsWith("/apple-touch-icon.png?v=", page.QuerySelector("link[rel=apple-touch-icon]")?.GetAttribute("href"));
        }
        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
    }

    [Theory]
    [InlineData("https://www.warta.co.id/", null, "https://www.warta.co.id/berita/x?halaman=2")]
    [InlineData(null, "http://127.0.0.1:5000;http://10.0.0.5:80", "http://127.0.0.1:5000/berita/x?halaman=2")]
    [InlineData(null, "http://+:80", "http://localhost/berita/x?halaman=2")]
    [InlineData(null, "http://0.0.0.0:8080", "http://localhost/berita/x?halaman=2")]
    public void The_public_address_is_configured_or_the_listening_one_never_a_request_header(string? baseUrl, string? urls, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Warta:Site:BaseUrl"] = baseUrl, ["urls"] = urls }).Build();
        Assert.Equal(expected, Warta.Web.Shared.SiteOptions.From(configuration).Absolute("/berita/x?halaman=2"));
    }

    [Theory]
    [InlineData("www.warta.co.id")]
    [InlineData("ftp://warta.co.id")]
    [InlineData("https://warta.co.id/?x=1")]
    public void A_public_address_that_is_not_an_absolute_http_address_stops_the_start(string baseUrl)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Warta:Site:BaseUrl"] = baseUrl }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => Warta.Web.Shared.SiteOptions.From(configuration));
        Assert.Contains("Warta:Site:BaseUrl", error.Message);
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon", new byte[] { 0, 0, 1, 0 })]
    [InlineData("/apple-touch-icon.png", "image/png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    [InlineData("/icon-192.png", "image/png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    public async Task The_icons_are_served(string path, string type, byte[] magic)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(magic, (await response.Content.ReadAsByteArrayAsync())[..4]);
    }
}
