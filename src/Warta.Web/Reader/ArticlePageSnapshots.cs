using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

/// <summary>An editor's Baca Juga pick that is published, with its publication time (a pick scheduled ahead waits for it).</summary>
public sealed record PickedStory(Guid Id, BacaJugaLink Link, DateTimeOffset PublishedAt);

/// <summary>
/// What an article page shows that is the same for every reader: the story with its channel, people and tags, its credit
/// line, corrections, the editor's Baca Juga picks, its structured data, and its body rendered page by page (dateline,
/// inline photos in their sizes, a premium story's paid part marked), with a premium story's free part rendered apart as
/// the cut. A request only decides the paywall, picks the whole pages or the cut, and places this page's Baca Juga links.
/// </summary>
/// <remarks>Shared by every request that reads it: nothing here is ever changed once made, except the pages with links it remembers.</remarks>
public sealed class ArticleSnapshot
{
    readonly ConcurrentDictionary<(bool Cut, int Page), (IReadOnlyList<BacaJugaLink> Links, string Html)> _placed = new();

    public required Article Article { get; init; }
    public required IReadOnlyList<Tag> Tags { get; init; }
    public required string CreditLine { get; init; }
    public required IReadOnlyList<ArticleCorrection> Corrections { get; init; }
    /// <summary>The whole story, page by page; a premium story's paid part carries <see cref="ArticleBody.PaidPartClass"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<BodyBlock>> Pages { get; init; }
    /// <summary>A premium story's free paragraphs as one page, built apart from <see cref="Pages"/> (never from a full page); null for a free story.</summary>
    public required IReadOnlyList<BodyBlock>? Cut { get; init; }
    public required IReadOnlyList<PickedStory> Picks { get; init; }
    /// <summary>The public summary (<see cref="PublicText.Of"/>): description, social cards, structured data.</summary>
    public required string Summary { get; init; }
    public required string JsonLd { get; init; }
    public required string BreadcrumbJsonLd { get; init; }

    /// <summary>
    /// The HTML of page <paramref name="page"/> of the whole story, or of the cut, with <paramref name="links"/> placed. The
    /// last one made of each is remembered: the links change only when the related stories or the picks do.
    /// </summary>
    public string BodyHtml(bool cut, int page, IReadOnlyList<BacaJugaLink> links)
    {
        var key = (cut, cut ? 1 : page);
        if (_placed.TryGetValue(key, out var placed) && placed.Links.SequenceEqual(links)) return placed.Html;
        var html = cut
            ? ArticleBody.PlaceLinks(Cut ?? throw new InvalidOperationException("Only a premium story is cut."), 1, 1, links)
            : ArticleBody.PlaceLinks(Pages[page - 1], page, Pages.Count, links);
        _placed[key] = (links, html);
        return html;
    }

    /// <summary>The generations of the story lists and of this story that the snapshot was made under.</summary>
    internal (Guid Lists, Guid Story) MadeUnder { get; set; }

    /// <summary>About how many bytes the snapshot holds (strings are two bytes a character; each page is kept twice, with links placed).</summary>
    internal long Size => 2L * (Article.Body.Length + Summary.Length + JsonLd.Length + BreadcrumbJsonLd.Length + CreditLine.Length
        + 2 * Pages.Sum(p => p.Sum(b => b.Html.Length)) + 2 * (Cut?.Sum(b => b.Html.Length) ?? 0)) + 4096;
}

/// <summary>
/// Article pages' snapshots, made on a story's first read and kept in this node's memory until the story or the story
/// lists change. An uncached article page then costs no database statement and no HTML parsing.
/// </summary>
/// <remarks>
/// A snapshot depends on two kinds of change: the story's own (an edit, a correction, an unpublish: its writer evicts the
/// story's tag) and the labels and other stories it shows (a renamed channel, tag or person, a pick unpublished: the
/// story lists' tag). <see cref="CachedReads"/> hands out a fresh generation id for each tag after each such change, on
/// every node; a snapshot remembers the ids it was made under and is made anew when either differs. The ids are taken
/// before the database is read, so a snapshot read before a change and finished after it is never used again.
/// The snapshots sit in a memory cache of their own with a size limit, so a crawl through a hundred thousand stories
/// drops the least used instead of filling the node's memory.
/// </remarks>
public sealed class ArticleSnapshots(CachedReads reads, SiteOptions site, PublicText publicText) : IDisposable
{
    /// <summary>At most this many bytes of snapshots are kept per node.</summary>
    public const long MemoryLimit = 64L * 1024 * 1024;
    /// <summary>A snapshot is made anew at least this often, whatever happens.</summary>
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MemoryLimit });

    /// <summary>The published story at <paramref name="slug"/> (its publication time may still be ahead), or null.</summary>
    public async Task<ArticleSnapshot?> PublishedAsync(IServiceProvider services, string slug, CancellationToken ct)
    {
        var lists = await GenerationAsync(CacheTags.Lists);
        if (_kept.TryGetValue(slug, out ArticleSnapshot? kept) && kept!.MadeUnder.Lists == lists
            && kept.MadeUnder.Story == await GenerationAsync(CacheTags.Article(kept.Article.Id)))
            return kept;

        // The database only when the story is not kept (or is out of date).
        var db = services.GetRequiredService<WartaDb>();
        var published = db.Articles.AsNoTracking().Where(a => a.Slug == slug && a.Status == ArticleStatus.Published);
        if (await published.Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) is not { } id) return null;
        var story = await GenerationAsync(CacheTags.Article(id));
        if (await MakeAsync(db, published.Where(a => a.Id == id), ct) is not { } made) return null;
        made.MadeUnder = (lists, story);
        _kept.Set(slug, made, new MemoryCacheEntryOptions { Size = made.Size, AbsoluteExpirationRelativeToNow = Lifetime });
        return made;
    }

    /// <summary>A snapshot of the one story <paramref name="source"/> finds, made now and not kept (previews and gift links).</summary>
    public async Task<ArticleSnapshot?> MakeAsync(WartaDb db, IQueryable<Article> source, CancellationToken ct)
    {
        // One statement: a story has a handful of tags and people, so their join stays small.
        var article = await source.AsNoTracking().AsSingleQuery()
            .Include(a => a.Channel).Include(a => a.Editor).Include(a => a.Columnist).Include(a => a.Image)
            .Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Reporters).ThenInclude(r => r.Person)
            .SingleOrDefaultAsync(ct);
        if (article is null) return null;

        var corrections = await db.ArticleCorrections.AsNoTracking().Where(c => c.ArticleId == article.Id).OrderBy(c => c.At).ToListAsync(ct);
        // Picks first, then their stories by key: starting from the few picks keeps this cheap however many stories there are.
        var pickIds = await db.ArticleRelated.AsNoTracking().Where(r => r.ArticleId == article.Id).OrderBy(r => r.Order).Select(r => r.RelatedId).ToListAsync(ct);
        var picked = pickIds.Count == 0
            ? []
            : await db.Articles.AsNoTracking().Where(a => pickIds.Contains(a.Id) && a.Status == ArticleStatus.Published && a.PublishedAt != null)
                .Select(a => new { a.Id, a.Title, a.Slug, PublishedAt = a.PublishedAt!.Value }).ToDictionaryAsync(a => a.Id, ct);
        var picks = pickIds.Where(id => id != article.Id && picked.ContainsKey(id)).Select(id => picked[id])
            .Select(p => new PickedStory(p.Id, new BacaJugaLink(p.Title, StoryLinks.UrlOf(p.Slug)), p.PublishedAt)).ToList();

        // The cut is parsed apart from the whole story, so nothing done to the paid pages (marks, links) can reach it.
        var pages = ArticleBody.SplitPages(article.Body);
        var cut = article.Premium ? publicText.Cut(ArticleBody.SplitPages(article.Body)) : null;
        var paidFrom = Enumerable.Range(1, pages.Count).Select(page => article.Premium ? publicText.PaidFrom(pages, page) : (int?)null).ToList();
        await UpgradeInlinePhotosAsync(db, cut is null ? pages : [.. pages, .. cut], ct);

        var tags = article.Tags.OrderBy(t => t.Order).Select(t => t.Tag).ToList();
        var summary = publicText.Of(article).Summary;
        return new ArticleSnapshot
        {
            Article = article,
            Tags = tags,
            CreditLine = ArticleModel.Credits(article),
            Corrections = corrections,
            Pages = pages.Select((_, i) => ArticleBody.Prepare(pages, i + 1, site.Name, article.Dateline, paidFrom[i])).ToList(),
            Cut = cut is null ? null : ArticleBody.Prepare(cut, 1, site.Name, article.Dateline),
            Picks = picks,
            Summary = summary,
            JsonLd = article.PublishedAt is null ? "" : StructuredData.Json(StructuredData.Article(site, article, article.SeoTitle ?? article.Title, summary, tags)),
            BreadcrumbJsonLd = StructuredData.Json(StructuredData.Breadcrumbs(site,
                (StructuredData.HomeCrumb, ReaderRoutes.Home), (article.Channel.Name, ChannelLinks.UrlOf(article.Channel.Slug)), (article.Title, StoryLinks.UrlOf(article.Slug)))),
        };
    }

    /// <summary>Inline photos from the media library get the same WebP/JPEG sizes as the lead photo.</summary>
    static async Task UpgradeInlinePhotosAsync(WartaDb db, List<List<AngleSharp.Dom.INode>> pages, CancellationToken ct)
    {
        var ids = ResponsiveImage.InlineMediaIds(pages);
        if (ids.Count == 0) return;
        var sizes = await db.Media.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => (m.Width, m.Height), ct);
        foreach (var page in pages) ResponsiveImage.UpgradeInline(page, sizes);
    }

    /// <summary>An id that stays the same until <paramref name="tag"/>'s data next changes (on any node), or the read expires.</summary>
    Task<Guid> GenerationAsync(string tag) =>
        reads.GetOrReadAsync(tag, "article-snapshot", Lifetime, _ => Task.FromResult(Guid.NewGuid()));

    public void Dispose() => _kept.Dispose();
}
