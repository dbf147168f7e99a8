using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Tests.Paywall;

namespace Warta.Tests.Discovery.Feeds;

/// <summary>Issue 13, item 2: RSS 2.0 and Atom feeds that feed readers and aggregators can take as they are.</summary>
public class FeedTests(DiscoveryFactory app) : IClassFixture<DiscoveryFactory>
{
    const string Origin = DiscoveryFactory.Origin;
    static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/", Content = "http://purl.org/rss/1.0/modules/content/",
        Media = "http://search.yahoo.com/mrss/", Atom = "http://www.w3.org/2005/Atom";

    static SyndicationFeed ParseRss(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Rss20FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an RSS 2.0 document");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    static SyndicationFeed ParseAtom(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an Atom 1.0 document");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    async Task<(Saved Story, Guid Photo)> PhotoStoryAsync(string title)
    {
        var api = await app.NewsroomAsync();
        var photo = await api.UploadPhotoAsync();
        var story = NewsroomApi.Story(title);
        story["image"] = new { mediaId = photo, caption = "Gedung Bank Indonesia", credit = "WARTA/Dewi" };
        return (await api.PublishAsync(story), photo);
    }

    [Fact]
    public async Task The_site_rss_feed_reads_back_with_absolute_links_permanent_guids_authors_categories_the_photo_and_wib_dates()
    {
        var (story, photo) = await PhotoStoryAsync("Rupiah Menguat Tajam di Pasar Spot");
        var response = await app.CreateClient().GetAsync("/rss");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();

        var feed = ParseRss(xml);
        Assert.Equal("WARTA.CO.ID", feed.Title.Text);
        Assert.Equal(Origin + "/", feed.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        var item = feed.Items.Single(i => i.Title.Text == "Rupiah Menguat Tajam di Pasar Spot");
        Assert.Equal(Origin + story.Url, item.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        Assert.Equal(Origin + story.Url, item.Id);
        // The clock says 03:23 UTC: 10:23 in Jakarta, whatever zone the server runs in.
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 10, 23, 0, TimeSpan.FromHours(7)), item.PublishDate);
        Assert.Equal(TimeSpan.FromHours(7), item.PublishDate.Offset);
        Assert.Equal(["Ekonomi", "rupiah", "bank indonesia"], item.Categories.Select(c => c.Name));
        Assert.Equal("Ringkasan Rupiah Menguat Tajam di Pasar Spot", item.Summary.Text);

        var raw = XDocument.Parse(xml).Descendants("item").Single(i => (string?)i.Element("title") == "Rupiah Menguat Tajam di Pasar Spot");
        Assert.Equal("true", raw.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Equal("Fri, 05 May 2023 10:23:00 +0700", raw.Element("pubDate")!.Value);
        Assert.Equal(["Dewi Lestari"], raw.Elements(Dc + "creator").Select(c => c.Value));
        Assert.Contains("<p>Paragraf 8 dari Rupiah Menguat Tajam di Pasar Spot.</p>", raw.Element(Content + "encoded")!.Value);
        var image = raw.Element(Media + "content")!;
        var photoUrl = $"{Origin}/media/{photo:N}/w1600.jpg";
        Assert.Equal(photoUrl, image.Attribute("url")!.Value);
        Assert.Equal("image/jpeg", image.Attribute("type")!.Value);
        Assert.Equal(("1600", "900"), (image.Attribute("width")!.Value, image.Attribute("height")!.Value));
        var bytes = await app.CreateClient().GetByteArrayAsync(photoUrl);
        var enclosure = item.Links.Single(l => l.RelationshipType == "enclosure");
        Assert.Equal((photoUrl, "image/jpeg", (long)bytes.Length), (enclosure.Uri.AbsoluteUri, enclosure.MediaType, enclosure.Length));
        Assert.Equal(bytes.Length.ToString(), image.Attribute("fileSize")!.Value);

        var channel = XDocument.Parse(xml).Root!.Element("channel")!;
        Assert.Equal("id", channel.Element("language")!.Value);
        Assert.Equal(Origin + "/rss", channel.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.All(XDocument.Parse(xml).Descendants("link"), link => Assert.StartsWith(Origin + "/", link.Value));
    }

    [Fact]
    public async Task The_atom_feed_reads_back_with_rfc_3339_dates_in_wib_authors_with_their_pages_and_the_photo_as_an_enclosure()
    {
        var (story, photo) = await PhotoStoryAsync("Inflasi Mei Diperkirakan Melandai");
        var response = await app.CreateClient().GetAsync("/atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        var feed = ParseAtom(xml);
        Assert.Equal(Origin + "/atom", feed.Id);
        Assert.Equal(Origin + "/atom", feed.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        var entry = feed.Items.Single(i => i.Title.Text == "Inflasi Mei Diperkirakan Melandai");
        Assert.StartsWith("urn:uuid:", entry.Id);
        Assert.Equal(Origin + story.Url, entry.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 10, 23, 0, TimeSpan.FromHours(7)), entry.PublishDate);
        Assert.Equal(TimeSpan.FromHours(7), entry.LastUpdatedTime.Offset);
        var author = Assert.Single(entry.Authors);
        Assert.Equal(("Dewi Lestari", Origin + "/penulis/dewi-lestari"), (author.Name, author.Uri));
        Assert.Equal(["Ekonomi", "rupiah", "bank indonesia"], entry.Categories.Select(c => c.Name));
        var enclosure = entry.Links.Single(l => l.RelationshipType == "enclosure");
        Assert.Equal(($"{Origin}/media/{photo:N}/w1600.jpg", "image/jpeg"), (enclosure.Uri.AbsoluteUri, enclosure.MediaType));
        Assert.Contains("Paragraf 8 dari Inflasi Mei", ((TextSyndicationContent)entry.Content).Text);

        var raw = XDocument.Parse(xml).Root!.Elements(Atom + "entry").Single(e => (string?)e.Element(Atom + "title") == "Inflasi Mei Diperkirakan Melandai");
        Assert.Equal("2023-05-05T10:23:00+07:00", raw.Element(Atom + "published")!.Value);
    }

    [Fact]
    public async Task A_premium_story_reaches_feeds_with_its_free_paragraphs_only_while_a_free_story_goes_whole()
    {
        var premium = await app.StoryAsync("Strategi Emiten Batu Bara Premium", premium: true);
        var free = await app.StoryAsync("Harga Emas Antam Hari Ini Gratis", premium: false);
        foreach (var path in new[] { "/rss", "/atom", "/kanal/ekonomi/rss", "/kanal/ekonomi/atom", "/tag/rupiah/rss", "/tag/rupiah/atom" })
        {
            var xml = await app.CreateClient().BodyAsync(path);
            Assert.DoesNotContain(premium.Marker, xml);
            Assert.Contains(free.Marker, xml);
            var feed = path.EndsWith("/rss") ? ParseRss(xml) : ParseAtom(xml);
            var cut = path.EndsWith("/rss")
                ? XDocument.Parse(xml).Descendants("item").Single(i => (string?)i.Element("title") == "Strategi Emiten Batu Bara Premium").Element(Content + "encoded")!.Value
                : ((TextSyndicationContent)feed.Items.Single(i => i.Title.Text == "Strategi Emiten Batu Bara Premium").Content).Text;
            Assert.Contains("Paragraf 3 dari Strategi Emiten Batu Bara Premium.", cut);
            Assert.DoesNotContain("Paragraf 4 dari", cut);
            Assert.Contains($"<a href=\"{Origin}{premium.Url}\">Baca selengkapnya</a>", cut);
        }
    }

    [Fact]
    public async Task A_channel_or_tag_feed_holds_only_its_stories_and_an_unknown_one_is_not_found()
    {
        var api = await app.NewsroomAsync();
        var opinion = NewsroomApi.Story("Kolom Tentang Kebijakan Fiskal", channel: "opini");
        opinion["tags"] = new[] { "fiskal" };
        await api.PublishAsync(opinion);
        await api.PublishAsync(NewsroomApi.Story("Kurs Rupiah Melemah Sore Ini"));

        var channel = ParseRss(await app.CreateClient().BodyAsync("/kanal/opini/rss"));
        Assert.Equal(["Kolom Tentang Kebijakan Fiskal"], channel.Items.Select(i => i.Title.Text));
        Assert.Equal("WARTA.CO.ID — Opini", channel.Title.Text);
        Assert.Equal(Origin + "/kanal/opini", channel.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        var tag = ParseAtom(await app.CreateClient().BodyAsync("/tag/fiskal/atom"));
        Assert.Equal(["Kolom Tentang Kebijakan Fiskal"], tag.Items.Select(i => i.Title.Text));
        Assert.DoesNotContain("Kolom Tentang Kebijakan Fiskal", ParseRss(await app.CreateClient().BodyAsync("/kanal/ekonomi/rss")).Items.Select(i => i.Title.Text));

        foreach (var path in new[] { "/kanal/tidak-ada/rss", "/kanal/tidak-ada/atom", "/tag/tidak-ada/rss", "/tag/tidak-ada/atom" })
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_feed_holds_the_latest_thirty_published_stories_and_never_a_scheduled_or_unpublished_one()
    {
        using var fresh = new DiscoveryFactory();
        var api = await fresh.NewsroomAsync();
        for (var i = 1; i <= 32; i++)
        {
            fresh.Clock.Advance(TimeSpan.FromMinutes(1));
            await api.PublishAsync(NewsroomApi.Story($"Berita urut nomor {i}"));
        }
        var unpublished = await api.PublishAsync(NewsroomApi.Story("Berita yang ditarik"));
        var draft = await api.PublishAsync(NewsroomApi.Story("Berita yang masih draf", status: "draft"));
        await fresh.InDbAsync(db => db.Articles.Where(a => a.Id == unpublished.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished)));

        var feed = ParseRss(await fresh.CreateClient().BodyAsync("/rss"));
        Assert.Equal(Enumerable.Range(3, 30).Reverse().Select(i => $"Berita urut nomor {i}"), feed.Items.Select(i => i.Title.Text));
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 10, 55, 0, TimeSpan.FromHours(7)), feed.LastUpdatedTime);
    }

    [Fact]
    public async Task A_feed_answers_with_a_strong_etag_and_last_modified_and_304_to_a_reader_who_holds_it()
    {
        using var fresh = new DiscoveryFactory();
        var api = await fresh.NewsroomAsync();
        await api.PublishAsync(NewsroomApi.Story("Saham Perbankan Menguat"));
        // A staff cookie bypasses the shared cache, so that client's requests are answered by the feed itself; the plain
        // client's by the output cache's stored copy after the first. Both must answer the same questions alike.
        var rendering = fresh.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        rendering.DefaultRequestHeaders.Add("Cookie", Warta.Web.Shared.ReaderPagePolicy.StaffCookie + "=x");
        foreach (var path in new[] { "/rss", "/atom", "/kanal/ekonomi/rss" })
        {
            foreach (var client in new[] { rendering, fresh.CreateClient() })
            {
                var first = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
                var etag = first.Headers.ETag!;
                Assert.False(etag.IsWeak);
                Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero), first.Content.Headers.LastModified);

                var byTag = new HttpRequestMessage(HttpMethod.Get, path);
                byTag.Headers.IfNoneMatch.Add(etag);
                var notModified = await client.SendAsync(byTag);
                Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
                Assert.Equal(etag, notModified.Headers.ETag);
                Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

                var byDate = new HttpRequestMessage(HttpMethod.Get, path);
                byDate.Headers.IfModifiedSince = new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero);
                Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);
                var older = new HttpRequestMessage(HttpMethod.Get, path);
                older.Headers.IfModifiedSince = new DateTimeOffset(2023, 5, 5, 3, 22, 59, TimeSpan.Zero);
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(older)).StatusCode);
                var otherTag = new HttpRequestMessage(HttpMethod.Get, path);
                otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"lain\""));
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(otherTag)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Publishing_a_story_evicts_the_cached_feeds_so_the_next_reader_gets_it_with_a_new_etag()
    {
        using var fresh = new DiscoveryFactory();
        var api = await fresh.NewsroomAsync();
        await api.PublishAsync(NewsroomApi.Story("Berita Pertama Pagi Ini"));
        var client = fresh.CreateClient();
        var before = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var path in new[] { "/rss", "/atom", "/kanal/ekonomi/rss", "/tag/rupiah/atom" })
        {
            var response = await client.GetAsync(path);
            before[path] = response.Headers.ETag!;
            // Asked again within the cache's lifetime: the stored copy, unchanged.
            Assert.Equal(before[path], (await client.GetAsync(path)).Headers.ETag);
        }

        fresh.Clock.Advance(TimeSpan.FromMinutes(5));
        await api.PublishAsync(NewsroomApi.Story("Berita Kedua Siang Ini"));
        foreach (var (path, etag) in before)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(etag, response.Headers.ETag);
            Assert.Contains("Berita Kedua Siang Ini", await response.Content.ReadAsStringAsync());
            Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 28, 0, TimeSpan.Zero), response.Content.Headers.LastModified);
        }
    }

    [Fact]
    public async Task The_home_channel_and_tag_pages_name_their_feeds_and_a_story_page_names_none()
    {
        var story = await app.StoryAsync("Berita Untuk Tautan Umpan", premium: false);
        async Task<List<(string? Type, string? Href)>> AlternatesAsync(string path) =>
            (await app.ReaderClient().GetPageAsync(path)).QuerySelectorAll("link[rel=alternate]")
                .Select(l => (l.GetAttribute("type"), l.GetAttribute("href"))).ToList();

        Assert.Equal([("application/rss+xml", Origin + "/rss"), ("application/atom+xml", Origin + "/atom")], await AlternatesAsync("/"));
        Assert.Equal([("application/rss+xml", Origin + "/kanal/ekonomi/rss"), ("application/atom+xml", Origin + "/kanal/ekonomi/atom"),
            ("application/rss+xml", Origin + "/rss"), ("application/atom+xml", Origin + "/atom")], await AlternatesAsync("/kanal/ekonomi"));
        Assert.Equal([("application/rss+xml", Origin + "/tag/rupiah/rss"), ("application/atom+xml", Origin + "/tag/rupiah/atom"),
            ("application/rss+xml", Origin + "/rss"), ("application/atom+xml", Origin + "/atom")], await AlternatesAsync("/tag/rupiah"));
        Assert.Empty(await AlternatesAsync(story.Url));
        Assert.Empty(await AlternatesAsync("/penulis/dewi-lestari"));
        var channelPage = await app.ReaderClient().GetPageAsync("/kanal/ekonomi");
        Assert.Equal("WARTA.CO.ID — Ekonomi (RSS)", channelPage.QuerySelector("link[rel=alternate]")!.GetAttribute("title"));
    }
}
