using System.Collections.Concurrent;
using Microsoft.AspNetCore.Html;
using Warta.Web.Shared;

namespace Warta.Web.Content;

/// <summary>
/// A story card as lists show it: the photo, the channel, the headline and when. Built here rather than by a partial view
/// because a list page has up to forty of them and a partial costs far more to run than its markup costs to write; the
/// text parts are appended unencoded and encoded by the page's own writer, exactly as Razor encodes them.
/// </summary>
/// <remarks>
/// The headline is an h2 where the cards follow the page's h1 directly (lists, the home page's top stories), else an h3
/// under its section's h2, so headings never skip a level. The headline's link covers the whole card (site.css), so the
/// photo has no link of its own: each address once is a third of a card's bytes.
/// </remarks>
public static class StoryCard
{
    // A thumbnail's markup depends on the photo alone and was most of the time spent on a card (its addresses and srcset
    // built anew on every page), so it is made once per photo and kept; the bound keeps a crawl of every list from growing it.
    const int MaxThumbnails = 20_000;
    static readonly ConcurrentDictionary<(Guid Id, int Width, int Height), string> Thumbnails = new();
    static int _thumbnails;

    /// <summary>The card's photo: the picture itself is its grid cell (a wrapper around it would be one more element per card).</summary>
    static string Thumbnail(Guid id, int width, int height)
    {
        if (Thumbnails.TryGetValue((id, width, height), out var kept)) return kept;
        var picture = ResponsiveImage.Html(id, width, height, 320, "112px", "", largest: 640, jpegCandidates: false);
        var html = "<picture class=\"card-img\">" + picture["<picture>".Length..];
        if (Interlocked.Increment(ref _thumbnails) > MaxThumbnails)
        {
            Thumbnails.Clear();
            Interlocked.Exchange(ref _thumbnails, 0);
        }
        Thumbnails[(id, width, height)] = html;
        return html;
    }

    public static IHtmlContent Html(ArticleCard card, bool underTitle)
    {
        var html = new HtmlContentBuilder(24).AppendHtml("<article class=\"card\">");
        if (card.ImageId is { } image) html.AppendHtml(Thumbnail(image, card.ImageWidth, card.ImageHeight));
        var heading = underTitle ? "h2" : "h3";
        html.AppendHtml("<div><a class=\"kicker\" href=\"").Append(ChannelLinks.UrlOf(card.ChannelSlug)).AppendHtml("\">")
            .Append(card.ChannelName).AppendHtml("</a>\n<").AppendHtml(heading).AppendHtml(" class=\"card-title\"><a href=\"")
            .Append(card.Url).AppendHtml("\">").Append(card.Title).AppendHtml("</a></").AppendHtml(heading).AppendHtml(">\n<p class=\"meta\">");
        if (card.ColumnistName is not null) html.AppendHtml("<span>").Append(card.ColumnistName).AppendHtml(" · </span>");
        html.Append(Indonesian.Compact(card.PublishedAt));
        if (card.Premium) html.AppendHtml("<span class=\"premium\"> · Premium</span>");
        return html.AppendHtml("</p></div></article>\n");
    }
}
