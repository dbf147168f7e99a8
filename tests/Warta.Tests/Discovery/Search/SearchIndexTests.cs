using Warta.Web.Content;
using Warta.Web.Discovery.Search;

namespace Warta.Tests.Discovery.Search;

/// <summary>The index on its own (no database): what the shortcuts taken for speed must not change.</summary>
public sealed class SearchIndexTests : IDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), "warta-search-" + Guid.NewGuid().ToString("N"));
    readonly SearchIndex _index;
    static readonly DateTimeOffset Now = new(2024, 6, 1, 3, 0, 0, TimeSpan.Zero);

    public SearchIndexTests() => _index = new SearchIndex(_path, "test");

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_path, recursive: true);
    }

    static IndexedStory Story(string title, string body, DateTimeOffset at, string summary = "Ringkasan berita.", Guid? id = null) =>
        new(id ?? Guid.NewGuid(), title, summary, body, "", "ekonomi", ArticleKind.News, at);

    void Add(params IndexedStory[] stories) => _index.Apply(stories, [], Now);

    SearchResults Search(string q, SearchFilters? filters = null) => _index.Search(SearchQuery.Parse(q), filters ?? new SearchFilters(), 1, Now);

    static string Filler(int words) => string.Join(' ', Enumerable.Repeat("Paragraf pembuka tentang cuaca di pesisir.", words / 6 + 1));

    [Fact]
    public void A_match_in_the_opening_paragraphs_is_marked_in_the_snippet()
    {
        Add(Story("Berita Pagi", "Nelayan Cilacap menjual tangkapan tuna ke pasar. " + Filler(400), Now.AddDays(-1)));
        var hit = Assert.Single(Search("tuna").Hits);
        Assert.Contains("<mark>tuna</mark>", hit.SnippetHtml);
    }

    [Fact]
    public void A_match_only_past_the_snippet_reach_is_found_and_shows_the_summary()
    {
        var body = Filler(400);
        Assert.True(body.Length > SearchIndex.SnippetReach);
        Add(Story("Berita Siang", body + " Nelayan menjual tangkapan tuna.", Now.AddDays(-1), summary: "Kabar dari pesisir selatan."));
        var hit = Assert.Single(Search("tuna").Hits);
        Assert.Equal("Kabar dari pesisir selatan.", hit.SnippetHtml);
    }

    [Fact]
    public void Publication_times_stay_right_across_segments_and_a_story_republished_with_a_new_time()
    {
        var moved = Guid.NewGuid();
        Add(Story("Harga Tuna Naik", "Tuna mahal.", Now.AddDays(-300), id: moved));
        Add(Story("Harga Tuna Turun", "Tuna murah.", Now.AddDays(-100)));
        Assert.Equal(["Harga <mark>Tuna</mark> Turun", "Harga <mark>Tuna</mark> Naik"], Search("tuna").Hits.Select(h => h.TitleHtml));

        // Replaced in a later segment with a newer time: it now ranks first, and a date range sees its new time only.
        Add(Story("Harga Tuna Naik", "Tuna mahal.", Now.AddDays(-1), id: moved));
        Assert.Equal(["Harga <mark>Tuna</mark> Naik", "Harga <mark>Tuna</mark> Turun"], Search("tuna").Hits.Select(h => h.TitleHtml));
        Assert.Equal([moved], Search("tuna", new SearchFilters(From: Now.AddDays(-2))).Hits.Select(h => h.Id));
        Assert.Empty(Search("tuna", new SearchFilters(Until: Now.AddDays(-200))).Hits);
    }

    [Fact]
    public void A_misspelt_word_suggests_the_most_used_of_the_closest_words_and_a_known_word_suggests_nothing()
    {
        Add(Story("Koperasi Nelayan", "Isi.", Now.AddDays(-3)),
            Story("Koperasi Petani", "Isi.", Now.AddDays(-2)),
            Story("Kopermasi Baru", "Isi.", Now.AddDays(-1)));
        var none = Search("koprasi");
        Assert.Equal(0, none.Total);
        Assert.Equal("koperasi", none.Suggestion);
        Assert.Null(Search("kopermasi nelayan petani").Suggestion);
        Assert.Null(Search("zzzqqq").Suggestion);
    }

    [Fact]
    public void Merging_the_segments_into_one_changes_no_result_order_score_or_highlight()
    {
        // Three batches, three segments; stories of differing relevance, age and repetition of the word.
        for (var batch = 0; batch < 3; batch++)
            Add([.. Enumerable.Range(0, 15).Select(i => Story(
                i % 3 == 0 ? $"Harga Tuna {batch}-{i}" : $"Kabar Pesisir {batch}-{i}",
                string.Join(' ', Enumerable.Repeat("tuna segar", 1 + i % 4)) + " dari Cilacap. " + Filler(20),
                Now.AddDays(-(batch * 15 + i) * 7)))]);
        Assert.True(_index.Segments > 1);
        var queries = new[] { "tuna", "tuna cilacap", "\"tuna segar\"" };
        var before = queries.Select(q => Search(q)).ToList();

        _index.Compact();

        Assert.Equal(1, _index.Segments);
        var after = queries.Select(q => Search(q)).ToList();
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(45, after[i].Total);
            Assert.Equal(before[i].Total, after[i].Total);
            Assert.Equal(before[i].Hits, after[i].Hits);
        }
    }

    [Fact]
    public void A_phrase_is_marked_only_where_its_words_stand_in_order()
    {
        Add(Story("Suku Bunga Acuan", "Bank sentral menahan suku bunga. Bunga mawar dan suku cadang tidak ikut naik.", Now.AddDays(-1)));
        var hit = Assert.Single(Search("\"suku bunga\"").Hits);
        Assert.Equal("<mark>Suku</mark> <mark>Bunga</mark> Acuan", hit.TitleHtml);
        Assert.Equal("Bank sentral menahan <mark>suku</mark> <mark>bunga</mark>. Bunga mawar dan suku cadang tidak ikut naik.", hit.SnippetHtml);
        // As two plain words, every occurrence of each is marked.
        Assert.Equal("Bank sentral menahan <mark>suku</mark> <mark>bunga</mark>. <mark>Bunga</mark> mawar dan <mark>suku</mark> cadang tidak ikut naik.",
            Assert.Single(Search("suku bunga").Hits).SnippetHtml);
    }

    [Fact]
    public void Marks_follow_the_stemming_and_root_words_and_the_text_is_encoded()
    {
        Add(Story("Kerjasama <Dagang> & Investasi", "Warga berinvestasi lewat koperasi; kerja sama \"baru\" dimulai.", Now.AddDays(-1)));
        var hit = Assert.Single(Search("investasi kerja sama").Hits);
        Assert.Equal("<mark>Kerjasama</mark> &lt;Dagang&gt; &amp; <mark>Investasi</mark>", hit.TitleHtml);
        Assert.Equal("Warga <mark>berinvestasi</mark> lewat koperasi; <mark>kerja</mark> <mark>sama</mark> &quot;baru&quot; dimulai.", hit.SnippetHtml);
    }

    [Fact]
    public void A_long_opening_shows_its_two_best_pieces()
    {
        var body = Filler(30) + " Nelayan menjual tuna. " + Filler(60) + " Harga tuna dan cakalang naik. " + Filler(30);
        Add(Story("Berita Laut", body, Now.AddDays(-1)));
        var snippet = Assert.Single(Search("tuna cakalang").Hits).SnippetHtml;
        Assert.Contains("<mark>tuna</mark> dan <mark>cakalang</mark>", snippet);
        Assert.Contains("Nelayan menjual <mark>tuna</mark>", snippet);
        Assert.Contains(" … ", snippet);
        Assert.True(snippet.Length < body.Length / 2);
    }

    [Fact]
    public void With_a_thousand_matches_among_the_newest_stories_those_are_ranked_and_with_fewer_the_whole_index_is()
    {
        // 2,200 stories of the last 110 days name "tuna" in their bodies (News and Opinion by turns, two channels); a
        // year-old story names it in its headline. The window holds the newest 2,100.
        var path = _path + "-window";
        using var windowed = new SearchIndex(path, "test") { WindowStories = 2_100 };
        try
        {
            var old = Story("Tuna Langka di Cilacap", "Nelayan Cilacap pulang tanpa tangkapan.", Now.AddDays(-400));
            var recent = Enumerable.Range(0, 2_200).Select(i => new IndexedStory(Guid.NewGuid(), $"Kabar Pesisir {i}",
                "Ringkasan berita.", "Harga tuna di pelelangan " + (i >= 1_700 ? "Cilacap " : "") + "hari ini.", "",
                i % 2 == 0 ? "ekonomi" : "pasar", i % 2 == 0 ? ArticleKind.News : ArticleKind.Opinion, Now.AddHours(-i - 1))).ToList();
            foreach (var index in new[] { _index, windowed })
            {
                index.Apply([old], [], Now);
                index.Apply(recent, [], Now);
            }
            SearchResults In(SearchIndex index, string q, SearchFilters? filters = null) => index.Search(SearchQuery.Parse(q), filters ?? new SearchFilters(), 1, Now);

            // The whole index ranks the old headline first; the window found a thousand matches and ranks only those.
            Assert.Equal(old.Id, In(_index, "tuna").Hits[0].Id);
            var narrow = In(windowed, "tuna");
            Assert.Equal(SearchIndex.MaxResults, narrow.Total);
            Assert.DoesNotContain(old.Id, narrow.Hits.Select(h => h.Id));
            Assert.Equal(recent[0].Id, narrow.Hits[0].Id);
            // It says where the ranked stories start: the 2,100th newest, published 2,100 hours ago.
            Assert.Equal(Now.AddHours(-2_100), narrow.RankedSince);
            Assert.Null(In(_index, "tuna").RankedSince);

            // Fewer than a thousand matches in the window ("Cilacap" in the oldest 500 of them): the search widens and the old headline leads.
            var wide = In(windowed, "cilacap");
            Assert.Equal(501, wide.Total);
            Assert.Equal(old.Id, wide.Hits[0].Id);
            Assert.Null(wide.RankedSince);
            Assert.Equal(In(_index, "cilacap").Hits, wide.Hits);
            // Found only outside the window; and the old story within its dates.
            Assert.Equal([old.Id], In(windowed, "langka").Hits.Select(h => h.Id));
            Assert.Equal([old.Id], In(windowed, "tuna", new SearchFilters(Until: Now.AddDays(-300))).Hits.Select(h => h.Id));

            // The filters hold inside the window: 1,050 Opinion stories there, a thousand counted, every hit an Opinion in "pasar".
            var kinds = recent.ToDictionary(r => r.Id);
            var opinion = In(windowed, "tuna", new SearchFilters(Channel: "pasar", Kind: ArticleKind.Opinion));
            Assert.Equal(SearchIndex.MaxResults, opinion.Total);
            Assert.All(opinion.Hits, h => Assert.Equal(ArticleKind.Opinion, kinds[h.Id].Kind));
            Assert.Equal(recent[1].Id, opinion.Hits[0].Id);

            // A story replaced within the window (its old document deleted) appears once, with its new headline first.
            var replaced = recent[40] with { Title = "Tuna Sirip Kuning Melimpah" };
            windowed.Apply([replaced], [], Now);
            var again = In(windowed, "tuna");
            Assert.Equal(replaced.Id, again.Hits[0].Id);
            Assert.Single(again.Hits, h => h.Id == replaced.Id);

            // Page 50 of the narrow look is its last, and no story shows twice across the pages.
            var pages = Enumerable.Range(1, SearchIndex.MaxResults / SearchIndex.PageSize)
                .SelectMany(p => windowed.Search(SearchQuery.Parse("tuna"), new SearchFilters(), p, Now).Hits).Select(h => h.Id).ToList();
            Assert.Equal(SearchIndex.MaxResults, pages.Distinct().Count());
        }
        finally
        {
            windowed.Dispose();
            Directory.Delete(path, recursive: true);
        }
    }
}
