using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Feeds;

public sealed record FeedAuthor(string Name, string? Url);

/// <summary>The lead photo as a feed names it: the rendition's absolute address, its size and, when it exists yet, its length in bytes.</summary>
public sealed record FeedImage(string Url, int Width, int Height, long? Length, string? Caption);

/// <param name="BodyHtml">The public text (PublicText): the whole body of a free story, the free paragraphs of a premium one.</param>
/// <param name="Complete">False when the body stops where the paywall starts.</param>
public sealed record FeedEntry(
    Guid Id, string Title, string Url, string Summary, string BodyHtml, bool Complete, DateTimeOffset Published, DateTimeOffset Updated,
    IReadOnlyList<FeedAuthor> Authors, string Channel, IReadOnlyList<string> Tags, FeedImage? Image);

/// <summary>One feed: what it is about, where its page and its two formats live, and its newest stories.</summary>
public sealed record Feed(string Title, string Description, string PageUrl, string RssUrl, string AtomUrl, IReadOnlyList<FeedEntry> Entries)
{
    /// <summary>When the newest change in the feed happened; null for an empty feed.</summary>
    public DateTimeOffset? Updated => Entries.Count == 0 ? null : Entries.Max(e => e.Updated);
}

/// <summary>The newest published stories of the site, a channel or a tag, as feeds show them.</summary>
public sealed class FeedStories(WartaDb db, SiteOptions site, PublicText publicText, TimeProvider clock)
{
    public const int Size = 30;
    /// <summary>The lead photo's rendition feeds link: wide enough for a reader's card, as the social cards use.</summary>
    const int ImageWidth = 1200;

    public async Task<Feed?> SiteAsync() =>
        await ReadAsync(site.Name, site.Tagline + ".", "/", FeedRoutes.Rss, FeedRoutes.Atom, StoryQueries.Visible(db, clock.GetUtcNow()));

    public async Task<Feed?> ChannelAsync(string slug)
    {
        var channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug);
        if (channel is null) return null;
        return await ReadAsync($"{site.Name} — {channel.Name}", $"Berita terbaru kanal {channel.Name}.", ChannelLinks.UrlOf(channel.Slug),
            FeedRoutes.ChannelRssOf(channel.Slug), FeedRoutes.ChannelAtomOf(channel.Slug),
            StoryQueries.Visible(db, clock.GetUtcNow()).Where(a => a.ChannelId == channel.Id));
    }

    public async Task<Feed?> TagAsync(string slug)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug);
        if (tag is null) return null;
        // From the tag's links to the stories (an index seek), as the tag page reads them.
        var tagged = from link in db.ArticleTags
                     where link.TagId == tag.Id
                     join article in StoryQueries.Visible(db, clock.GetUtcNow()) on link.ArticleId equals article.Id
                     select article;
        return await ReadAsync($"{site.Name} — {tag.Name}", $"Berita dengan tag {tag.Name}.", TagLinks.UrlOf(tag.Slug),
            FeedRoutes.TagRssOf(tag.Slug), FeedRoutes.TagAtomOf(tag.Slug), tagged);
    }

    async Task<Feed> ReadAsync(string title, string description, string page, string rss, string atom, IQueryable<Article> stories)
    {
        var ids = await stories.OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Slug).Select(a => a.Id).Take(Size).ToListAsync();
        var articles = await db.Articles.AsNoTracking().AsSplitQuery().Where(a => ids.Contains(a.Id))
            .Include(a => a.Channel).Include(a => a.Columnist).Include(a => a.Image)
            .Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Reporters).ThenInclude(r => r.Person)
            .ToListAsync();
        var lengths = await RenditionLengthsAsync(articles);
        var entries = articles.OrderBy(a => ids.IndexOf(a.Id)).Select(a => Entry(a, lengths)).ToList();
        return new Feed(title, description, site.Absolute(page), site.Absolute(rss), site.Absolute(atom), entries);
    }

    /// <summary>The byte length of each lead photo's rendition, where it has been made (demo photos are made on first request).</summary>
    async Task<Dictionary<(Guid, string), long>> RenditionLengthsAsync(List<Article> articles)
    {
        var wanted = articles.Where(a => a.Image is not null).Select(a => (a.Image!.Id, Variant(a.Image))).ToList();
        if (wanted.Count == 0) return [];
        var mediaIds = wanted.Select(w => w.Id).Distinct().ToList();
        var variants = wanted.Select(w => w.Item2).Distinct().ToList();
        var found = await db.MediaFiles.AsNoTracking().Where(f => mediaIds.Contains(f.MediaId) && variants.Contains(f.Variant))
            .Select(f => new { f.MediaId, f.Variant, Length = f.Bytes.Length }).ToListAsync();
        return found.ToDictionary(f => (f.MediaId, f.Variant), f => (long)f.Length);
    }

    static string Variant(Media image) => "w" + MediaUrls.FallbackWidth(image.Width, ImageWidth);

    FeedEntry Entry(Article article, Dictionary<(Guid, string), long> lengths)
    {
        var text = publicText.Of(article);
        var authors = article.Reporters.OrderBy(r => r.Order).Select(r => new FeedAuthor(r.Person.Name, site.Absolute(AuthorLinks.UrlOf(r.Person.Slug)))).ToList();
        if (authors.Count == 0 && article.Columnist is { } columnist) authors.Add(new FeedAuthor(columnist.Name, site.Absolute(AuthorLinks.UrlOf(columnist.Slug))));
        if (authors.Count == 0 && article.Source is { } agency) authors.Add(new FeedAuthor(agency, null));
        FeedImage? image = null;
        if (article.Image is { } media)
        {
            var width = MediaUrls.FallbackWidth(media.Width, ImageWidth);
            image = new FeedImage(site.Absolute(MediaUrls.FallbackUrl(media.Id, media.Width, ImageWidth)), width,
                media.Width > 0 ? (int)Math.Round((double)media.Height * width / media.Width) : media.Height,
                lengths.TryGetValue((media.Id, Variant(media)), out var length) ? length : null, article.ImageCaption);
        }
        var published = article.PublishedAt!.Value;
        return new FeedEntry(article.Id, article.Title, site.Absolute(StoryLinks.UrlOf(article.Slug)), text.Summary, Absolute(text.BodyHtml),
            text.Complete, published, article.UpdatedAt ?? published, authors, article.Channel.Name,
            article.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name).ToList(), image);
    }

    static readonly HtmlParser Parser = new();

    /// <summary>Feed readers show the body away from the site, so its links and pictures must name the site in full.</summary>
    string Absolute(string html)
    {
        if (!html.Contains("=\"/", StringComparison.Ordinal)) return html;
        var document = Parser.ParseDocument("<body>" + html);
        foreach (var element in document.Body!.QuerySelectorAll("[href], [src], [srcset]"))
        {
            foreach (var attribute in new[] { "href", "src" })
                if (element.GetAttribute(attribute) is { } value && value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
                    element.SetAttribute(attribute, site.Absolute(value));
            if (element.GetAttribute("srcset") is { } srcset)
                element.SetAttribute("srcset", string.Join(", ", srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(candidate => candidate.Split(' ', 2) is [var url, .. var descriptor] && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
                        ? string.Join(' ', [site.Absolute(url), .. descriptor])
                        : candidate)));
        }
        return document.Body.InnerHtml;
    }
}
