using AngleSharp.Html.Dom;
using Warta.Tests.Infrastructure;
using Warta.Web.Discovery.Search;

namespace Warta.Tests.Discovery.Search;

/// <summary>
/// The search page over a fixed corpus. It runs on SQLite and, under WARTA_TEST_DB=postgres, on PostgreSQL: the exact
/// orders asserted here are the parity check between the two.
/// </summary>
public class SearchPageTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    async Task<IHtmlDocument> SearchAsync(string query) => await corpus.ReaderClient().GetPageAsync(query);

    static string Url(string q) => SearchRoutes.UrlFor(q);

    List<string> Results(IHtmlDocument page) =>
        page.QuerySelectorAll(".search-result h2 a").Select(a => corpus.Stories.Single(s => s.Value.Url == a.GetAttribute("href")).Key).ToList();

    [Fact]
    public async Task Kerja_sama_written_apart_together_or_as_bekerja_sama_finds_both_stories_the_headline_match_first()
    {
        foreach (var q in new[] { "kerja sama", "kerjasama", "bekerja sama", "\"kerja sama\"" })
            Assert.Equal(["headline", "body"], Results(await SearchAsync(Url(q))));
    }

    [Fact]
    public async Task Of_two_equal_stories_the_recent_one_ranks_first()
    {
        Assert.Equal(["new", "old"], Results(await SearchAsync(Url("emas antam"))));
    }

    [Fact]
    public async Task Investasi_finds_berinvestasi_and_not_the_investor_story()
    {
        Assert.Equal(["investing"], Results(await SearchAsync(Url("investasi"))));
        Assert.Equal(["investor"], Results(await SearchAsync(Url("investor"))));
    }

    [Fact]
    public async Task A_quoted_phrase_matches_only_the_words_in_that_order()
    {
        Assert.Equal(["opinion", "phrase"], Results(await SearchAsync(Url("suku bunga"))));
        Assert.Equal(["opinion"], Results(await SearchAsync(Url("\"suku bunga\""))));
    }

    [Fact]
    public async Task Filters_by_channel_kind_and_date_range()
    {
        Assert.Equal(["opinion"], Results(await SearchAsync(Url("bunga") + "&jenis=opini")));
        Assert.Equal(["phrase"], Results(await SearchAsync(Url("bunga") + "&jenis=berita")));
        Assert.Equal(["ticker"], Results(await SearchAsync(Url("saham") + "&kanal=pasar")));
        // 2023-05-05 03:23 UTC is 10:23 WIB; the old Antam story is from 26 March, the new one from 3 May.
        Assert.Equal(["new"], Results(await SearchAsync(Url("emas") + "&dari=2023-05-01")));
        Assert.Equal(["old"], Results(await SearchAsync(Url("emas") + "&sampai=2023-04-30")));
        Assert.Equal(["new"], Results(await SearchAsync(Url("emas") + "&dari=2023-05-03&sampai=2023-05-03")));
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_and_encode_the_stories_text()
    {
        var page = await SearchAsync(Url("rupiah"));
        var result = Assert.Single(page.QuerySelectorAll(".search-result"));
        Assert.Equal("Rupiah", result.QuerySelector(".snippet mark")!.TextContent);
        Assert.Equal("Kurs <b>Rupiah</b> & \"Dolar\" Hari Ini", result.QuerySelector("h2 a")!.TextContent);
        Assert.Equal(["Rupiah"], result.QuerySelectorAll("h2 mark").Select(m => m.TextContent));
        Assert.Null(result.QuerySelector("h2 b"));
    }

    [Fact]
    public async Task Results_page_twenty_at_a_time()
    {
        var first = await SearchAsync(Url("koperasi nelayan"));
        Assert.Equal("25 hasil", first.Text(".search-count"));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => "paged" + i), Results(first));
        Assert.Equal(Url("koperasi nelayan") + "&halaman=2", first.QuerySelector(".pager a")!.GetAttribute("href"));
        var second = await SearchAsync(Url("koperasi nelayan") + "&halaman=2");
        Assert.Equal(Enumerable.Range(21, 5).Select(i => "paged" + i), Results(second));
    }

    [Fact]
    public async Task A_ticker_shows_its_instrument_page_above_the_stories()
    {
        var page = await SearchAsync(Url("bbca"));
        var box = page.QuerySelector(".search-instrument a")!;
        Assert.Equal("/indikator/bbca", box.GetAttribute("href"));
        Assert.Equal(["ticker"], Results(page));
        Assert.Equal(200, (int)(await corpus.ReaderClient().GetAsync(box.GetAttribute("href"))).StatusCode);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_suggests_a_close_spelling()
    {
        var page = await SearchAsync(Url("koprasi"));
        Assert.Empty(Results(page));
        Assert.Equal("koperasi", page.Text(".search-suggestion a"));
    }

    [Fact]
    public async Task The_paid_part_of_a_premium_story_never_reaches_the_results()
    {
        var response = await corpus.ReaderClient().GetAsync(Url("dividen"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(corpus.Stories["premium"].Url, html);
        Assert.DoesNotContain(SearchCorpus.PaidMarker, html);
        Assert.Empty(Results(await SearchAsync(Url(SearchCorpus.PaidMarker))));
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "\"", "\"kerja sama", "kerja\" sama\"\"", "AND OR NOT * ?", "* ?", "((((", "kerja AND", "NOT", "\u0000\u0001kerja\u001f",
        "\ud800", "kerja\u202esama", "title:kerja", "kerja~2", "[a TO z]", "<script>alert(1)</script>", "%", "",
        new string('a', 10_000), string.Join(' ', Enumerable.Repeat("kerja", 5_000)), string.Concat(Enumerable.Repeat("\"", 10_000)),
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task A_hostile_query_gets_a_normal_page(string query)
    {
        var response = await corpus.ReaderClient().GetAsync(Url(query));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("<h1 class=\"page-title\">Cari</h1>", html);
        Assert.DoesNotContain("<script>alert", html);
    }
}
