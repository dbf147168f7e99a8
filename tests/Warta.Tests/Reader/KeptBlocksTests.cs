using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Tests.Paywall;
using Warta.Web.Newsroom;

namespace Warta.Tests.Reader;

/// <summary>
/// With the page cache off every page is rendered, and the blocks every reader shares (channel navigation, Terbaru, the
/// ticker, the feed links) come from markup kept between changes: a change shows on the next page, and what belongs to
/// the request (the channel marked, the reader's own links) never comes from the page before.
/// </summary>
public class KeptBlocksTests(KeptBlocksTests.UncachedFactory app) : IClassFixture<KeptBlocksTests.UncachedFactory>
{
    public sealed class UncachedFactory() : StaffFactory(new Dictionary<string, string?>
    {
        ["Warta:Cache:Enabled"] = "false",
        ["Warta:Readers:MailRequestsPerIpPerHour"] = "100000",
        ["Warta:Readers:MailsPerAddressPerHour"] = "100000",
    });

    static string[] Channels(IHtmlDocument page) => [.. page.QuerySelectorAll("nav.channels a").Select(a => a.TextContent)];

    static string[] Marked(IHtmlDocument page) => [.. page.QuerySelectorAll("nav.channels a.on").Select(a => a.TextContent)];

    static string[] Feeds(IHtmlDocument page) => [.. page.QuerySelectorAll("link[rel=alternate][type='application/rss+xml']").Select(l => l.GetAttribute("title")!)];

    static string[] Menu(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("nav.reader-menu a").Select(a => a.TextContent + " " + a.GetAttribute("href"))];

    [Fact]
    public async Task A_renamed_channel_and_a_new_one_show_in_the_navigation_and_the_feed_links_of_the_next_page()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("kanal-ganti", "Kanal Lama", order: 900);
        var reader = app.ReaderClient();
        Assert.Contains("Kanal Lama", Channels(await reader.GetPageAsync("/")));
        var before = await reader.GetPageAsync("/kanal/kanal-ganti");
        Assert.Equal(["Kanal Lama"], Marked(before));
        Assert.Equal(["WARTA.CO.ID — Kanal Lama (RSS)", "WARTA.CO.ID (RSS)"], Feeds(before));

        await api.EnsureChannelAsync("kanal-ganti", "Kanal Baru", order: 900);
        await api.EnsureChannelAsync("kanal-tambah", "Kanal Tambahan", order: 901);

        var home = await reader.GetPageAsync("/");
        Assert.Equal(["Kanal Baru", "Kanal Tambahan"], Channels(home).SkipWhile(c => c != "Kanal Baru"));
        Assert.DoesNotContain("Kanal Lama", Channels(home));
        var after = await reader.GetPageAsync("/kanal/kanal-ganti");
        Assert.Equal(["Kanal Baru"], Marked(after));
        Assert.Equal(["WARTA.CO.ID — Kanal Baru (RSS)", "WARTA.CO.ID (RSS)"], Feeds(after));
    }

    [Fact]
    public async Task Each_page_marks_its_own_channel_whichever_page_was_rendered_before_it()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("tanda-satu", "Tanda Satu", order: 800);
        await api.EnsureChannelAsync("tanda-dua", "Tanda Dua", order: 801);
        var saved = await api.PublishAsync(NewsroomApi.Story("Berita di kanal kedua", channel: "tanda-dua"));
        var reader = app.ReaderClient();
        var visits = new (string Path, string[] Marked)[]
        {
            ("/kanal/tanda-satu", ["Tanda Satu"]), ("/kanal/tanda-dua", ["Tanda Dua"]), ("/", ["Beranda"]),
            (StoryLinks.UrlOf(saved.Slug), ["Tanda Dua"]), ("/kanal/tanda-satu", ["Tanda Satu"]), ("/?halaman=2", []), ("/", ["Beranda"]),
        };
        foreach (var (path, marked) in visits)
        {
            var page = await reader.GetPageAsync(path);
            Assert.True(Marked(page).SequenceEqual(marked), $"{path} should mark [{string.Join(", ", marked)}], marks [{string.Join(", ", Marked(page))}]");
        }
    }

    [Fact]
    public async Task A_signed_in_reader_gets_the_account_links_and_an_anonymous_reader_the_sign_in_links_of_the_page_read()
    {
        var story = await app.StoryAsync("Tautan akun di kepala halaman", premium: false);
        var other = await app.StoryAsync("Tautan akun di halaman lain", premium: false);
        Assert.Equal(["Masuk /akun/masuk?ReturnUrl=" + Uri.EscapeDataString(story.Url), "Langganan /langganan"],
            Menu(PaywallKit.Parse(await app.Anonymous().HtmlAsync(story.Url))));

        var (reader, _) = await app.ReaderAsync($"kepala-{Guid.NewGuid():N}@pembaca.test");
        Assert.Equal(["Akun /akun", "Keluar /akun/keluar"], Menu(PaywallKit.Parse(await reader.HtmlAsync(story.Url))));

        Assert.Equal(["Masuk /akun/masuk?ReturnUrl=" + Uri.EscapeDataString(other.Url), "Langganan /langganan"],
            Menu(PaywallKit.Parse(await app.Anonymous().HtmlAsync(other.Url))));
        Assert.Equal(["Akun /akun", "Keluar /akun/keluar"], Menu(PaywallKit.Parse(await reader.HtmlAsync(other.Url))));
    }

    [Fact]
    public async Task A_story_published_shows_in_Terbaru_and_a_quote_in_the_ticker_on_the_next_page()
    {
        var admin = await app.ApiClientAsync();
        (await admin.PutAsJsonAsync("/api/admin/instruments/KEPT", new { label = "KEPT", kind = "index", decimals = 2, unit = "poin", display = "full", order = 1, inTicker = true })).EnsureSuccessStatusCode();
        var markets = await app.ApiClientAsync(ApiScopes.Markets);
        var at = app.Clock.GetUtcNow().AddMinutes(-5);
        Assert.Equal(HttpStatusCode.OK, (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "KEPT", value = 100.25m, at } })).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.StoryAsync("Berita sebelum", premium: false);
        var reader = app.ReaderClient();
        var before = await reader.GetPageAsync("/");
        Assert.Equal("Berita sebelum", before.QuerySelector("#terbaru + ol li a")!.TextContent);
        Assert.Equal("100,25", before.QuerySelector(".tick[data-live-symbol=KEPT] .tick-value")!.TextContent);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.StoryAsync("Berita sesudah", premium: false);
        Assert.Equal(HttpStatusCode.OK, (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "KEPT", value = 101.5m, at = at.AddMinutes(1) } })).StatusCode);

        var after = await reader.GetPageAsync("/");
        Assert.Equal("Berita sesudah", after.QuerySelector("#terbaru + ol li a")!.TextContent);
        Assert.Equal("101,50", after.QuerySelector(".tick[data-live-symbol=KEPT] .tick-value")!.TextContent);
    }

    static string? ReturnPath(IHtmlDocument page, string promo) => page.QuerySelector($"{promo} input[name=kembali]")?.GetAttribute("value");

    [Fact]
    public async Task Each_page_gets_its_own_return_path_in_the_promos_and_a_changed_promo_shows_on_the_next_page()
    {
        var api = await app.ApiClientAsync();
        (await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "<b>Promo atas pertama</b>", url = "/langganan", dismissible = true })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("/api/admin/promos/popup", new { html = "Promo sembul", url = "/langganan", frequencyHours = 24 })).EnsureSuccessStatusCode();
        var reader = app.ReaderClient();
        // The return path goes into a kept markup's gap per page: characters that need escaping, and the same page again.
        foreach (var path in new[] { "/", "/?halaman=2&urut=\"baru\"<x>&y='z'", "/cari?q=saham%20%26%20obligasi", "/" })
        {
            var page = await reader.GetPageAsync(path);
            var sent = new Uri(new Uri("http://warta.test"), path).PathAndQuery;
            Assert.Equal(sent, ReturnPath(page, "#promo-top"));
            Assert.Equal(sent, ReturnPath(page, "#promo-popup"));
            Assert.Equal("Promo atas pertama", page.Text("#promo-top .promo-top-body"));
        }

        // The kept markup is found by the promo instance it was rendered from: the same promo, read again, is the same instance.
        var promos = app.Services.GetRequiredService<Warta.Web.Promos.PromoService>();
        Assert.Same((await promos.LiveAsync())["top"], (await promos.LiveAsync())["top"]);

        (await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "<b>Promo atas kedua</b>", url = "/langganan", dismissible = true })).EnsureSuccessStatusCode();
        var after = await reader.GetPageAsync("/?halaman=3");
        Assert.Equal("Promo atas kedua", after.Text("#promo-top .promo-top-body"));
        Assert.Equal("/?halaman=3", ReturnPath(after, "#promo-top"));
    }

    [Fact]
    public async Task A_card_kept_between_pages_shows_a_headline_with_markup_characters_as_text()
    {
        const string title = "Saham & Obligasi <Naik> \"Tajam\" — ’kutip’ 10% ▲";
        await app.StoryAsync(title, premium: false);
        var reader = app.ReaderClient();
        // The channel page lists every story as a card; twice, so the second page shows the markup kept with the card.
        for (var i = 0; i < 2; i++)
        {
            var channel = await reader.GetPageAsync("/kanal/ekonomi");
            var headlines = channel.QuerySelectorAll(".card-title a").Select(a => a.TextContent).ToList();
            Assert.True(headlines.Contains(title), string.Join(" | ", headlines));
            Assert.Empty(channel.QuerySelectorAll(".card-title naik"));
        }
    }
}
