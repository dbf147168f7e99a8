using System.Net;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;

namespace Warta.Tests.Discovery.Sitemaps;

/// <summary>Issue 13, item 3: robots.txt, the sitemap index with monthly story sitemaps and the list pages, and Google News.</summary>
public class SitemapTests
{
    const string Origin = DiscoveryFactory.Origin;
    static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9", News = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>Parses the document as XML (failing on anything not well formed) and checks its type.</summary>
    static async Task<XDocument> XmlAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    static List<string> Locations(XDocument document) => document.Root!.Elements().Select(e => e.Element(Sm + "loc")!.Value).ToList();

    /// <summary>Stories written straight into the database: cheap enough to make thousands.</summary>
    static async Task AddStoriesAsync(WartaFactory app, IEnumerable<(string Slug, DateTimeOffset PublishedAt, ArticleStatus Status)> stories)
    {
        await app.InDbAsync(async db =>
        {
            var channel = await db.Channels.SingleOrDefaultAsync(c => c.Slug == "ekonomi") ?? db.Channels.Add(new Channel { Slug = "ekonomi", Name = "Ekonomi" }).Entity;
            foreach (var (slug, at, status) in stories)
                db.Articles.Add(new Article
                {
                    Id = Guid.NewGuid(), Title = "Judul " + slug, Slug = slug, Channel = channel, Status = status, PublishedAt = at,
                    CreatedAt = at, ModifiedAt = at, ListedAt = at, Body = "<p>Isi.</p>",
                });
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemaps_in_full_and_keeps_crawlers_out_of_the_newsroom_accounts_and_apis()
    {
        using var app = new DiscoveryFactory();
        var response = await app.CreateClient().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("User-agent: *", lines[0]);
        foreach (var rule in new[] { "Disallow: /redaksi", "Disallow: /akun", "Disallow: /api/", "Allow: /api/markets/ticker",
                     "Sitemap: " + Origin + "/sitemap.xml", "Sitemap: " + Origin + "/sitemap-news.xml" })
            Assert.Contains(rule, lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Disallow: /berita") || l == "Disallow: /");
    }

    [Fact]
    public async Task The_index_names_a_sitemap_per_wib_month_with_its_latest_change_and_each_lists_only_published_stories()
    {
        using var app = new DiscoveryFactory();
        var now = app.Clock.GetUtcNow();
        await AddStoriesAsync(app, [
            ("maret", new DateTimeOffset(2023, 3, 10, 2, 0, 0, TimeSpan.Zero), ArticleStatus.Published),
            // 30 April 18:00 UTC is 1 May 01:00 in Jakarta: a May story.
            ("awal-mei", new DateTimeOffset(2023, 4, 30, 18, 0, 0, TimeSpan.Zero), ArticleStatus.Published),
            ("akhir-april", new DateTimeOffset(2023, 4, 30, 16, 59, 0, TimeSpan.Zero), ArticleStatus.Published),
            ("ditarik", new DateTimeOffset(2023, 5, 2, 1, 0, 0, TimeSpan.Zero), ArticleStatus.Unpublished),
            ("terjadwal", now.AddHours(3), ArticleStatus.Scheduled),
            ("terbit-nanti", now.AddHours(3), ArticleStatus.Published),
            ("draf", now.AddHours(-1), ArticleStatus.Draft),
        ]);
        await app.InDbAsync(db => db.Articles.Where(a => a.Slug == "awal-mei")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, new DateTimeOffset(2023, 5, 3, 4, 5, 6, TimeSpan.Zero))));
        var client = app.CreateClient();

        var index = await XmlAsync(client, "/sitemap.xml");
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        Assert.Equal([Origin + "/sitemap-2023-05.xml", Origin + "/sitemap-2023-04.xml", Origin + "/sitemap-2023-03.xml",
            Origin + "/sitemap-halaman.xml", Origin + "/sitemap-news.xml"], Locations(index));
        Assert.Equal("2023-05-03T11:05:06+07:00", index.Root.Elements().First().Element(Sm + "lastmod")!.Value);

        var may = await XmlAsync(client, "/sitemap-2023-05.xml");
        Assert.Equal(Sm + "urlset", may.Root!.Name);
        Assert.Equal([Origin + "/berita/awal-mei"], Locations(may));
        Assert.Equal("2023-05-03T11:05:06+07:00", may.Root.Element(Sm + "url")!.Element(Sm + "lastmod")!.Value);
        var april = await XmlAsync(client, "/sitemap-2023-04.xml");
        Assert.Equal([Origin + "/berita/akhir-april"], Locations(april));
        Assert.Equal("2023-04-30T23:59:00+07:00", april.Root!.Element(Sm + "url")!.Element(Sm + "lastmod")!.Value);

        foreach (var path in new[] { "/sitemap-2023-02.xml", "/sitemap-2023-5.xml", "/sitemap-2023-13.xml", "/sitemap-2023-05.xml?bagian=2" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_pages_sitemap_lists_home_channels_tags_authors_and_instruments_and_every_address_answers()
    {
        using var app = new DiscoveryFactory();
        var api = await app.NewsroomAsync();
        await api.PublishAsync(NewsroomApi.Story("Berita Untuk Peta Situs"));
        await app.InDbAsync(db =>
        {
            db.Instruments.Add(new Instrument { Symbol = "USD/IDR", Label = "USD/IDR", Kind = InstrumentKind.Fx, Calendar = CalendarKind.Continuous, Decimals = 2 });
            db.Instruments.Add(new Instrument { Symbol = "LQ45", Label = "LQ45", Kind = InstrumentKind.Index, Decimals = 2 });
            return db.SaveChangesAsync();
        });
        var client = app.CreateClient();
        var pages = Locations(await XmlAsync(client, "/sitemap-halaman.xml"));
        Assert.Equal([Origin + "/", Origin + "/kanal/ekonomi", Origin + "/kanal/opini", Origin + "/tag/bank-indonesia", Origin + "/tag/rupiah",
            Origin + "/penulis/agus-salim", Origin + "/penulis/dewi-lestari", Origin + "/indikator", Origin + "/indikator/lq45", Origin + "/indikator/usd-idr"], pages);
        foreach (var page in pages)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page[Origin.Length..])).StatusCode);
    }

    [Fact]
    public async Task The_news_sitemap_holds_the_newest_thousand_stories_of_the_last_two_days_by_googles_rules()
    {
        using var app = new DiscoveryFactory();
        var now = app.Clock.GetUtcNow();
        // 1,100 stories a minute apart over the last day: more than Google takes.
        await AddStoriesAsync(app, Enumerable.Range(0, 1100).Select(i => ($"baru-{i:0000}", now.AddMinutes(-i), ArticleStatus.Published)));
        var news = await XmlAsync(app.CreateClient(), "/sitemap-news.xml");
        Assert.Equal(Sm + "urlset", news.Root!.Name);
        var urls = news.Root.Elements(Sm + "url").ToList();
        Assert.Equal(1000, urls.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"{Origin}/berita/baru-{i:0000}"), urls.Select(u => u.Element(Sm + "loc")!.Value));
        var first = urls[0].Element(News + "news")!;
        Assert.Equal("WARTA.CO.ID", first.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("id", first.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("2023-05-05T10:23:00+07:00", first.Element(News + "publication_date")!.Value);
        Assert.Equal("Judul baru-0000", first.Element(News + "title")!.Value);
        Assert.Equal("2023-05-04T17:44:00+07:00", urls[999].Element(News + "news")!.Element(News + "publication_date")!.Value);
    }

    [Fact]
    public async Task The_news_sitemap_takes_stories_of_the_last_two_days_only_and_never_one_not_yet_published()
    {
        using var app = new DiscoveryFactory();
        var now = app.Clock.GetUtcNow();
        await AddStoriesAsync(app, [
            ("baru", now.AddHours(-1), ArticleStatus.Published),
            ("hampir-dua-hari", now.AddDays(-2).AddMinutes(1), ArticleStatus.Published),
            ("lewat-dua-hari", now.AddDays(-2).AddMinutes(-1), ArticleStatus.Published),
            ("terjadwal", now.AddMinutes(10), ArticleStatus.Scheduled),
            ("terbit-nanti", now.AddMinutes(10), ArticleStatus.Published),
            ("ditarik", now.AddMinutes(-10), ArticleStatus.Unpublished),
        ]);
        var news = await XmlAsync(app.CreateClient(), "/sitemap-news.xml");
        Assert.Equal([Origin + "/berita/baru", Origin + "/berita/hampir-dua-hari"], Locations(news));
        Assert.Equal("2023-05-03T10:24:00+07:00", news.Root!.Elements(Sm + "url").Last().Element(News + "news")!.Element(News + "publication_date")!.Value);
    }

    [Fact]
    public async Task A_crawler_reads_the_demo_sites_index_every_sitemap_it_names_and_the_addresses_they_list_without_an_error()
    {
        using var app = new Warta.Tests.Reader.PublicSiteFactory();
        var client = app.CreateClient();
        const string origin = "https://www.warta.test";
        var sitemaps = Locations(await XmlAsync(client, "/sitemap.xml"));
        Assert.Contains(origin + "/sitemap-news.xml", sitemaps);
        var listed = new List<string>();
        foreach (var sitemap in sitemaps)
        {
            Assert.StartsWith(origin + "/", sitemap);
            var urls = Locations(await XmlAsync(client, sitemap[origin.Length..]));
            Assert.Equal(urls.Count, urls.Distinct().Count());
            listed.AddRange(urls);
        }
        listed = listed.Distinct().ToList();
        Assert.Contains(listed, l => l.StartsWith(origin + "/berita/"));
        Assert.Contains(listed, l => l.StartsWith(origin + "/indikator/"));
        // Every list page and a sample of stories answer as the sitemaps promise.
        foreach (var url in listed.Where(l => !l.StartsWith(origin + "/berita/")).Concat(listed.Where(l => l.StartsWith(origin + "/berita/")).Take(5)))
            Assert.True((await client.GetAsync(url[origin.Length..])).StatusCode == HttpStatusCode.OK, url);
    }
}
