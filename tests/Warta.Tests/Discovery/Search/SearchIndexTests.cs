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
}
