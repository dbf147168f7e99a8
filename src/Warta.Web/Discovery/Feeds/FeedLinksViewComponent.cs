using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Feeds;

public sealed record FeedLink(string Title, string RssUrl, string AtomUrl);

/// <summary>
/// The page head's <c>&lt;link rel="alternate"&gt;</c> to the feeds a page belongs to: the site's on the home page, a
/// channel's on its page, a tag's on its page. The layout names this block; which page it is comes from the route. The
/// home page's and each channel's are kept between changes of the channel list (<see cref="KeptBlocks"/>).
/// </summary>
public sealed class FeedLinksViewComponent(StoryQueries queries, WartaDb db, SiteOptions site, KeptBlocks kept) : ViewComponent
{
    const string LinksView = "/Discovery/Feeds/_FeedLinks.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var route = (HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : null;
        var slug = RouteData.Values["slug"] as string;
        if (route == "/") return kept.Find(nameof(FeedLinks), "/", site) ?? await kept.KeepAsync(this, View(LinksView, FeedLinks()), nameof(FeedLinks), "/", site);
        if (route == ChannelLinks.Route && slug is not null)
        {
            var channels = await queries.ChannelsAsync();
            if (channels.FirstOrDefault(c => c.Slug == slug) is not { } channel) return Content("");
            // Variants are the channels the list holds, kept as long as that list is (a rename shows at once).
            return kept.Find(nameof(FeedLinks), channel.Slug, channels)
                   ?? await kept.KeepAsync(this, View(LinksView, FeedLinks(new FeedLink($"{site.Name} — {channel.Name}",
                       site.Absolute(FeedRoutes.ChannelRssOf(channel.Slug)), site.Absolute(FeedRoutes.ChannelAtomOf(channel.Slug))))),
                       nameof(FeedLinks), channel.Slug, channels);
        }
        if (route == TagLinks.Route && slug is not null
            && await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.Name).SingleOrDefaultAsync() is { } tag)
            return View(LinksView, FeedLinks(new FeedLink($"{site.Name} — {tag}", site.Absolute(FeedRoutes.TagRssOf(slug)), site.Absolute(FeedRoutes.TagAtomOf(slug)))));
        return Content("");
    }

    /// <summary>The feeds of what the page shows, if any, then the site's.</summary>
    List<FeedLink> FeedLinks(FeedLink? own = null)
    {
        var siteFeeds = new FeedLink(site.Name, site.Absolute(FeedRoutes.Rss), site.Absolute(FeedRoutes.Atom));
        return own is null ? [siteFeeds] : [own, siteFeeds];
    }
}
