using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Warta.Web.Content;

public sealed record BacaJugaLink(string Title, string Url);

/// <summary>One top-level block of a rendered page, and whether a Baca Juga link may stand beside it (paragraphs only).</summary>
public sealed record BodyBlock(string Html, bool IsParagraph);

/// <summary>Turns a stored body into the pages a reader sees: dateline, page breaks, Baca Juga links.</summary>
public static class ArticleBody
{
    static readonly HtmlParser Parser = new();

    /// <summary>Top-level blocks of the stored body, split into pages at the editor's page-break marker.</summary>
    public static List<List<INode>> SplitPages(string body)
    {
        var document = Parser.ParseDocument("<body>" + body + "</body>");
        var pages = new List<List<INode>> { new() };
        foreach (var node in document.Body!.ChildNodes.ToList())
        {
            if (node is IElement { LocalName: "hr" } hr && hr.ClassList.Contains("page-break"))
            {
                if (pages[^1].Count > 0) pages.Add([]);
                continue;
            }
            if (node is IText text && string.IsNullOrWhiteSpace(text.Data)) continue;
            pages[^1].Add(node);
        }
        if (pages.Count > 1 && pages[^1].Count == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>
    /// The HTML of page <paramref name="page"/> (1-based) with the dateline opening the first paragraph of page 1,
    /// and this page's share of <paramref name="links"/> placed between paragraphs.
    /// </summary>
    public static string RenderPage(string body, int page, string siteName, string? dateline, IReadOnlyList<BacaJugaLink> links) =>
        RenderPage(SplitPages(body), page, siteName, dateline, links);

    /// <summary>As above, on pages already split (so a caller that needs the page count parses the body once).</summary>
    /// <param name="paidFrom">For a premium story read in full: the first block of the paid part, whose blocks get the class
    /// <see cref="PaidPartClass"/> (what the structured data names; a class on each block keeps the body's structure for
    /// styles and scripts); null for a free story or the cut.</param>
    public static string RenderPage(List<List<INode>> pages, int page, string siteName, string? dateline, IReadOnlyList<BacaJugaLink> links, int? paidFrom = null) =>
        PlaceLinks(Prepare(pages, page, siteName, dateline, paidFrom), page, pages.Count, links);

    /// <summary>
    /// Page <paramref name="page"/> (1-based) as rendered blocks, without its Baca Juga links: the dateline opening the first
    /// paragraph of page 1 and the paid part marked (see <see cref="RenderPage(List{List{INode}}, int, string, string?, IReadOnlyList{BacaJugaLink}, int?)"/>).
    /// The same for every reader, so it can be kept; it changes the page's nodes, so prepare each page once.
    /// </summary>
    public static IReadOnlyList<BodyBlock> Prepare(List<List<INode>> pages, int page, string siteName, string? dateline, int? paidFrom = null)
    {
        if (page < 1 || page > pages.Count) throw new ArgumentOutOfRangeException(nameof(page));
        var blocks = pages[page - 1];
        var owner = blocks.Count > 0 ? blocks[0].Owner! : Parser.ParseDocument("");

        if (page == 1 && !string.IsNullOrWhiteSpace(dateline))
        {
            var first = blocks.OfType<IElement>().FirstOrDefault(e => e.LocalName == "p");
            var strong = owner.CreateElement("strong");
            strong.ClassName = "dateline";
            strong.TextContent = $"{siteName.ToUpperInvariant()} - {dateline.Trim().ToUpperInvariant()}.";
            if (first is null)
            {
                first = owner.CreateElement("p");
                blocks.Insert(0, first);
            }
            first.Prepend(owner.CreateTextNode(" "));
            first.Prepend(strong);
        }

        var prepared = new List<BodyBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var html = i >= paidFrom
                ? blocks[i] is IElement paid ? Marked(paid) : $"<span class=\"{PaidPartClass}\">{BlockHtml(blocks[i])}</span>"
                : BlockHtml(blocks[i]);
            prepared.Add(new BodyBlock(html, blocks[i] is IElement { LocalName: "p" }));
        }
        return prepared;

        static string Marked(IElement block)
        {
            block.ClassList.Add(PaidPartClass);
            return block.OuterHtml;
        }
    }

    /// <summary>
    /// The HTML of a prepared page with its share of <paramref name="links"/> placed between paragraphs: links are dealt
    /// round the pages, link i to page i mod <paramref name="pageCount"/>.
    /// </summary>
    public static string PlaceLinks(IReadOnlyList<BodyBlock> blocks, int page, int pageCount, IReadOnlyList<BacaJugaLink> links)
    {
        var mine = links.Where((_, i) => i % pageCount == page - 1).ToList();
        IReadOnlyList<int> gaps = mine.Count == 0 ? [] : BacaJugaPlacement.Gaps(blocks.Select(b => b.IsParagraph).ToList(), mine.Count);
        var html = new StringBuilder(blocks.Sum(b => b.Html.Length) + 200 * mine.Count);
        var next = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (next < gaps.Count && gaps[next] == i)
            {
                html.Append(LinkHtml(mine[next]));
                next++;
            }
            html.Append(blocks[i].Html);
        }
        return html.ToString();
    }

    /// <summary>The class of every block of a premium story's paid part: what its structured data points at.</summary>
    public const string PaidPartClass = "paywalled";

    /// <summary>One top-level block of the body as HTML.</summary>
    public static string BlockHtml(INode block) => block is IElement e ? e.OuterHtml : WebUtility.HtmlEncode(block.TextContent);

    public static string LinkHtml(BacaJugaLink link) =>
        $"<p class=\"baca-juga\"><strong>Baca Juga:</strong> <a href=\"{WebUtility.HtmlEncode(link.Url)}\">{WebUtility.HtmlEncode(link.Title)}</a></p>";

    /// <summary>Plain text of the whole body, for summaries and word counts.</summary>
    public static string Text(string body) => Parser.ParseDocument("<body>" + body + "</body>").Body!.TextContent;
}
