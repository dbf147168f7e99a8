using AngleSharp.Dom;

namespace Warta.Web.Content.Paywall;

/// <summary>What of a story may go anywhere without asking who reads it.</summary>
/// <param name="Summary">For descriptions, cards and snippets: the SEO description or summary, else the start of the public text.</param>
/// <param name="BodyHtml">The whole body of a free story; the free paragraphs of a premium one.</param>
/// <param name="Complete">False when <paramref name="BodyHtml"/> stops where the paywall starts.</param>
public sealed record PublicStory(string Summary, string BodyHtml, bool Complete);

/// <summary>
/// A story's public text and the line between its free and paid parts. Every channel that shows story text without a reader
/// behind it (feeds, search snippets, sitemaps, social cards, structured data) takes it from <see cref="Of"/>.
/// </summary>
public sealed class PublicText(PaywallOptions options)
{
    public const int SummaryLength = 200;

    public PublicStory Of(Article article)
    {
        var blocks = ArticleBody.SplitPages(article.Body).SelectMany(p => p).ToList();
        var free = article.Premium ? blocks.Take(FreeBlockCount(blocks, options.FreeParagraphs)).ToList() : blocks;
        var html = string.Concat(free.Select(ArticleBody.BlockHtml));
        var summary = article.SeoDescription ?? article.Summary ?? Shorten(string.Join(" ", free.Select(b => b.TextContent.Trim()).Where(t => t.Length > 0)));
        return new PublicStory(summary, html, free.Count == blocks.Count);
    }

    /// <summary>How many leading blocks make up the free part: up to and including the <paramref name="freeParagraphs"/>th paragraph.</summary>
    public static int FreeBlockCount(IReadOnlyList<INode> blocks, int freeParagraphs)
    {
        if (freeParagraphs <= 0) return 0;
        var seen = 0;
        for (var i = 0; i < blocks.Count; i++)
            if (blocks[i] is IElement { LocalName: "p" } && ++seen == freeParagraphs) return i + 1;
        return blocks.Count;
    }

    /// <summary>The free part of a paged body as one page (the cut); the story's pages are one text to the paywall.</summary>
    public List<List<INode>> Cut(List<List<INode>> pages)
    {
        var blocks = pages.SelectMany(p => p).ToList();
        return [blocks.Take(FreeBlockCount(blocks, options.FreeParagraphs)).ToList()];
    }

    /// <summary>Where the paid part starts on page <paramref name="page"/> (1-based), as an index into its blocks.</summary>
    public int PaidFrom(List<List<INode>> pages, int page)
    {
        var free = FreeBlockCount(pages.SelectMany(p => p).ToList(), options.FreeParagraphs);
        var before = pages.Take(page - 1).Sum(p => p.Count);
        return Math.Clamp(free - before, 0, pages[page - 1].Count);
    }

    static string Shorten(string text)
    {
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        if (text.Length <= SummaryLength) return text;
        var cut = text.LastIndexOf(' ', SummaryLength);
        return text[..(cut > 0 ? cut : SummaryLength)] + " …";
    }
}
