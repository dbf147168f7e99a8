using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Paywall;

/// <summary>A subscriber sends premium stories as gift links: a few a month, opened whole by anyone, counted, revocable.</summary>
public class GiftLinkTests(PaywallFactory app) : IClassFixture<PaywallFactory>
{
    static async Task<HttpClient> UsedUpAsync(WartaFactory app)
    {
        var browser = app.Anonymous();
        await browser.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Habis " + Guid.NewGuid().ToString("N")[..6]));
        return browser;
    }

    [Fact]
    public async Task A_subscriber_sees_the_gift_button_under_a_premium_story_and_anyone_opening_the_link_reads_it_whole()
    {
        var story = await app.StoryAsync("Hadiah untuk teman", premium: true);
        var (giver, _) = await app.SubscriberAsync($"pemberi-{Guid.NewGuid():N}@pembaca.test");
        var article = PaywallKit.Parse(await giver.HtmlAsync(story.Url));
        Assert.Equal("/akun/hadiah?berita=" + story.Id, article.QuerySelector(".gift-action a")!.GetAttribute("href"));

        var (path, _) = await giver.GiftAsync(story.Id);
        Assert.NotNull(path);
        var friend = await UsedUpAsync(app);
        Assert.True(await friend.ReadsWholeAsync(story, path));
        Assert.True(await app.Anonymous().ReadsWholeAsync(story, path));
        var gift = await friend.GetAsync(path);
        Assert.True(gift.Headers.CacheControl is { NoStore: true, Private: true });

        var list = PaywallKit.Parse(await giver.HtmlAsync("/akun/hadiah"));
        Assert.Equal("3×", list.QuerySelector(".gift-links .opens")!.TextContent);
        Assert.Equal(3, await app.InDbAsync(db => db.GiftLinks.Where(g => g.ArticleId == story.Id).Select(g => g.Opens).SingleAsync()));
    }

    [Fact]
    public async Task A_revoked_gift_link_shows_the_cut_and_stops_counting()
    {
        var story = await app.StoryAsync("Hadiah yang dicabut", premium: true);
        var (giver, _) = await app.SubscriberAsync($"pencabut-{Guid.NewGuid():N}@pembaca.test");
        var (path, _) = await giver.GiftAsync(story.Id);
        var friend = await UsedUpAsync(app);
        Assert.True(await friend.ReadsWholeAsync(story, path));

        var id = await app.InDbAsync(db => db.GiftLinks.Where(g => g.ArticleId == story.Id).Select(g => g.Id).SingleAsync());
        var revoked = await giver.SubmitAsync(GiftKit.FormPage, new() { ["id"] = id.ToString() }, action: "/akun/hadiah?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await friend.ReadsWholeAsync(story, path));
        Assert.Equal(1, await app.InDbAsync(db => db.GiftLinks.Where(g => g.Id == id).Select(g => g.Opens).SingleAsync()));
        Assert.NotNull(PaywallKit.Parse(await giver.HtmlAsync("/akun/hadiah")).QuerySelector(".gift-links .revoked"));
    }

    [Fact]
    public async Task A_reader_cannot_revoke_another_reader_s_gift_link()
    {
        var story = await app.StoryAsync("Hadiah milik orang lain", premium: true);
        var (giver, _) = await app.SubscriberAsync($"pemilik-{Guid.NewGuid():N}@pembaca.test");
        var (path, _) = await giver.GiftAsync(story.Id);
        var id = await app.InDbAsync(db => db.GiftLinks.Where(g => g.ArticleId == story.Id).Select(g => g.Id).SingleAsync());
        var (stranger, _) = await app.SubscriberAsync($"orang-lain-{Guid.NewGuid():N}@pembaca.test");
        await stranger.SubmitAsync(GiftKit.FormPage, new() { ["id"] = id.ToString() }, action: "/akun/hadiah?handler=Revoke");
        Assert.True(await app.Anonymous().ReadsWholeAsync(story, path));
    }

    [Fact]
    public async Task A_subscriber_makes_at_most_the_month_s_allowance_of_links_and_a_revoked_one_still_counts()
    {
        var stories = await app.PremiumStoriesAsync(PaywallFactory.GiftLinksPerMonth + 1, "Jatah hadiah");
        var (giver, _) = await app.SubscriberAsync($"jatah-{Guid.NewGuid():N}@pembaca.test");
        for (var i = 0; i < PaywallFactory.GiftLinksPerMonth; i++) Assert.NotNull((await giver.GiftAsync(stories[i].Id)).Path);
        var first = await app.InDbAsync(db => db.GiftLinks.Where(g => g.ArticleId == stories[0].Id).Select(g => g.Id).SingleAsync());
        await giver.SubmitAsync(GiftKit.FormPage, new() { ["id"] = first.ToString() }, action: "/akun/hadiah?handler=Revoke");

        var (path, refused) = await giver.GiftAsync(stories[^1].Id);
        Assert.Null(path);
        var page = await refused.DocumentAsync(400);
        Assert.Equal("Jatah tautan hadiah Anda bulan ini sudah habis.", page.Text("#gift-message"));
        Assert.Equal("0", page.Text("#gifts-left"));
        var last = stories[^1].Id;
        Assert.Equal(0, await app.InDbAsync(db => db.GiftLinks.CountAsync(g => g.ArticleId == last)));
    }

    [Fact]
    public async Task A_reader_without_a_plan_and_an_expired_subscriber_cannot_make_a_link_nor_a_free_story_be_given()
    {
        var premium = await app.StoryAsync("Bukan untuk dihadiahkan", premium: true);
        var free = await app.StoryAsync("Berita gratis tak perlu hadiah", premium: false);
        var (reader, _) = await app.ReaderAsync($"tanpa-paket-{Guid.NewGuid():N}@pembaca.test");
        var (expired, expiredId) = await app.ReaderAsync($"habis-{Guid.NewGuid():N}@pembaca.test");
        await app.SubscribeAsync(expiredId, startDays: -40, endDays: -1);
        var (subscriber, _) = await app.SubscriberAsync($"gratis-{Guid.NewGuid():N}@pembaca.test");

        foreach (var (browser, story, message) in new[]
                 {
                     (reader, premium, "Tautan hadiah hanya untuk pelanggan dengan langganan aktif."),
                     (expired, premium, "Tautan hadiah hanya untuk pelanggan dengan langganan aktif."),
                     (subscriber, free, "Hanya artikel premium yang sudah terbit yang dapat dihadiahkan."),
                 })
        {
            var response = await browser.SubmitAsync(GiftKit.FormPage, new() { ["berita"] = story.Id.ToString() }, action: "/akun/hadiah?handler=Create");
            Assert.Equal(message, (await response.DocumentAsync(400)).Text("#gift-message"));
        }
        Assert.Equal(0, await app.InDbAsync(db => db.GiftLinks.CountAsync(g => g.ArticleId == premium.Id || g.ArticleId == free.Id)));
        Assert.Null(PaywallKit.Parse(await reader.HtmlAsync(free.Url)).QuerySelector(".gift-action"));
    }

    [Fact]
    public async Task An_unknown_gift_token_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/hadiah/" + Warta.Web.Content.PreviewLink.NewToken())).StatusCode);
    }
}
