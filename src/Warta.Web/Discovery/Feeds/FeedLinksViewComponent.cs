using Microsoft.AspNetCore.Html;
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
public sealed class FeedLinksViewComponent(StoryQueries queries, SiteOptions site, KeptBlocks kept) : ViewComponent
{
    const string LinksView = "/Discovery/Feeds/_FeedLinks.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var (route, slug) = FeedLinksBlock.Page(HttpContext);
        if (route == "/") return await kept.KeepAsync(this, View(LinksView, FeedLinks()), FeedLinksBlock.Block, "/", site);
        if (route == ChannelLinks.Route && slug is not null)
        {
            var channels = await queries.ChannelsAsync();
            if (channels.FirstOrDefault(c => c.Slug == slug) is not { } channel) return Content("");
            // Variants are the channels the list holds, kept as long as that list is (a rename shows at once).
            return await kept.KeepAsync(this, View(LinksView, FeedLinks(new FeedLink($"{site.Name} — {channel.Name}",
                       site.Absolute(FeedRoutes.ChannelRssOf(channel.Slug)), site.Absolute(FeedRoutes.ChannelAtomOf(channel.Slug))))),
                       FeedLinksBlock.Block, channel.Slug, channels);
        }
        if (route == TagLinks.Route && slug is not null
            // The database only here: on every other page the block needs none, and leasing a context costs each page.
            && await HttpContext.RequestServices.GetRequiredService<WartaDb>().Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.Name).SingleOrDefaultAsync() is { } tag)
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

/// <summary>
/// The feed links' kept markup on the home page and a channel's, and none on pages without feeds (a story, the search),
/// without invoking <see cref="FeedLinksViewComponent"/>. A tag's page, and a channel's before its first rendering, go to it.
/// </summary>
public sealed class FeedLinksBlock(StoryQueries queries, SiteOptions site, KeptBlocks kept) : KeptBlock(Block)
{
    public const string Block = "FeedLinks";

    /// <summary>The page's route template ("/", a channel's, a tag's…) and its slug.</summary>
    public static (string? Route, string? Slug) Page(HttpContext http) =>
        ((http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : null,
         http.GetRouteValue("slug") as string);

    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments)
    {
        var (route, slug) = Page(page.HttpContext);
        if (route == "/") return kept.FindHtml(Block, "/", site);
        if (route == ChannelLinks.Route && slug is not null)
        {
            var channels = await queries.ChannelsAsync();
            return channels.Any(c => c.Slug == slug) ? kept.FindHtml(Block, slug, channels) : HtmlString.Empty;
        }
        return route == TagLinks.Route ? null : HtmlString.Empty;
    }
}
