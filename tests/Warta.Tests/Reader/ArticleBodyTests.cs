using AngleSharp.Html.Parser;
using Warta.Web.Reader;
using Warta.Web.Shared;

namespace Warta.Tests.Reader;

public class ArticleBodyTests
{
    static string Body(int paragraphs, params int[] breaksAfter) =>
        string.Concat(Enumerable.Range(1, paragraphs).Select(i => $"<p>Paragraf {i}.</p>" + (breaksAfter.Contains(i) ? StaffHtml.PageBreak : "")));

    static readonly BacaJugaLink[] Links = [new("Satu", "/berita/satu"), new("Dua", "/berita/dua"), new("Tiga", "/berita/tiga")];

    [Fact]
    public void Opens_the_first_paragraph_with_the_dateline()
    {
        var html = ArticleBody.RenderPage(Body(3), 1, "WARTA.CO.ID", "Jakarta", []);
        Assert.StartsWith("<p><strong class=\"dateline\">WARTA.CO.ID - JAKARTA.</strong> Paragraf 1.</p>", html);
    }

    [Fact]
    public void Splits_at_page_breaks_and_puts_the_dateline_on_page_one_only()
    {
        var body = Body(9, 3, 6);
        Assert.Equal(3, ArticleBody.SplitPages(body).Count);
        var page2 = ArticleBody.RenderPage(body, 2, "WARTA.CO.ID", "Jakarta", []);
        Assert.DoesNotContain("dateline", page2);
        Assert.Contains("Paragraf 4.", page2);
        Assert.DoesNotContain("Paragraf 3.", page2);
    }

    [Fact]
    public void Places_links_between_paragraphs_only()
    {
        var html = ArticleBody.RenderPage(Body(10), 1, "WARTA.CO.ID", "Jakarta", Links);
        var blocks = new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.Children.ToList();
        var links = blocks.Select((b, i) => (b, i)).Where(x => x.b.ClassList.Contains("baca-juga")).Select(x => x.i).ToList();
        Assert.Equal(3, links.Count);
        Assert.DoesNotContain(0, links);
        Assert.DoesNotContain(blocks.Count - 1, links);
        for (var i = 1; i < links.Count; i++) Assert.True(links[i] - links[i - 1] > 1);
        Assert.Equal("Baca Juga: Satu", blocks[links[0]].TextContent);
    }

    [Fact]
    public void Deals_links_across_the_pages_of_a_long_story()
    {
        var body = Body(12, 6);
        var page1 = ArticleBody.RenderPage(body, 1, "W", "X", Links);
        var page2 = ArticleBody.RenderPage(body, 2, "W", "X", Links);
        Assert.Contains("/berita/satu", page1);
        Assert.Contains("/berita/tiga", page1);
        Assert.Contains("/berita/dua", page2);
    }
}
