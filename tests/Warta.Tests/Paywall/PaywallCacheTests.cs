using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Paywall;

/// <summary>
/// The cache never serves one reader's page to another: the cut page of readers without reads left is shared at full speed,
/// while metered reads, gift reads and subscribers' pages are never stored where anyone else can get them.
/// </summary>
public class PaywallCacheTests(PaywallFactory app) : IClassFixture<PaywallFactory>
{
    [Fact]
    public async Task Every_reader_route_warmed_by_a_subscriber_a_metered_reader_and_a_gift_holder_shows_an_anonymous_reader_no_marker()
    {
        var story = await app.StoryAsync("Racun cache premium", premium: true);
        var neighbour = await app.StoryAsync("Tetangga racun cache", premium: false, related: [story.Id]);
        var channel = "/kanal/ekonomi";
        var routes = new[] { "/", story.Url, story.Url + "?halaman=1", neighbour.Url, channel, "/tag/rupiah", "/penulis/dewi-lestari", "/langganan" };
        var cache = app.Services.GetRequiredService<PageCache>();
        await cache.EvictAsync(CacheTags.Lists);

        var (subscriber, _) = await app.SubscriberAsync($"peracun-{Guid.NewGuid():N}@pembaca.test");
        var (giver, _) = await app.SubscriberAsync($"pemberi-racun-{Guid.NewGuid():N}@pembaca.test");
        var (gift, _) = await giver.GiftAsync(story.Id);
        var metered = app.Anonymous();
        foreach (var route in routes)
        {
            await subscriber.HtmlAsync(route);
            await subscriber.HtmlAsync(route);
            await metered.HtmlAsync(route);
        }
        Assert.Contains(story.Marker, await subscriber.HtmlAsync(story.Url));
        Assert.Contains(story.Marker, await metered.HtmlAsync(story.Url));
        Assert.Contains(story.Marker, await app.Anonymous().HtmlAsync(gift!));

        var usedUp = app.Anonymous();
        await usedUp.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Racun habis"));
        var fresh = app.Anonymous();
        foreach (var route in routes)
        {
            Assert.DoesNotContain(story.Marker, await usedUp.HtmlAsync(route));
            // A fresh reader's copy of every page but the premium story itself may come from the cache; none holds the marker.
            if (!route.StartsWith(story.Url, StringComparison.Ordinal)) Assert.DoesNotContain(story.Marker, await fresh.HtmlAsync(route));
        }
    }

    [Fact]
    public async Task The_cut_page_is_served_from_the_cache_and_the_metered_and_subscriber_pages_are_never_stored()
    {
        var story = await app.StoryAsync("Cache per audiens", premium: true);
        var usedUp = app.Anonymous();
        await usedUp.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Audiens habis"));
        await usedUp.GetAsync(story.Url);
        var cut = await usedUp.GetAsync(story.Url);
        Assert.NotNull(cut.Headers.Age);
        Assert.DoesNotContain(story.Marker, await cut.Content.ReadAsStringAsync());

        var metered = await app.Anonymous().GetAsync(story.Url);
        Assert.True(metered.Headers.CacheControl is { NoStore: true, Private: true });
        Assert.Null(metered.Headers.Age);
        var (subscriber, _) = await app.SubscriberAsync($"audiens-{Guid.NewGuid():N}@pembaca.test");
        await subscriber.GetAsync(story.Url);
        var again = await subscriber.GetAsync(story.Url);
        Assert.Null(again.Headers.Age);
        Assert.True(again.Headers.CacheControl is { NoStore: true, Private: true });
    }

    [Fact]
    public async Task The_audience_resolver_knows_signed_in_and_entitled_readers_and_a_meter_with_reads_left()
    {
        var resolver = app.Services.GetRequiredService<IAudienceResolver>();
        Assert.IsType<Warta.Web.Content.Paywall.PaywallAudienceResolver>(resolver);
        var story = await app.StoryAsync("Audiens resolver", premium: false);
        var (reader, _) = await app.ReaderAsync($"resolver-{Guid.NewGuid():N}@pembaca.test");
        var (subscriber, _) = await app.SubscriberAsync($"resolver-langganan-{Guid.NewGuid():N}@pembaca.test");
        // A free story: the anonymous copy is shared, while signed-in readers always get their own render.
        await app.Anonymous().GetAsync(story.Url);
        Assert.NotNull((await app.Anonymous().GetAsync(story.Url)).Headers.Age);
        await reader.GetAsync(story.Url);
        Assert.Null((await reader.GetAsync(story.Url)).Headers.Age);
        await subscriber.GetAsync(story.Url);
        Assert.Null((await subscriber.GetAsync(story.Url)).Headers.Age);
    }
}
