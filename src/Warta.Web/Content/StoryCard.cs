using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;
using Warta.Web.Shared;

namespace Warta.Web.Content;

/// <summary>
/// A story card as lists show it: the photo, the channel, the headline and when. Built here rather than by a partial view
/// because a list page has up to forty of them and a partial costs far more to run than its markup costs to write. The
/// text parts are encoded with the views' own settings (<see cref="SiteEncoding"/>), exactly as Razor encodes them.
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

    // A card's markup is a function of the card alone (no reader, no clock), and the lists a page shows come from
    // CachedReads, which hands out the same card instances until a change or the read's lifetime ends. So each card's
    // markup is written and encoded once per instance and kept with it: the table lets it go with the card.
    static readonly ConditionalWeakTable<ArticleCard, HtmlString?[]> Rendered = new();

    public static IHtmlContent Html(ArticleCard card, bool underTitle)
    {
        var kept = Rendered.GetValue(card, static _ => new HtmlString?[2]);
        ref var slot = ref kept[underTitle ? 1 : 0];
        return Volatile.Read(ref slot) ?? (slot = new HtmlString(Render(card, underTitle)));
    }

    static string Render(ArticleCard card, bool underTitle)
    {
        var encoder = SiteEncoding.Html;
        using var html = new StringWriter(new StringBuilder(640));
        html.Write("<article class=\"card\">");
        if (card.ImageId is { } image) html.Write(Thumbnail(image, card.ImageWidth, card.ImageHeight));
        var heading = underTitle ? "h2" : "h3";
        html.Write("<div><a class=\"kicker\" href=\"");
        encoder.Encode(html, ChannelLinks.UrlOf(card.ChannelSlug));
        html.Write("\">");
        encoder.Encode(html, card.ChannelName);
        html.Write("</a>\n<");
        html.Write(heading);
        html.Write(" class=\"card-title\"><a href=\"");
        encoder.Encode(html, card.Url);
        html.Write("\">");
        encoder.Encode(html, card.Title);
        html.Write("</a></");
        html.Write(heading);
        html.Write(">\n<p class=\"meta\">");
        if (card.ColumnistName is not null)
        {
            html.Write("<span>");
            encoder.Encode(html, card.ColumnistName);
            html.Write(" · </span>");
        }
        encoder.Encode(html, Indonesian.Compact(card.PublishedAt));
        if (card.Premium) html.Write("<span class=\"premium\"> · Premium</span>");
        html.Write("</p></div></article>\n");
        return html.ToString();
    }
}
