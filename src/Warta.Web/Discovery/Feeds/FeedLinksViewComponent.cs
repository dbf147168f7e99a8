using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Feeds;

public sealed record FeedLink(string Title, string RssUrl, string AtomUrl);

/// <summary>
/// The page head's <c>&lt;link rel="alternate"&gt;</c> to the feeds a page belongs to: the site's on the home page, a
/// channel's on its page, a tag's on its page. The layout names this block; which page it is comes from the route.
/// </summary>
public sealed class FeedLinksViewComponent(StoryQueries queries, WartaDb db, SiteOptions site) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var route = (HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : null;
        var slug = RouteData.Values["slug"] as string;
        var links = new List<FeedLink> { new(site.Name, site.Absolute(FeedRoutes.Rss), site.Absolute(FeedRoutes.Atom)) };
        if (route == ChannelLinks.Route && slug is not null
            && (await queries.ChannelsAsync()).FirstOrDefault(c => c.Slug == slug) is { } channel)
            links.Insert(0, new FeedLink($"{site.Name} — {channel.Name}", site.Absolute(FeedRoutes.ChannelRssOf(channel.Slug)), site.Absolute(FeedRoutes.ChannelAtomOf(channel.Slug))));
        else if (route == TagLinks.Route && slug is not null
                 && await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.Name).SingleOrDefaultAsync() is { } tag)
            links.Insert(0, new FeedLink($"{site.Name} — {tag}", site.Absolute(FeedRoutes.TagRssOf(slug)), site.Absolute(FeedRoutes.TagAtomOf(slug))));
        else if (route != "/") return Content("");
        return View("/Discovery/Feeds/_FeedLinks.cshtml", links);
    }
}
