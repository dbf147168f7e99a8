using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Markets;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Tests.Security;

/// <summary>
/// Issue 8, items 1 and 6: whatever a reader adds to a reader page's address (a valid preview token, a story id, a made-up
/// parameter with markup in it), the page that goes into the shared cache is the page a fresh render of the plain address
/// gives, and nothing the reader typed is in it.
/// </summary>
public class CachePoisoningTests(DemoWartaFactory app) : IClassFixture<DemoWartaFactory>
{
    const string Hostile = "\"><script>racun()</script>";

    async Task<(Guid Id, string Slug, string Title, string Token)> DraftWithPreviewLinkAsync()
    {
        var api = await app.ApiClientAsync();
        var draft = await api.PublishAsync(NewsroomApi.Story("Draf Belum Diperiksa Redaksi", status: "draft"));
        var token = PreviewLink.NewToken();
        var now = app.Clock.GetUtcNow();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        db.PreviewLinks.Add(new PreviewLink
        {
            Id = Guid.CreateVersion7(), ArticleId = draft.Id, TokenHash = PreviewLink.Hash(token), CreatedByName = "Uji", CreatedAt = now, ExpiresAt = now.AddHours(1),
        });
        await db.SaveChangesAsync();
        return (draft.Id, draft.Slug, "Draf Belum Diperiksa Redaksi", token);
    }

    async Task<List<string>> ReaderPagesAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var now = app.Clock.GetUtcNow();
        // A free story: a premium one read on a fresh reader's meter is that reader's alone and never cached (Paywall/PaywallCacheTests).
        var story = await Warta.Web.Content.StoryQueries.Visible(db, now).Where(a => !a.Premium).OrderByDescending(a => a.PublishedAt).Select(a => a.Slug).FirstAsync();
        var symbol = await db.Instruments.Select(i => i.Symbol).FirstAsync();
        return
        [
            "/",
            "/berita/" + story,
            "/kanal/" + await db.Channels.Select(c => c.Slug).FirstAsync(),
            "/kanal/" + await db.Channels.Select(c => c.Slug).FirstAsync() + "?halaman=2",
            "/tag/" + await db.Tags.Where(t => db.ArticleTags.Any(at => at.TagId == t.Id)).Select(t => t.Slug).FirstAsync(),
            "/penulis/" + await db.People.Select(p => p.Slug).FirstAsync(),
            "/akademi",
            "/akademi/" + await db.Courses.Select(c => c.Slug).FirstAsync(),
            "/langganan",
            "/indikator",
            "/indikator/" + Instrument.SlugOf(symbol) + "?rentang=1b",
        ];
    }

    [Fact]
    public async Task Extra_and_hostile_query_parameters_never_change_the_cached_page_of_any_reader_page()
    {
        var draft = await DraftWithPreviewLinkAsync();
        var cache = app.Services.GetRequiredService<PageCache>();
        var reader = app.ReaderClient();
        var extra = $"token={draft.Token}&id={draft.Id}&slug={draft.Slug}&kembali=%2F%5Cjahat.example&utm_source={Uri.EscapeDataString(Hostile)}";

        foreach (var page in await ReaderPagesAsync())
        {
            var attack = page + (page.Contains('?') ? "&" : "?") + extra;
            await cache.EvictAsync(CacheTags.Lists);
            var attacked = await reader.GetAsync(attack);
            Assert.Equal(HttpStatusCode.OK, attacked.StatusCode);
            var attackedHtml = await attacked.Content.ReadAsStringAsync();

            var cached = await reader.GetAsync(page);
            Assert.True(cached.Headers.Age is not null, $"{page} was served from the cache the attack filled");
            var cachedHtml = await cached.Content.ReadAsStringAsync();

            await cache.EvictAsync(CacheTags.Lists);
            var fresh = await (await reader.GetAsync(page)).Content.ReadAsStringAsync();

            Assert.Equal(fresh, cachedHtml);
            Assert.Equal(fresh, attackedHtml);
            Assert.DoesNotContain(draft.Title, cachedHtml);
            Assert.DoesNotContain("racun", cachedHtml);
            Assert.DoesNotContain("jahat.example", cachedHtml);
        }
    }

    [Fact]
    public async Task A_preview_token_on_a_story_address_shows_and_caches_the_published_story_only()
    {
        var draft = await DraftWithPreviewLinkAsync();
        var reader = app.ReaderClient();
        // The made-up address of the draft itself: not a story readers can see, with or without the token.
        await reader.GetPageAsync($"/berita/{draft.Slug}?token={draft.Token}", 404);
        await reader.GetPageAsync($"/berita/{draft.Slug}", 404);
        // The preview link itself still works, and is never stored in the shared cache.
        var preview = await reader.GetAsync("/pratinjau/" + draft.Token);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(draft.Title, await preview.Content.ReadAsStringAsync());
        Assert.Null(preview.Headers.Age);
        Assert.Null((await reader.GetAsync("/pratinjau/" + draft.Token)).Headers.Age);
    }

    [Fact]
    public async Task The_promo_close_form_on_a_cached_page_carries_no_reader_input()
    {
        var reader = app.ReaderClient();
        await app.Services.GetRequiredService<PageCache>().EvictAsync(CacheTags.Lists);
        var attacked = await reader.GetPageAsync("/?apa=" + Uri.EscapeDataString(Hostile) + "&halaman=1");
        var kembali = attacked.QuerySelectorAll("input[name=kembali]").Select(i => i.GetAttribute("value")).ToList();
        Assert.NotEmpty(kembali);
        Assert.All(kembali, value => Assert.Equal("/?halaman=1", value));
        var everyone = await reader.GetPageAsync("/?halaman=1");
        Assert.All(everyone.QuerySelectorAll("input[name=kembali]"), i => Assert.Equal("/?halaman=1", i.GetAttribute("value")));
    }
}
