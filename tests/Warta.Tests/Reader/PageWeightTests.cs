using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Reader;

/// <summary>What every reader page downloads: the site stylesheet and script, and cards that say each thing once.</summary>
public class PageWeightTests(DemoWartaFactory app) : IClassFixture<DemoWartaFactory>
{
    static string[] Stylesheets(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)];

    [Fact]
    public async Task Lists_load_the_site_stylesheet_alone_and_story_member_and_market_pages_add_their_own()
    {
        var channel = await app.InDbAsync(db => db.Channels.Select(c => c.Slug).FirstAsync());
        var story = await app.InDbAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Slug).FirstAsync());
        Assert.Equal([Assets.CssUrl, Assets.StoryCssUrl], Stylesheets(await app.ReaderClient().GetPageAsync(StoryLinks.UrlOf(story))));
        foreach (var path in new[] { "/", "/kanal/" + channel })
            Assert.Equal([Assets.CssUrl], Stylesheets(await app.ReaderClient().GetPageAsync(path)));
        foreach (var path in new[] { "/indikator", "/indikator/ihsg" })
            Assert.Equal([Assets.CssUrl, Assets.MarketsCssUrl], Stylesheets(await app.ReaderClient().GetPageAsync(path)));
        foreach (var path in new[] { "/langganan", "/akun/masuk", "/akademi" })
            Assert.Equal([Assets.CssUrl, Assets.MembersCssUrl], Stylesheets(await app.ReaderClient().GetPageAsync(path)));

        var members = await app.CreateClient().GetAsync(Assets.MembersCssUrl);
        Assert.Equal("text/css", members.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".checkout .form{", await members.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_card_on_the_home_page_links_its_story_once_from_its_headline()
    {
        var home = await app.ReaderClient().GetPageAsync("/");
        var cards = home.QuerySelectorAll("article.card");
        Assert.NotEmpty(cards);
        foreach (var card in cards)
        {
            var links = card.QuerySelectorAll("a[href^='/berita/']");
            Assert.Single(links);
            Assert.Equal("card-title", links[0].ParentElement!.ClassName);
        }
        Assert.Contains(cards, c => c.QuerySelector("picture.card-img img[loading=lazy]") is not null);
    }

    [Fact]
    public void A_card_encodes_its_text_and_heads_its_story_at_the_level_asked()
    {
        var card = new ArticleCard(Guid.NewGuid(), "Saham <b>naik</b> & \"turun\"", "saham-naik", "Pasar & Modal", "pasar", null, null,
            new DateTimeOffset(2026, 12, 2, 3, 4, 0, TimeSpan.Zero), Premium: true, ArticleKind.News, ColumnistName: "Dewi <i>");
        Assert.Equal(
            "<article class=\"card\"><div><a class=\"kicker\" href=\"/kanal/pasar\">Pasar &amp; Modal</a>\n" +
            "<h2 class=\"card-title\"><a href=\"/berita/saham-naik\">Saham &lt;b&gt;naik&lt;/b&gt; &amp; &quot;turun&quot;</a></h2>\n" +
            "<p class=\"meta\"><span>Dewi &lt;i&gt; · </span>02 Des 10:04<span class=\"premium\"> · Premium</span></p></div></article>\n",
            Render(StoryCard.Html(card, underTitle: true)));
        Assert.Contains("<h3 class=\"card-title\">", Render(StoryCard.Html(card, underTitle: false)));
    }

    [Fact]
    public void The_served_script_leaves_out_comment_lines_and_indentation_only()
    {
        const string script = "(function () {\n  // why this is here\n  var a = 1; // kept: code before it\n\n    /* kept */ go(a);\n})();\n";
        Assert.Equal("(function () {\nvar a = 1; // kept: code before it\n/* kept */ go(a);\n})();\n", Assets.WithoutCommentLines(script));
    }

    static string Render(Microsoft.AspNetCore.Html.IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        return writer.ToString();
    }
}
