using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Reader;

namespace Warta.Tests.Reader;

/// <summary>
/// A site with 45 stories in one channel, under one tag, by one reporter, published a minute apart (story 1 first), and
/// a few others elsewhere that must never show in those lists.
/// </summary>
public sealed class PagingSite : WartaFactory, IAsyncLifetime
{
    public const int Stories = 45;
    public string TagSlug { get; private set; } = "";
    public string AuthorSlug { get; private set; } = "";

    public static string TitleOf(int n) => $"Berita halaman nomor {n:00}";

    public async Task InitializeAsync()
    {
        var api = await ApiClientAsync();
        await api.EnsureChannelAsync("halaman", "Halaman");
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        for (var n = 1; n <= Stories; n++)
        {
            var story = NewsroomApi.Story(TitleOf(n), channel: "halaman");
            story["tags"] = new[] { "uji halaman" };
            story["reporters"] = new[] { "Rina Halaman" };
            await api.PublishAsync(story);
            Clock.Advance(TimeSpan.FromMinutes(1));
            if (n % 10 == 0)
            {
                // Interleaved stories from another channel, tag and reporter.
                await api.PublishAsync(NewsroomApi.Story($"Berita lain {n}"));
                Clock.Advance(TimeSpan.FromMinutes(1));
            }
        }
        using var scope = Services.CreateScope();
        var db = Db(scope);
        TagSlug = await db.Tags.Where(t => t.Name == "uji halaman").Select(t => t.Slug).SingleAsync();
        AuthorSlug = await db.People.Where(p => p.Name == "Rina Halaman").Select(p => p.Slug).SingleAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public class ListPagingTests(PagingSite app) : IClassFixture<PagingSite>
{
    static string[] Expected(int page) =>
        Enumerable.Range(0, PagingSite.Stories).Select(i => PagingSite.TitleOf(PagingSite.Stories - i))
            .Skip((page - 1) * StoryQueries.PageSize).Take(StoryQueries.PageSize).ToArray();

    async Task<string[]> TitlesAsync(string url)
    {
        var page = await app.ReaderClient().GetPageAsync(url);
        return page.QuerySelectorAll("article.card .card-title a").Select(a => a.TextContent).ToArray();
    }

    async Task AssertPagesAsync(string basePath)
    {
        var first = await TitlesAsync(basePath);
        var second = await TitlesAsync(basePath + "?halaman=2");
        var third = await TitlesAsync(basePath + "?halaman=3");
        Assert.Equal(Expected(1), first);
        Assert.Equal(Expected(2), second);
        Assert.Equal(Expected(3), third);
        Assert.Equal(PagingSite.Stories, first.Concat(second).Concat(third).Distinct().Count());

        var pager = (await app.ReaderClient().GetPageAsync(basePath + "?halaman=2")).QuerySelector("nav.pager")!;
        Assert.Equal("2", pager.QuerySelector("[aria-current=page]")!.TextContent);
        Assert.Equal([basePath, basePath + "?halaman=3"], pager.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public async Task A_channel_pages_through_its_own_stories_newest_first_each_once() => await AssertPagesAsync("/kanal/halaman");

    [Fact]
    public async Task A_tag_pages_through_its_own_stories_newest_first_each_once() => await AssertPagesAsync("/tag/" + app.TagSlug);

    [Fact]
    public async Task An_author_pages_through_their_own_stories_newest_first_each_once() => await AssertPagesAsync("/penulis/" + app.AuthorSlug);

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        Assert.Equal(Expected(3), await TitlesAsync("/kanal/halaman?halaman=9"));
        Assert.Equal(Expected(1), await TitlesAsync("/kanal/halaman?halaman=0"));
    }
}

/// <summary>A channel whose 25 stories all went out in the same second (an import, a scheduled batch).</summary>
public sealed class SimultaneousSite : WartaFactory, IAsyncLifetime
{
    public const int Stories = StoryQueries.PageSize + 5;

    public async Task InitializeAsync()
    {
        var api = await ApiClientAsync();
        await api.EnsureChannelAsync("serentak", "Serentak");
        // Saved in their slugs' order: a descending scan of the time index alone would give them newest-saved first.
        for (var n = 1; n <= Stories; n++) await api.PublishAsync(NewsroomApi.Story($"Terbit serentak {n:00}", channel: "serentak"));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public class SimultaneousPagingTests(SimultaneousSite app) : IClassFixture<SimultaneousSite>
{
    [Fact]
    public async Task Stories_published_in_the_same_second_each_show_once_across_pages()
    {
        var client = app.ReaderClient();
        var first = (await client.GetPageAsync("/kanal/serentak")).QuerySelectorAll("article.card .card-title a").Select(a => a.TextContent).ToArray();
        var second = (await client.GetPageAsync("/kanal/serentak?halaman=2")).QuerySelectorAll("article.card .card-title a").Select(a => a.TextContent).ToArray();
        // Same second: the slug decides, the same way on every request, so page 2 continues exactly where page 1 ended.
        var all = Enumerable.Range(1, SimultaneousSite.Stories).Select(n => $"Terbit serentak {n:00}").ToArray();
        Assert.Equal(all[..StoryQueries.PageSize], first);
        Assert.Equal(all[StoryQueries.PageSize..], second);
    }
}

public class FirstPageFreshnessTests
{
    static async Task<string[]> TitlesAsync(WartaFactory app, string url) =>
        (await app.ReaderClient().GetPageAsync(url)).QuerySelectorAll("article.card .card-title a").Select(a => a.TextContent).ToArray();

    [Fact]
    public async Task A_first_page_read_before_a_publication_and_an_unpublication_shows_both_on_the_next_read()
    {
        using var app = new WartaFactory();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var older = await api.PublishAsync(NewsroomApi.Story("Ekspor Kopi Melonjak"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await api.PublishAsync(NewsroomApi.Story("Harga Cabai Turun"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["Harga Cabai Turun", "Ekspor Kopi Melonjak"], await TitlesAsync(app, "/kanal/ekonomi"));

        await api.PublishAsync(NewsroomApi.Story("Bandara Kertajati Ramai Lagi"));
        Assert.Equal(["Bandara Kertajati Ramai Lagi", "Harga Cabai Turun", "Ekspor Kopi Melonjak"], await TitlesAsync(app, "/kanal/ekonomi"));

        Assert.Equal("unpublished", (await (await api.DeleteAsync($"/api/admin/articles/{older.Id}?version=1")).ReadAsync<Saved>(200)).Status);
        Assert.Equal(["Bandara Kertajati Ramai Lagi", "Harga Cabai Turun"], await TitlesAsync(app, "/kanal/ekonomi"));
    }
}
