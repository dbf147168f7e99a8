using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Warta.Web.Reader;
using Warta.Web.Shared;

namespace Warta.Tests.Reader;

/// <summary>
/// Baca Juga and page breaks on bodies shaped like the newsroom's: headings, quotes, lists, inline photos, and stories
/// of one or two paragraphs. Each rendered page is read back as a row of block shapes so the exact place of every link shows.
/// </summary>
public class RealisticBodyTests
{
    static readonly BacaJugaLink[] Links = [new("Satu", "/berita/satu"), new("Dua", "/berita/dua"), new("Tiga", "/berita/tiga")];

    const string Figure = "<figure><img src=\"/media/1/foto.webp\" alt=\"Gedung BI\"><figcaption>Gedung Bank Indonesia.</figcaption></figure>";
    const string Quote = "<blockquote><p>\"Kami menjaga rupiah.\"</p><p>— Gubernur BI</p></blockquote>";
    const string List = "<ul><li>Inflasi 2,5%</li><li>BI-Rate 6%</li></ul>";

    static string P(int n) => $"<p>Paragraf {n}.</p>";

    static IElement[] Blocks(string html) => new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.Children.ToArray();

    /// <summary>
    /// One word per top-level block: "D" the paragraph opened by the dateline, "B" a Baca Juga link, "p" any other
    /// paragraph, else the tag name.
    /// </summary>
    static string Shape(string html) => string.Join(" ", Blocks(html).Select(b =>
        b.ClassList.Contains("baca-juga") ? "B"
        : b.FirstElementChild is { ClassName: "dateline" } ? "D"
        : b.LocalName));

    static string Render(string body, int page = 1, IReadOnlyList<BacaJugaLink>? links = null) =>
        ArticleBody.RenderPage(body, page, "WARTA.CO.ID", "Jakarta", links ?? Links);

    /// <summary>A link sits only between two ordinary paragraphs, below the dateline, and never inside another block.</summary>
    static void AssertLinksReadWell(string html)
    {
        var blocks = Blocks(html);
        var dateline = Array.FindIndex(blocks, b => b.QuerySelector(".dateline") is not null);
        for (var i = 0; i < blocks.Length; i++)
        {
            if (!blocks[i].ClassList.Contains("baca-juga")) continue;
            Assert.True(i > 0 && i < blocks.Length - 1, $"link at the edge of the page: {Shape(html)}");
            Assert.True(i > dateline, $"link above the dateline paragraph: {Shape(html)}");
            Assert.Equal("p", blocks[i - 1].LocalName);
            Assert.Equal("p", blocks[i + 1].LocalName);
            Assert.False(blocks[i - 1].ClassList.Contains("baca-juga"));
            Assert.False(blocks[i + 1].ClassList.Contains("baca-juga"));
        }
        Assert.All(blocks, b => Assert.Null(b.QuerySelector(".baca-juga")));
    }

    [Fact]
    public void A_one_paragraph_story_has_the_dateline_and_no_link()
    {
        var html = Render(P(1));
        Assert.Equal("D", Shape(html));
        Assert.Equal("<p><strong class=\"dateline\">WARTA.CO.ID - JAKARTA.</strong> Paragraf 1.</p>", html);
    }

    [Fact]
    public void A_two_paragraph_story_puts_its_one_link_below_the_dateline_paragraph()
    {
        var html = Render(P(1) + P(2));
        Assert.Equal("D B p", Shape(html));
        Assert.Contains("/berita/satu", html);
        Assert.DoesNotContain("/berita/dua", html);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_two_paragraph_story_takes_one_link_however_many_are_offered(int offered)
    {
        var html = Render(P(1) + P(2), links: Links.Take(offered).ToList());
        Assert.Equal("D B p", Shape(html));
    }

    [Fact]
    public void A_short_story_of_a_paragraph_and_a_quote_has_no_link()
    {
        Assert.Equal("D blockquote", Shape(Render(P(1) + Quote)));
        Assert.Equal("D ul p", Shape(Render(P(1) + List + P(2))));
        Assert.Equal("D h2 p", Shape(Render(P(1) + "<h2>Latar</h2>" + P(2))));
    }

    [Fact]
    public void A_feature_with_headings_quotes_lists_and_a_photo_gets_links_only_between_plain_paragraphs()
    {
        var body = P(1) + P(2) + "<h2>Suku bunga</h2>" + P(3) + P(4) + Quote + P(5) + P(6) + List + P(7) + Figure + P(8) + P(9);
        var html = Render(body);
        AssertLinksReadWell(html);
        // Thirteen blocks, links aimed at a quarter, a half and three quarters of the way, each on the nearest allowed gap.
        Assert.Equal("D p h2 p B p blockquote p B p ul p figure p B p", Shape(html));
        var blocks = Blocks(html);
        Assert.Equal(["Baca Juga: Satu", "Baca Juga: Dua", "Baca Juga: Tiga"],
            blocks.Where(b => b.ClassList.Contains("baca-juga")).Select(b => b.TextContent));
        Assert.Equal(2, blocks.Single(b => b.LocalName == "blockquote").Children.Length);
        Assert.Equal("Gedung Bank Indonesia.", blocks.Single(b => b.LocalName == "figure").QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public void A_story_opening_on_a_photo_takes_the_dateline_in_its_first_paragraph_and_no_link_above_it()
    {
        var html = Render(Figure + P(1) + P(2) + P(3), links: Links.Take(1).ToList());
        AssertLinksReadWell(html);
        Assert.Equal("figure D B p p", Shape(html));
    }

    [Fact]
    public void A_story_opening_on_a_heading_takes_the_dateline_in_the_paragraph_below_it()
    {
        var html = Render("<h2>Pokok berita</h2>" + P(1) + P(2));
        Assert.Equal("h2 D B p", Shape(html));
    }

    [Fact]
    public void A_story_of_headings_and_single_paragraphs_has_nowhere_for_a_link()
    {
        var html = Render(P(1) + "<h2>Satu</h2>" + P(2) + "<h3>Dua</h3>" + P(3) + Quote + P(4) + Figure + P(5));
        Assert.Equal("D h2 p h3 p blockquote p figure p", Shape(html));
    }

    [Fact]
    public void A_story_with_no_paragraph_gets_a_dateline_paragraph_of_its_own()
    {
        Assert.Equal("D figure", Shape(Render(Figure)));
        Assert.Equal("D", Shape(Render("")));
    }

    [Fact]
    public void Page_breaks_split_a_realistic_story_and_deal_one_link_to_each_page()
    {
        var body = P(1) + P(2) + P(3) + "<h2>Dampak</h2>" + P(4) + P(5) + StaffHtml.PageBreak
                   + P(6) + Quote + P(7) + P(8) + P(9) + StaffHtml.PageBreak
                   + P(10) + List + P(11);
        var pages = ArticleBody.SplitPages(body);
        Assert.Equal(3, pages.Count);

        var page1 = Render(body, 1);
        var page2 = Render(body, 2);
        var page3 = Render(body, 3);
        Assert.Equal("D p B p h2 p p", Shape(page1));
        Assert.Equal("p blockquote p B p p", Shape(page2));
        // The third page has no gap between two paragraphs, so its link ("Tiga") is not shown.
        Assert.Equal("p ul p", Shape(page3));
        Assert.Contains("/berita/satu", page1);
        Assert.Contains("/berita/dua", page2);
        Assert.DoesNotContain("baca-juga", page3);
        foreach (var page in new[] { page1, page2, page3 }) AssertLinksReadWell(page);

        // Every paragraph lands on exactly one page, in order, and no page break is left in the text.
        var text = string.Join("|", new[] { page1, page2, page3 }.SelectMany(Blocks)
            .Where(b => b.LocalName == "p" && !b.ClassList.Contains("baca-juga")).Select(b => b.TextContent.Replace("WARTA.CO.ID - JAKARTA. ", "")));
        Assert.Equal(string.Join("|", Enumerable.Range(1, 11).Select(n => $"Paragraf {n}.")), text);
        Assert.DoesNotContain("page-break", page1 + page2 + page3);
    }

    [Fact]
    public void Breaks_at_the_start_the_end_or_twice_in_a_row_make_no_empty_page()
    {
        var body = StaffHtml.PageBreak + P(1) + P(2) + StaffHtml.PageBreak + StaffHtml.PageBreak + P(3) + StaffHtml.PageBreak;
        var pages = ArticleBody.SplitPages(body);
        Assert.Equal(2, pages.Count);
        Assert.Equal("D B p", Shape(Render(body, 1)));
        Assert.Equal("p", Shape(Render(body, 2)));
        Assert.Equal("page", Assert.Throws<ArgumentOutOfRangeException>(() => Render(body, 3)).ParamName);
        Assert.Equal("page", Assert.Throws<ArgumentOutOfRangeException>(() => Render(body, 0)).ParamName);
    }

    [Fact]
    public void Line_breaks_between_blocks_change_nothing()
    {
        // Bodies saved from the editor or an import often have a newline between blocks; it is not a block of its own.
        string[] blocks = [P(1), P(2), "<h2>Suku bunga</h2>", P(3), P(4), Quote, P(5), P(6)];
        var html = Render(string.Join("\n", blocks) + "\n");
        Assert.Equal(Shape(Render(string.Concat(blocks))), Shape(html));
        Assert.Equal("D B p h2 p B p blockquote p B p", Shape(html));
        Assert.Single(ArticleBody.SplitPages("\n" + P(1) + "\n" + StaffHtml.PageBreak + "\n  \n"));
    }

    [Fact]
    public void The_plain_text_of_a_body_keeps_every_block_and_no_markup()
    {
        Assert.Equal("Paragraf 1.Latar\"Kami menjaga rupiah.\"— Gubernur BIInflasi 2,5%BI-Rate 6%",
            ArticleBody.Text(P(1) + "<h2>Latar</h2>" + Quote + List));
    }

    [Fact]
    public void A_break_inside_a_quote_is_not_a_page_break()
    {
        var body = P(1) + "<blockquote><p>A</p><hr class=\"page-break\"><p>B</p></blockquote>" + P(2);
        Assert.Single(ArticleBody.SplitPages(body));
    }

    [Fact]
    public void Only_a_page_break_rule_splits_a_page_not_a_plain_rule()
    {
        var body = P(1) + "<hr>" + P(2);
        Assert.Single(ArticleBody.SplitPages(body));
        Assert.Equal("D hr p", Shape(Render(body)));
    }

    [Fact]
    public void Loose_text_between_blocks_is_kept_and_escaped()
    {
        var body = P(1) + "Teks lepas <b>tebal</b> & lain" + P(2);
        var html = Render(body, links: []);
        Assert.Contains("Teks lepas ", html);
        Assert.Contains("&amp; lain", html);
    }

    [Fact]
    public void Link_titles_and_addresses_are_escaped()
    {
        var html = Render(P(1) + P(2), links: [new("Rupiah <naik> & \"kuat\"", "/berita/a?b=1&c=2")]);
        Assert.Contains("<a href=\"/berita/a?b=1&amp;c=2\">Rupiah &lt;naik&gt; &amp; &quot;kuat&quot;</a>", html);
    }
}
