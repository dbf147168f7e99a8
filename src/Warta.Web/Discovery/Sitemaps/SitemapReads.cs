using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Sitemaps;

/// <summary>What the sitemaps list: published stories only (never a scheduled, unpublished or draft one) and the list pages.</summary>
public sealed class SitemapReads(WartaDb db, SiteOptions site, TimeProvider clock)
{
    /// <summary>Google News takes stories of the last two days, at most 1,000 in one sitemap.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);
    public const int NewsMax = 1000;

    IQueryable<Article> Visible => StoryQueries.Visible(db, clock.GetUtcNow());

    /// <summary>Every sitemap: one per WIB month with stories (split at 50,000), the list pages, and Google News.</summary>
    public async Task<List<SitemapUrl>> IndexAsync()
    {
        var sitemaps = new List<SitemapUrl>();
        var now = clock.GetUtcNow();
        if (await Visible.MinAsync(a => a.PublishedAt) is { } first)
        {
            var month = MonthOf(first);
            var last = MonthOf(now);
            for (; month <= last; month = month.AddMonths(1))
            {
                var (from, to) = Range(month);
                var inMonth = Visible.Where(a => a.PublishedAt >= from && a.PublishedAt < to);
                var count = await inMonth.CountAsync();
                if (count == 0) continue;
                var modified = await inMonth.MaxAsync(a => a.UpdatedAt ?? a.PublishedAt);
                for (var part = 1; part <= Parts(count); part++)
                    sitemaps.Add(new SitemapUrl(site.Absolute(SitemapRoutes.MonthOf(month.Year, month.Month, part)), modified));
            }
            sitemaps.Reverse();
        }
        var pages = (await PageUrlsAsync()).Count;
        for (var part = 1; part <= Parts(pages); part++) sitemaps.Add(new SitemapUrl(site.Absolute(SitemapRoutes.PagesOf(part)), null));
        sitemaps.Add(new SitemapUrl(site.Absolute(SitemapRoutes.News), null));
        return sitemaps;
    }

    /// <summary>The stories first published in a WIB calendar month, oldest first; null when the month or part has none.</summary>
    public async Task<List<SitemapUrl>?> MonthAsync(int year, int month, int part)
    {
        if (year is < 1900 or > 9999 || month is < 1 or > 12 || part < 1) return null;
        var (from, to) = Range(new DateOnly(year, month, 1));
        var stories = await Visible.Where(a => a.PublishedAt >= from && a.PublishedAt < to)
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Slug)
            .Skip((part - 1) * SitemapXml.MaxUrls).Take(SitemapXml.MaxUrls)
            .Select(a => new { a.Slug, a.PublishedAt, a.UpdatedAt }).ToListAsync();
        return stories.Count == 0 ? null : stories.Select(s => new SitemapUrl(site.Absolute(StoryLinks.UrlOf(s.Slug)), s.UpdatedAt ?? s.PublishedAt)).ToList();
    }

    public async Task<List<SitemapUrl>?> PagesAsync(int part)
    {
        var urls = (await PageUrlsAsync()).Skip((part - 1) * SitemapXml.MaxUrls).Take(SitemapXml.MaxUrls).ToList();
        return part < 1 || urls.Count == 0 ? null : urls.Select(path => new SitemapUrl(site.Absolute(path), null)).ToList();
    }

    /// <summary>Stories first published in the last two days, newest first, at most 1,000.</summary>
    public async Task<List<NewsUrl>> NewsAsync()
    {
        var since = clock.GetUtcNow() - NewsWindow;
        var stories = await Visible.Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Slug).Take(NewsMax)
            .Select(a => new { a.Slug, a.Title, a.PublishedAt }).ToListAsync();
        return stories.Select(s => new NewsUrl(site.Absolute(StoryLinks.UrlOf(s.Slug)), s.Title, s.PublishedAt!.Value)).ToList();
    }

    /// <summary>Home, channels, tags and people with published stories, and the market pages.</summary>
    async Task<List<string>> PageUrlsAsync()
    {
        var visible = Visible;
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).Select(c => c.Slug).ToListAsync();
        var tags = await (from link in db.ArticleTags join article in visible on link.ArticleId equals article.Id select link.TagId).Distinct()
            .Join(db.Tags, id => id, tag => tag.Id, (_, tag) => tag.Slug).OrderBy(slug => slug).ToListAsync();
        var credited = (from credit in db.ArticleReporters join article in visible on credit.ArticleId equals article.Id select credit.PersonId)
            .Union(visible.Where(a => a.ColumnistId != null).Select(a => a.ColumnistId!.Value))
            .Union(visible.Where(a => a.EditorId != null).Select(a => a.EditorId!.Value));
        var people = await credited.Join(db.People, id => id, person => person.Id, (_, person) => person.Slug).OrderBy(slug => slug).ToListAsync();
        return [ "/", .. channels.Select(ChannelLinks.UrlOf), .. tags.Select(TagLinks.UrlOf), .. people.Select(AuthorLinks.UrlOf),
            InstrumentLinks.Section, .. (await InstrumentSymbolsAsync()).Select(InstrumentLinks.UrlOfSymbol) ];
    }

    /// <summary>Every instrument's symbol, read through the model by the entity's name rather than its type.</summary>
    async Task<List<string>> InstrumentSymbolsAsync()
    {
        var entity = db.Model.FindEntityType("Warta.Web.Markets.Instrument")
                     ?? throw new InvalidOperationException("The model has no Markets instrument; the sitemap lists instrument pages.");
        var symbol = entity.FindProperty("Symbol")!.GetColumnName();
        var sql = $"SELECT \"{symbol}\" AS \"Value\" FROM \"{entity.GetTableName()}\"";
        return await db.Database.SqlQueryRaw<string>(sql).OrderBy(value => value).ToListAsync();
    }

    static int Parts(int count) => Math.Max(1, (count + SitemapXml.MaxUrls - 1) / SitemapXml.MaxUrls);

    static DateOnly MonthOf(DateTimeOffset instant)
    {
        var wib = Indonesian.ToWib(instant);
        return new DateOnly(wib.Year, wib.Month, 1);
    }

    static (DateTimeOffset From, DateTimeOffset To) Range(DateOnly month) =>
        (Indonesian.FromWib(month.ToDateTime(TimeOnly.MinValue)), Indonesian.FromWib(month.AddMonths(1).ToDateTime(TimeOnly.MinValue)));
}
