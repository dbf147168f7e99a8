using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Content;

public sealed record ArticleCard(
    Guid Id, string Title, string Slug, string ChannelName, string ChannelSlug, string? Summary, Guid? ImageId,
    DateTimeOffset PublishedAt, bool Premium, ArticleKind Kind, string? ColumnistName, int ImageWidth = 0, int ImageHeight = 0)
{
    public string Url => StoryLinks.UrlOf(Slug);
}

public sealed record ChannelLink(string Slug, string Name, int Id);

public sealed record PagedCards(IReadOnlyList<ArticleCard> Items, int Page, int PageCount);

/// <summary>What reader pages list. The lists shown on every page are kept in memory and dropped on any change.</summary>
public sealed class StoryQueries(CachedReads reads, TimeProvider clock)
{
    public const int PageSize = 20;

    public static IQueryable<Article> Visible(WartaDb db, DateTimeOffset now) =>
        db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);

    public static IQueryable<ArticleCard> Cards(IQueryable<Article> articles) =>
        articles.Select(a => new ArticleCard(a.Id, a.Title, a.Slug, a.Channel.Name, a.Channel.Slug, a.Summary, a.ImageId,
            a.PublishedAt!.Value, a.Premium, a.Kind, a.Columnist != null ? a.Columnist.Name : null,
            a.Image != null ? a.Image.Width : 0, a.Image != null ? a.Image.Height : 0));

    Task<T> Cached<T>(string key, TimeSpan lifetime, Func<WartaDb, DateTimeOffset, Task<T>> read) =>
        reads.GetOrReadAsync(CacheTags.Lists, key, lifetime, services => read(services.GetRequiredService<WartaDb>(), clock.GetUtcNow()));

    public Task<List<ChannelLink>> ChannelsAsync() =>
        Cached("channels", TimeSpan.FromMinutes(5), (db, _) =>
            db.Channels.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).Select(c => new ChannelLink(c.Slug, c.Name, c.Id)).ToListAsync());

    /// <summary>Terbaru.</summary>
    public Task<List<ArticleCard>> LatestAsync() =>
        Cached("latest", TimeSpan.FromSeconds(30), (db, now) =>
            Cards(Visible(db, now).OrderByDescending(a => a.PublishedAt).Take(12)).ToListAsync());

    /// <summary>Terpopuler: most read over the last <paramref name="hours"/> hours.</summary>
    public Task<List<ArticleCard>> PopularAsync(int hours) =>
        Cached("popular:" + hours, TimeSpan.FromSeconds(60), async (db, now) =>
        {
            var since = now.AddHours(-hours);
            var top = await db.ArticleViews.AsNoTracking().Where(v => v.Hour >= since)
                .GroupBy(v => v.ArticleId).Select(g => new { Id = g.Key, Views = g.Sum(v => v.Views) })
                .OrderByDescending(x => x.Views).Take(20).ToListAsync();
            var ids = top.Select(t => t.Id).ToList();
            var cards = await Cards(Visible(db, now).Where(a => ids.Contains(a.Id))).ToListAsync();
            return cards.OrderBy(c => ids.IndexOf(c.Id)).Take(5).ToList();
        });

    public Task<List<ArticleCard>> HomeAsync() =>
        Cached("home", TimeSpan.FromSeconds(30), (db, now) =>
            Cards(Visible(db, now).OrderByDescending(a => a.PublishedAt).Take(60)).ToListAsync());

    /// <summary>How many of the latest stories automatic Baca Juga choices are drawn from.</summary>
    public const int RelatedPoolSize = 1000;

    /// <summary>The latest stories with their tags, the pool for automatic Baca Juga; rebuilt after any change.</summary>
    public Task<List<RelatedCandidate>> RelatedPoolAsync() =>
        Cached("related-pool", TimeSpan.FromMinutes(10), async (db, now) =>
        {
            var recent = Visible(db, now).OrderByDescending(a => a.PublishedAt).Take(RelatedPoolSize);
            var stories = await recent.Select(a => new { a.Id, a.Title, a.Slug, a.ChannelId, a.PublishedAt }).ToListAsync();
            var tags = (await recent.Join(db.ArticleTags, a => a.Id, t => t.ArticleId, (a, t) => new { a.Id, t.TagId }).ToListAsync())
                .ToLookup(t => t.Id, t => t.TagId);
            return stories.Select(a => new RelatedCandidate(a.Id, a.Title, a.ChannelId, tags[a.Id].ToList(), a.PublishedAt!.Value, a.Slug)).ToList();
        });

    /// <summary>
    /// One page of a list, newest first. The total (for the page links) is counted once per content change and kept:
    /// counting a large tag or author costs far more than reading the twenty stories shown. The first page, the one
    /// nearly every reader of a channel, tag or author opens, is kept like the home page's list (for as long, and dropped
    /// on any change); deeper pages are read each time, so a crawl through them does not fill the memory.
    /// </summary>
    public async Task<PagedCards> PageAsync(string listKey, IQueryable<Article> query, int page)
    {
        // The reads run on the caller's query: the caller's context is busy with them until they are done, whoever else waits on them.
        var total = await Cached("count:" + listKey, TimeSpan.FromMinutes(10), (_, _) => query.CountAsync());
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = page == 1
            ? await Cached("first:" + listKey, TimeSpan.FromSeconds(30), (_, _) => PageOf(query, 1).ToListAsync())
            : await PageOf(query, page).ToListAsync();
        return new PagedCards(items, page, pageCount);
    }

    // The slug breaks ties: stories published in the same second must not repeat or vanish across a page boundary.
    static IQueryable<ArticleCard> PageOf(IQueryable<Article> query, int page) =>
        Cards(query.OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Slug).Skip((page - 1) * PageSize).Take(PageSize));

    public DateTimeOffset Now => clock.GetUtcNow();
}
