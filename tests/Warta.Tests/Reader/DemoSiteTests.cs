using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Tests.Paywall;
using Warta.Web.Newsroom;

namespace Warta.Tests.Reader;

/// <summary>The site as a new user first sees it: demo content seeded on first start.</summary>
public partial class DemoSiteTests(DemoWartaFactory app) : IClassFixture<DemoWartaFactory>
{
    [GeneratedRegex(@"^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} / \d{2}:\d{2} WIB$")]
    private static partial Regex IndonesianDateTime();

    [Fact]
    public async Task The_demo_has_the_promised_content()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.True(await db.Channels.CountAsync() >= 8);
        var articles = await db.Articles.Where(a => a.Status == ArticleStatus.Published).ToListAsync();
        Assert.True(articles.Count >= 80, $"{articles.Count} demo articles");
        Assert.Contains(articles, a => a.Kind == ArticleKind.Opinion);
        Assert.Contains(articles, a => a.Source != null);
        Assert.Contains(articles, a => a.Body.Contains("page-break", StringComparison.Ordinal));
        Assert.All(articles, a => Assert.NotNull(a.ImageId));
        Assert.True(articles.Average(a => Warta.Web.Content.ArticleBody.Text(a.Body).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) > 300);
        Assert.Equal(3, await db.Courses.CountAsync());
        Assert.Equal(2, await db.Promos.CountAsync());
        Assert.True(await db.Instruments.CountAsync(i => i.InTicker) >= 7);
    }

    [Fact]
    public async Task The_banner_selling_the_subscription_is_not_shown_to_a_reader_who_already_subscribes()
    {
        var (reader, id) = await app.ReaderAsync($"spanduk-{Guid.NewGuid():N}@pembaca.test");
        Assert.Contains("Langganan", (await reader.GetPageAsync("/")).Text("#promo-top"));
        await app.SubscribeAsync(id);
        Assert.Null((await reader.GetPageAsync("/")).QuerySelector("#promo-top"));
        Assert.Contains("Langganan", (await app.ReaderClient().GetPageAsync("/")).Text("#promo-top"));
    }

    [Fact]
    public async Task The_home_page_has_lead_story_channel_blocks_terbaru_terpopuler_and_academy()
    {
        var home = await app.ReaderClient().GetPageAsync("/");
        Assert.NotNull(home.QuerySelector(".lead h1 a"));
        Assert.True(home.QuerySelectorAll(".channel-block").Length >= 6);
        Assert.Equal(8, home.QuerySelectorAll("#terbaru + ol li").Length);
        Assert.NotNull(home.QuerySelector("#terpopuler"));
        Assert.Equal(3, home.QuerySelectorAll(".academy .course").Length);
        Assert.Matches(@"^Rp \d{1,3}(\.\d{3})+$", home.Text(".academy .price"));
        Assert.StartsWith("#", home.Text(".academy .hashtags"));
        Assert.Contains("Langganan", home.Text("#promo-top"));
        Assert.Equal("INDIKATOR", home.Text(".ticker-label"));
        var fund = home.QuerySelector(".tick[data-live-symbol='RD.SAHAM']")!;
        Assert.Null(fund.QuerySelector(".tick-value"));
        Assert.Matches(@"^[▲▼■] \d+,\d{2}%$", fund.QuerySelector(".tick-pct")!.TextContent);
        Assert.Contains(fund.ClassList, c => c is "naik" or "turun" or "datar");
        Assert.Matches(@"^\d{1}\.\d{3}\.\d{3}$", home.QuerySelector(".tick[data-live-symbol='EMAS'] .tick-value")!.TextContent);
    }

    [Fact]
    public async Task An_article_page_shows_every_element_in_order()
    {
        using var scope = app.Services.CreateScope();
        var story = await app.Db(scope).Articles.Where(a => a.Source == null && a.Kind == ArticleKind.News && a.Reporters.Count > 0 && !a.Body.Contains("page-break"))
            .OrderByDescending(a => a.PublishedAt).FirstAsync();
        var page = await app.ReaderClient().GetPageAsync(StoryLinks.UrlOf(story.Slug));

        var order = new[] { "#promo-top", ".site-header", ".ticker", "article.story .kicker", "article.story h1", ".dates time", "figure.lead-photo img", "figcaption .credit", "p.credits", ".body", "nav.tags", "#terbaru", "#terpopuler", ".academy", "#promo-popup" }
            .Select(s => page.QuerySelector(s) ?? throw new Xunit.Sdk.XunitException($"missing {s}")).ToList();
        for (var i = 1; i < order.Count; i++)
            Assert.True(order[i - 1].CompareDocumentPosition(order[i]).HasFlag(DocumentPositions.Following) || order[i - 1].Contains(order[i]),
                $"element {i - 1} should come before element {i}");

        Assert.Equal(story.Title, page.Text("article.story h1"));
        Assert.Matches(IndonesianDateTime(), page.Text(".dates time"));
        Assert.Matches(@"^Reporter: .+ \| Editor: .+$", page.Text("p.credits"));
        Assert.Matches(@"^WARTA/", page.Text("figcaption .credit"));
        var body = page.QuerySelector(".body")!;
        Assert.StartsWith($"WARTA.CO.ID - {story.Dateline}.", body.QuerySelector("p")!.TextContent);
        var blocks = body.Children.ToList();
        var links = blocks.Select((b, i) => (b, i)).Where(x => x.b.ClassList.Contains("baca-juga")).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l =>
        {
            Assert.StartsWith("Baca Juga: ", l.b.TextContent);
            Assert.InRange(l.i, 1, blocks.Count - 2);
            Assert.NotEqual(StoryLinks.UrlOf(story.Slug), l.b.QuerySelector("a")!.GetAttribute("href"));
        });
        for (var i = 1; i < links.Count; i++) Assert.True(links[i].i - links[i - 1].i > 1, "two Baca Juga links are adjacent");
    }

    [Fact]
    public async Task Agency_copy_credits_the_source_and_opinion_shows_the_columnist_and_role()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var agency = await db.Articles.Include(a => a.Editor).Include(a => a.Reporters).ThenInclude(r => r.Person)
            .FirstAsync(a => a.Source != null && a.EditorId != null && !a.Reporters.Any());
        var page = await app.ReaderClient().GetPageAsync(StoryLinks.UrlOf(agency.Slug));
        Assert.Equal($"Sumber: {agency.Source} | Editor: {agency.Editor!.Name}", page.Text("p.credits"));

        var opinion = await db.Articles.Include(a => a.Columnist).FirstAsync(a => a.Kind == ArticleKind.Opinion);
        page = await app.ReaderClient().GetPageAsync(StoryLinks.UrlOf(opinion.Slug));
        Assert.Equal($"{opinion.Columnist!.Name} | {opinion.Columnist.Role}", page.Text(".byline"));
    }

    [Fact]
    public async Task Every_demo_photo_has_a_caption_and_the_photo_picker_finds_it_by_a_word_of_it()
    {
        var (media, port) = await app.InDbAsync(async db => (await db.Media.ToListAsync(), await db.Media.FirstAsync(m => m.FileName.StartsWith("port"))));
        Assert.All(media, m => Assert.False(string.IsNullOrWhiteSpace(m.Caption), m.FileName));
        Assert.All(media, m => Assert.False(string.IsNullOrWhiteSpace(m.Alt), m.FileName));

        var editor = await app.StaffAsync(Warta.Web.Accounts.Staff.StaffRoles.Editor);
        var word = port.Caption!.Split(' ').Where(w => w.Length > 6).First().Trim(',', '.');
        async Task<System.Text.Json.JsonElement> SearchAsync(string q)
        {
            var search = new HttpRequestMessage(HttpMethod.Get, "/redaksi/api/media?q=" + Uri.EscapeDataString(q));
            search.Headers.Add("RequestVerificationToken", editor.Token);
            return await (await editor.Http.SendAsync(search)).ReadAsync<System.Text.Json.JsonElement>(200);
        }
        Assert.Contains((await SearchAsync(word.ToUpperInvariant())).EnumerateArray(), m => m.GetProperty("caption").GetString() == port.Caption);
        Assert.Contains((await SearchAsync("pelabuhan")).EnumerateArray(), m => m.GetProperty("id").GetGuid() == port.Id);
    }

    [Fact]
    public async Task The_demo_markets_stand_where_the_demo_stories_say()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var bars = await db.DailyBars.Join(db.Instruments, b => b.InstrumentId, i => i.Id, (b, i) => new { i.Symbol, b.Day, b.Close }).ToListAsync();
        decimal Latest(string symbol) => bars.Where(b => b.Symbol == symbol).MaxBy(b => b.Day)!.Close;
        decimal LastOfPreviousYear(string symbol) => bars.Where(b => b.Symbol == symbol && b.Day.Year < bars.Max(x => x.Day).Year).MaxBy(b => b.Day)!.Close;

        // "Rupiah dibuka melemah ke Rp16.310", closes of Rp16.285 and Rp16.640 in the last weeks' stories.
        Assert.Equal(16_310m, Latest("USD/IDR"));
        Assert.All(bars.Where(b => b.Symbol == "USD/IDR").OrderByDescending(b => b.Day).Take(10), b => Assert.InRange(b.Close, 16_000m, 16_700m));
        Assert.Equal(7_214.35m, Latest("IHSG"));         // "IHSG ditutup menguat ... ke 7.214,35"
        Assert.Equal(872.40m, Latest("LQ45"));           // "LQ45 ... ke level 872,4"
        Assert.Equal(1_522_000m, Latest("EMAS"));        // "Rp1.522.000 per gram"
        // Year to date: IHSG "terkoreksi sekitar 0,8 persen", equity funds −3,2 %, fixed-income funds +4,6 %.
        Assert.Equal(-0.8m, Math.Round((Latest("IHSG") / LastOfPreviousYear("IHSG") - 1) * 100, 1));
        Assert.Equal(-3.2m, Math.Round((Latest("RD.SAHAM") / LastOfPreviousYear("RD.SAHAM") - 1) * 100, 1));
        Assert.Equal(4.6m, Math.Round((Latest("RD.PENDAPATAN.TETAP") / LastOfPreviousYear("RD.PENDAPATAN.TETAP") - 1) * 100, 1));
    }

    [Fact]
    public async Task A_long_story_is_split_into_pages()
    {
        using var scope = app.Services.CreateScope();
        var story = await app.Db(scope).Articles.FirstAsync(a => a.Body.Contains("page-break"));
        var reader = app.ReaderClient();
        var first = await reader.GetPageAsync(StoryLinks.UrlOf(story.Slug));
        Assert.Equal("Halaman 1 2 3", Regex.Replace(first.Text("nav.pager"), @"\s+", " "));
        var second = await reader.GetPageAsync(StoryLinks.UrlOf(story.Slug) + "?halaman=2");
        Assert.Null(second.QuerySelector(".dateline"));
        Assert.NotEqual(first.Text(".body"), second.Text(".body"));
        await reader.GetPageAsync(StoryLinks.UrlOf(story.Slug) + "?halaman=4", 404);
    }

    [Fact]
    public async Task Channel_tag_and_author_pages_list_and_page_through_stories()
    {
        var reader = app.ReaderClient();
        var channel = await reader.GetPageAsync("/kanal/investasi");
        Assert.Equal("Investasi", channel.Text("h1"));
        Assert.NotEmpty(channel.QuerySelectorAll(".card"));
        Assert.Contains("on", channel.QuerySelector(".channels a[href='/kanal/investasi']")!.ClassList);

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var busiest = await db.Tags.Select(t => new { t.Slug, Count = db.ArticleTags.Count(x => x.TagId == t.Id) }).OrderByDescending(t => t.Count).FirstAsync();
        var tag = await reader.GetPageAsync("/tag/" + busiest.Slug);
        Assert.Equal(Math.Min(20, busiest.Count), tag.QuerySelectorAll(".card").Length);

        var reporter = await db.ArticleReporters.Select(r => r.Person.Slug).FirstAsync();
        var author = await reader.GetPageAsync("/penulis/" + reporter);
        Assert.NotEmpty(author.QuerySelectorAll(".card"));

        await reader.GetPageAsync("/kanal/tidak-ada", 404);
        await reader.GetPageAsync("/tag/tidak-ada", 404);
        await reader.GetPageAsync("/penulis/tidak-ada", 404);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_stay_light()
    {
        var response = await app.ReaderClient().GetAsync("/");
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=", html);
    }

    [Fact]
    public async Task Reads_are_counted_without_bots_and_fill_terpopuler()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var stories = await db.Articles.OrderBy(a => a.PublishedAt).Select(a => new { a.Id, a.Slug, a.Title }).Take(2).ToListAsync();
        async Task<long> ViewsAsync(Guid id) => await db.ArticleViews.AsNoTracking().Where(v => v.ArticleId == id).SumAsync(v => v.Views);
        var before = (await ViewsAsync(stories[0].Id), await ViewsAsync(stories[1].Id));

        var phone = app.ReaderClient();
        var bot = app.CreateClient();
        bot.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        for (var i = 0; i < 5; i++) await phone.GetAsync(StoryLinks.UrlOf(stories[0].Slug));
        for (var i = 0; i < 3; i++) await phone.GetAsync(StoryLinks.UrlOf(stories[1].Slug));
        for (var i = 0; i < 20; i++) await bot.GetAsync(StoryLinks.UrlOf(stories[1].Slug));
        await phone.GetAsync(StoryLinks.UrlOf(stories[1].Slug) + "?halaman=2");
        await app.FlushViewsAsync();

        // One reader counts once per story per window, however often they reload.
        Assert.Equal(before.Item1 + 1, await ViewsAsync(stories[0].Id));
        Assert.Equal(before.Item2 + 1, await ViewsAsync(stories[1].Id));

        // Make these two the most read of the day, by a clear margin, through the same counter the reads go through.
        var since = app.Clock.GetUtcNow().AddHours(-24);
        var top = await db.ArticleViews.Where(v => v.Hour >= since).GroupBy(v => v.ArticleId).Select(g => g.Sum(v => v.Views)).OrderDescending().FirstAsync();
        var counter = app.Services.GetRequiredService<Warta.Web.Reader.ViewCounter>();
        const string phoneAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1";
        // Distinct readers (a reader counts once per story per window).
        for (var i = 0; i < top + 200; i++) counter.Record(stories[0].Slug, phoneAgent, $"10.1.{i / 250}.{i % 250}");
        for (var i = 0; i < top + 100; i++) counter.Record(stories[1].Slug, phoneAgent, $"10.2.{i / 250}.{i % 250}");
        await app.FlushViewsAsync();

        // The lists are cached for a minute; any change to what lists show refreshes them at once.
        await app.Services.GetRequiredService<Warta.Web.Shared.PageCache>().EvictAsync(Warta.Web.Shared.CacheTags.Lists);
        var home = await app.ReaderClient().GetPageAsync("/");
        var popular = home.QuerySelectorAll("#terpopuler ~ ol.popular a").Select(a => a.TextContent).ToList();
        Assert.Equal(stories[0].Title, popular[0]);
        Assert.Equal(stories[1].Title, popular[1]);
    }

    [Fact]
    public async Task Unknown_pages_get_the_friendly_404()
    {
        var page = await app.ReaderClient().GetPageAsync("/berita/tidak-pernah-ada", 404);
        Assert.Equal("Halaman tidak ditemukan", page.Text(".error-page h1"));
        Assert.NotNull(page.QuerySelector(".ticker"));
        var api = await app.CreateClient().GetAsync("/api/admin/tidak-ada");
        // No endpoint matches, so nothing asks for a key: the API's own 404, as ProblemDetails.
        await api.ProblemAsync(404);
    }
}
