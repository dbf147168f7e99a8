using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Search;

/// <summary>
/// The search page. The index holds only stories' public text, so the page is the same for every reader and every
/// audience may share a copy; a copy lives briefly because the index on this node may take in a story a moment after the
/// save that evicted the lists.
/// </summary>
[CachedPage("q", "kanal", "jenis", "dari", "sampai", "halaman", Seconds = 10,
    Audiences = [Audience.Anonymous, Audience.Metered, Audience.Reader, Audience.Entitled])]
public sealed class SearchPageModel(SearchIndex index, InstrumentLookup instruments, StoryQueries queries, WartaDb db) : SitePage
{
    public static readonly IReadOnlyList<(string Key, string Label, ArticleKind Kind)> Kinds =
        [("berita", "Berita", ArticleKind.News), ("opini", "Opini", ArticleKind.Opinion)];

    public SearchQuery Query { get; private set; } = SearchQuery.Parse(null);
    public string? Channel { get; private set; }
    public string? Kind { get; private set; }
    public string? From { get; private set; }
    public string? Until { get; private set; }
    public IReadOnlyList<ChannelLink> Channels { get; private set; } = [];
    public IReadOnlyList<InstrumentMatch> Instruments { get; private set; } = [];
    public SearchResults Results { get; private set; } = SearchResults.None;
    public IReadOnlyList<(ArticleCard Card, SearchHit Hit)> Items { get; private set; } = [];

    protected override bool Indexable => false;

    public async Task<IActionResult> OnGetAsync(string? q, string? kanal, string? jenis, string? dari, string? sampai, string? halaman)
    {
        Query = SearchQuery.Parse(q);
        Channels = await queries.ChannelsAsync();
        Channel = Channels.Any(c => c.Slug == kanal) ? kanal : null;
        var kind = Kinds.FirstOrDefault(k => k.Key == jenis);
        Kind = kind.Key;
        var from = Day(dari);
        var until = Day(sampai);
        From = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Until = until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        PageTitle = Query.Text.Length == 0 ? "Cari" : "Cari: " + Query.Text;
        Description = "Cari berita dan opini.";
        if (Query.IsEmpty) return Page();

        Instruments = await instruments.MatchAsync(Query);
        var filters = new SearchFilters(Channel, Kind is null ? null : kind.Kind,
            from is { } f ? Indonesian.FromWib(f.ToDateTime(TimeOnly.MinValue)) : null,
            until is { } u ? Indonesian.FromWib(u.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1) : null);
        Results = index.Search(Query, filters, PageNumber(halaman), queries.Now);
        var ids = Results.Hits.Select(h => h.Id).ToList();
        // Cards come from the database through the readers' own filter: a story unpublished a moment ago is gone at once.
        // The ids lead and the filter is a check on each: SQLite without table statistics would otherwise walk every
        // published story on (Status, PublishedAt) to find these twenty.
        var visible = StoryQueries.Visible(db, queries.Now);
        var cards = (await StoryQueries.Cards(db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id) && visible.Any(v => v.Id == a.Id))).ToListAsync())
            .ToDictionary(c => c.Id);
        Items = Results.Hits.Where(h => cards.ContainsKey(h.Id)).Select(h => (cards[h.Id], h)).ToList();
        return Page();
    }

    static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>This search's address (its first page of results; the pager adds <c>halaman</c>).</summary>
    public string Address()
    {
        var query = new List<string> { "q=" + Uri.EscapeDataString(Query.Text) };
        if (Channel is not null) query.Add("kanal=" + Uri.EscapeDataString(Channel));
        if (Kind is not null) query.Add("jenis=" + Kind);
        if (From is not null) query.Add("dari=" + From);
        if (Until is not null) query.Add("sampai=" + Until);
        return SearchRoutes.Search + "?" + string.Join('&', query);
    }
}
