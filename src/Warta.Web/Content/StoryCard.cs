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
    public static IHtmlContent Html(ArticleCard card, bool underTitle)
    {
        var html = new HtmlContentBuilder(24).AppendHtml("<article class=\"card\">");
        if (card.ImageId is { } image)
        {
            // The picture itself is the photo's grid cell: a wrapper around it would be one more element per card.
            var picture = ResponsiveImage.Html(image, card.ImageWidth, card.ImageHeight, 320, "112px", "", largest: 640, jpegCandidates: false);
            html.AppendHtml("<picture class=\"card-img\">").AppendHtml(picture["<picture>".Length..]);
        }
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
