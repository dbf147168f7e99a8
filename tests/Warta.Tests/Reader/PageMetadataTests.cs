using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using AngleSharp.Html.Dom;
using Warta.Tests.Discovery;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reader;

/// <summary>Issue 13, item 4: what search engines and social networks read in a page's head.</summary>
public class PageMetadataTests(DiscoveryFactory app) : IClassFixture<DiscoveryFactory>
{
    const string Origin = DiscoveryFactory.Origin;

    static List<JsonElement> JsonLd(IHtmlDocument page) =>
        page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();

    static JsonElement OfType(IHtmlDocument page, string type) => JsonLd(page).Single(j => j.GetProperty("@type").GetString() == type);

    static List<string?> Strings(JsonElement array, string property) => array.EnumerateArray().Select(e => e.GetProperty(property).GetString()).ToList();

    [Fact]
    public async Task A_news_story_is_a_news_article_with_absolute_images_wib_dates_authors_with_their_pages_and_the_publishers_logo()
    {
        var api = await app.NewsroomAsync();
        var photo = await api.UploadPhotoAsync();
        var story = NewsroomApi.Story("Bank Indonesia Menahan Suku Bunga");
        story["image"] = new { mediaId = photo, caption = "Gedung BI" };
        story["reporters"] = new[] { "Dewi Lestari", "Budi Santoso" };
        var saved = await api.PublishAsync(story);
        var page = await app.ReaderClient().GetPageAsync(saved.Url);

        var article = OfType(page, "NewsArticle");
        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("Bank Indonesia Menahan Suku Bunga", article.GetProperty("headline").GetString());
        Assert.Equal("Ringkasan Bank Indonesia Menahan Suku Bunga", article.GetProperty("description").GetString());
        Assert.Equal([$"{Origin}/media/{photo:N}/w1600.jpg"], article.GetProperty("image").EnumerateArray().Select(i => i.GetString()));
        // 03:23 UTC on the app's clock: 10:23 in Jakarta, written with its offset whatever zone the server is in.
        Assert.Equal("2023-05-05T10:23:00+07:00", article.GetProperty("datePublished").GetString());
        Assert.Equal("2023-05-05T10:23:00+07:00", article.GetProperty("dateModified").GetString());
        Assert.Equal(["Person", "Person"], Strings(article.GetProperty("author"), "@type"));
        Assert.Equal(["Dewi Lestari", "Budi Santoso"], Strings(article.GetProperty("author"), "name"));
        Assert.Equal([Origin + "/penulis/dewi-lestari", Origin + "/penulis/budi-santoso"], Strings(article.GetProperty("author"), "url"));
        var publisher = article.GetProperty("publisher");
        Assert.Equal(("Organization", "WARTA.CO.ID"), (publisher.GetProperty("@type").GetString(), publisher.GetProperty("name").GetString()));
        var logo = publisher.GetProperty("logo").GetProperty("url").GetString()!;
        Assert.StartsWith(Origin + "/icon-512.png?v=", logo);
        Assert.Equal("image/png", (await app.CreateClient().GetAsync(logo[Origin.Length..])).Content.Headers.ContentType?.MediaType);
        Assert.Equal(Origin + saved.Url, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.True(article.GetProperty("isAccessibleForFree").GetBoolean());

        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal($"{Origin}/media/{photo:N}/w1600.jpg", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal("2023-05-05T10:23:00+07:00", page.QuerySelector("meta[property='article:published_time']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task A_corrected_story_says_when_it_was_modified_in_wib()
    {
        var api = await app.NewsroomAsync();
        var saved = await api.PublishAsync(NewsroomApi.Story("Data Ekspor Dikoreksi"));
        var corrected = new DateTimeOffset(2023, 5, 6, 1, 2, 3, TimeSpan.Zero);
        await app.InDbAsync(db => db.Articles.Where(a => a.Id == saved.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, corrected)));
        var page = await app.ReaderClient().GetPageAsync(saved.Url);
        Assert.Equal("2023-05-06T08:02:03+07:00", OfType(page, "NewsArticle").GetProperty("dateModified").GetString());
    }

    [Fact]
    public async Task An_opinion_column_is_an_opinion_news_article_by_its_columnist()
    {
        var api = await app.NewsroomAsync();
        var story = NewsroomApi.Story("Menakar Arah Kebijakan Moneter", channel: "opini");
        story["kind"] = "opinion";
        story["reporters"] = Array.Empty<string>();
        story["columnist"] = new { name = "Rina Wijaya", role = "Ekonom Senior" };
        var saved = await api.PublishAsync(story);
        var page = await app.ReaderClient().GetPageAsync(saved.Url);

        var article = OfType(page, "OpinionNewsArticle");
        Assert.Equal("Menakar Arah Kebijakan Moneter", article.GetProperty("headline").GetString());
        Assert.Equal("2023-05-05T10:23:00+07:00", article.GetProperty("datePublished").GetString());
        Assert.Equal([Origin + "/penulis/rina-wijaya"], Strings(article.GetProperty("author"), "url"));
        Assert.Equal("Opini", article.GetProperty("articleSection").GetString());
        Assert.DoesNotContain(JsonLd(page), j => j.GetProperty("@type").GetString() == "NewsArticle");
    }

    [Fact]
    public async Task A_premium_story_says_it_is_not_free_and_where_its_paid_part_is_without_any_paid_text()
    {
        var story = await Warta.Tests.Paywall.PaywallKit.StoryAsync(app, "Analisis Premium Saham Bank", premium: true);
        var html = await app.ReaderClient().BodyAsync(story.Url);
        var page = Warta.Tests.Paywall.PaywallKit.Parse(html);
        var article = OfType(page, "NewsArticle");
        Assert.False(article.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.False(article.GetProperty("hasPart").GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal(".paywalled", article.GetProperty("hasPart").GetProperty("cssSelector").GetString());
        Assert.Equal("Ringkasan Analisis Premium Saham Bank", article.GetProperty("description").GetString());
        Assert.All(page.QuerySelectorAll("script[type='application/ld+json'], meta"), e => Assert.DoesNotContain(story.Marker, e.OuterHtml));
    }

    [Fact]
    public async Task A_story_has_its_breadcrumbs_from_the_home_page_through_its_channel()
    {
        var api = await app.NewsroomAsync();
        var saved = await api.PublishAsync(NewsroomApi.Story("Neraca Dagang Surplus Lagi"));
        var crumbs = OfType(await app.ReaderClient().GetPageAsync(saved.Url), "BreadcrumbList").GetProperty("itemListElement");
        Assert.Equal(["ListItem", "ListItem", "ListItem"], Strings(crumbs, "@type"));
        Assert.Equal([1, 2, 3], crumbs.EnumerateArray().Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(["Beranda", "Ekonomi", "Neraca Dagang Surplus Lagi"], Strings(crumbs, "name"));
        Assert.Equal([Origin + "/", Origin + "/kanal/ekonomi", Origin + saved.Url], Strings(crumbs, "item"));
    }

    [Fact]
    public async Task A_headline_that_closes_the_script_element_stays_inside_the_structured_data()
    {
        var api = await app.NewsroomAsync();
        const string hostile = "Saham </script><script>alert('x')</script> & <!-- Naik";
        var saved = await api.PublishAsync(NewsroomApi.Story(hostile));
        var html = await app.ReaderClient().BodyAsync(saved.Url);
        Assert.DoesNotContain("<script>alert", html);
        var page = Warta.Tests.Paywall.PaywallKit.Parse(html);
        Assert.Equal(2, page.QuerySelectorAll("script[type='application/ld+json']").Length);
        Assert.Equal(hostile, OfType(page, "NewsArticle").GetProperty("headline").GetString());
        Assert.Equal(hostile, Strings(OfType(page, "BreadcrumbList").GetProperty("itemListElement"), "name")[2]);
    }

    [Fact]
    public async Task The_home_page_describes_the_publication_and_the_site_with_its_search()
    {
        var page = await app.ReaderClient().GetPageAsync("/");
        var data = Assert.Single(JsonLd(page));
        Assert.Equal("https://schema.org", data.GetProperty("@context").GetString());
        var graph = data.GetProperty("@graph").EnumerateArray().ToDictionary(e => e.GetProperty("@type").GetString()!);
        var organization = graph["Organization"];
        Assert.Equal(("WARTA.CO.ID", Origin + "/"), (organization.GetProperty("name").GetString(), organization.GetProperty("url").GetString()));
        Assert.StartsWith(Origin + "/icon-512.png?v=", organization.GetProperty("logo").GetProperty("url").GetString());
        var site = graph["WebSite"];
        Assert.Equal(Origin + "/", site.GetProperty("url").GetString());
        Assert.Equal(organization.GetProperty("@id").GetString(), site.GetProperty("publisher").GetProperty("@id").GetString());
        var search = site.GetProperty("potentialAction");
        Assert.Equal("SearchAction", search.GetProperty("@type").GetString());
        Assert.Equal(Origin + "/cari?q={search_term_string}", search.GetProperty("target").GetProperty("urlTemplate").GetString());
        Assert.Equal("required name=search_term_string", search.GetProperty("query-input").GetString());
    }

    [Fact]
    public async Task Every_reader_page_has_open_graph_and_twitter_cards_with_its_canonical_address()
    {
        var api = await app.NewsroomAsync();
        var saved = await api.PublishAsync(NewsroomApi.Story("Kartu Sosial Untuk Semua Halaman"));
        foreach (var path in new[] { "/", "/kanal/ekonomi", "/tag/rupiah", "/penulis/dewi-lestari", saved.Url, "/indikator", "/akademi" })
        {
            var page = await app.ReaderClient().GetPageAsync(path);
            string? Meta(string selector) => page.QuerySelector(selector)?.GetAttribute("content");
            var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href");
            Assert.Equal(Origin + path, canonical);
            Assert.Equal(canonical, Meta("meta[property='og:url']"));
            Assert.Equal("WARTA.CO.ID", Meta("meta[property='og:site_name']"));
            Assert.Equal("id_ID", Meta("meta[property='og:locale']"));
            Assert.Equal(Meta("meta[name=description]"), Meta("meta[property='og:description']"));
            Assert.Equal(Meta("meta[name=description]"), Meta("meta[name='twitter:description']"));
            Assert.False(string.IsNullOrWhiteSpace(Meta("meta[property='og:title']")), path);
            Assert.Equal(Meta("meta[property='og:title']"), Meta("meta[name='twitter:title']"));
            Assert.Equal(path == saved.Url ? "article" : "website", Meta("meta[property='og:type']"));
            Assert.Equal("summary", Meta("meta[name='twitter:card']"));
            Assert.Single(page.QuerySelectorAll("meta[property='og:title']"));
        }
    }
}
