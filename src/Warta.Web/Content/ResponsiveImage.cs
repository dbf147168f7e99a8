using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Warta.Web.Content;

namespace Warta.Web.Content;

/// <summary>
/// A media-library photo as readers get it: a <c>&lt;picture&gt;</c> offering WebP and JPEG in every kept width, with the
/// image's own proportions in width and height so the page does not jump while it loads.
/// </summary>
public static partial class ResponsiveImage
{
    /// <param name="width">The stored image's width in pixels.</param>
    /// <param name="height">The stored image's height in pixels.</param>
    /// <param name="displayWidth">The width the layout mostly shows it at: the fallback <c>src</c>, and the width/height attributes.</param>
    /// <param name="sizes">The <c>sizes</c> attribute: how wide the layout shows it at each viewport.</param>
    /// <param name="largest">The widest rendition worth offering (a thumbnail never needs the 1600 one).</param>
    /// <param name="jpegCandidates">
    /// Whether the JPEG fallback gets a srcset too. Thumbnails leave it out: only browsers without WebP use the JPEG, and
    /// its one <c>src</c> is enough for a thumbnail, while forty thumbnails' srcsets would weigh a list page down.
    /// </param>
    public static string Html(Guid id, int width, int height, int displayWidth, string sizes, string alt, bool lazy = true,
        int largest = int.MaxValue, bool jpegCandidates = true)
    {
        var shownWidth = Math.Min(displayWidth, Math.Max(1, width));
        var shownHeight = Math.Max(1, (int)Math.Round((double)shownWidth * height / Math.Max(1, width)));
        static string e(string s) => WebUtility.HtmlEncode(s);
        var widths = MediaUrls.RenditionWidths(width);
        var offered = widths.Where(w => w <= largest).DefaultIfEmpty(widths[0]).ToList();
        var html = new StringBuilder("<picture><source type=\"image/webp\" srcset=\"")
            .Append(MediaUrls.SrcSet(id, offered, ImageFormat.Webp)).Append("\" sizes=\"").Append(e(sizes)).Append("\">")
            .Append("<img src=\"").Append(MediaUrls.FallbackUrl(id, width, displayWidth)).Append('"');
        if (jpegCandidates) html.Append(" srcset=\"").Append(MediaUrls.SrcSet(id, offered, ImageFormat.Jpeg)).Append("\" sizes=\"").Append(e(sizes)).Append('"');
        html.Append(" alt=\"").Append(e(alt)).Append("\" width=\"").Append(shownWidth).Append("\" height=\"").Append(shownHeight).Append('"');
        // The one eager image of a page is its lead photo, the largest thing on the first screen: fetch it first.
        html.Append(lazy ? " loading=\"lazy\"" : " fetchpriority=\"high\"");
        return html.Append("></picture>").ToString();
    }

    [GeneratedRegex("^/media/(?<id>[0-9a-fA-F]{32})/(?:original|w[0-9]{1,5})\\.(?:jpg|webp)$")]
    private static partial Regex MediaUrl();

    /// <summary>The media ids of the inline photos in a body's blocks (images whose address is one of ours).</summary>
    public static HashSet<Guid> InlineMediaIds(IEnumerable<IEnumerable<INode>> pages) =>
        [.. pages.SelectMany(p => p).OfType<IElement>().SelectMany(Images).Select(img => MediaIdOf(img)).OfType<Guid>()];

    /// <summary>Replaces each inline photo of ours with its responsive form, keeping its alt text; unknown images stay as they are.</summary>
    public static void UpgradeInline(IEnumerable<INode> blocks, IReadOnlyDictionary<Guid, (int Width, int Height)> sizes)
    {
        foreach (var img in blocks.OfType<IElement>().SelectMany(Images).ToList())
        {
            if (MediaIdOf(img) is not { } id || !sizes.TryGetValue(id, out var size)) continue;
            var holder = img.Owner!.CreateElement("span");
            holder.InnerHtml = Html(id, size.Width, size.Height, 700, "(min-width: 960px) 700px, 100vw", img.GetAttribute("alt") ?? "");
            img.Replace(holder.FirstChild!);
        }
    }

    static IEnumerable<IElement> Images(IElement block) =>
        block.LocalName == "img" ? [block] : block.QuerySelectorAll("img");

    static Guid? MediaIdOf(IElement img) =>
        img.GetAttribute("src") is { } src && MediaUrl().Match(src) is { Success: true } m ? Guid.ParseExact(m.Groups["id"].Value, "N") : null;
}
