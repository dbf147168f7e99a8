using AngleSharp.Html.Dom;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;

namespace Warta.Tests.Reader;

/// <summary>
/// Issue 10, item 3: every place a time is shown reads the exact WIB wall clock of a known UTC instant — with the server in
/// Los Angeles (scripts/test.sh sets TZ). The expected strings are written out, not computed with the formatter under test.
/// </summary>
public class WibEverywhereTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    static string RowText(IHtmlDocument page, string table, string title) =>
        Squash(page.QuerySelectorAll($"{table} tbody tr").Single(r => r.TextContent.Contains(title)).TextContent);

    [Fact]
    public async Task Reader_newsroom_and_market_pages_show_the_WIB_wall_clock_of_each_instant()
    {
        // The fake clock stands at Friday 5 May 2023, 03:23 UTC: 10:23 WIB (Thursday 20:23 in Los Angeles).
        Assert.Equal("America/Los_Angeles", TimeZoneInfo.Local.Id);
        var markets = await app.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("LQ45", 856.30m, new DateTimeOffset(2023, 5, 5, 3, 20, 0, TimeSpan.Zero), previousClose: 852.30m);
        var reader = app.ReaderClient();

        var home = await reader.GetPageAsync("/");
        Assert.Equal("Jumat, 05 Mei 2023 · 10:23 WIB", Squash(home.Text("#clock")));
        var tick = home.QuerySelector(".tick[data-live-symbol=LQ45]")!;
        Assert.Equal("Per 10:20 WIB", home.Text(".ticker [data-live-bar=asof]"));
        Assert.Equal("LQ45 · Per Jumat, 05 Mei 2023 / 10:20 WIB", tick.GetAttribute("title"));
        var indikator = await reader.GetPageAsync("/indikator");
        var row = indikator.QuerySelectorAll("tr").Single(r => r.QuerySelector("td[data-live=asof]") is not null && r.TextContent.Contains("LQ45")).QuerySelector("td[data-live=asof]")!;
        Assert.Equal("10:20 WIB", row.TextContent.Trim());
        Assert.Equal("Per Jumat, 05 Mei 2023 / 10:20 WIB", row.GetAttribute("title"));
        var instrument = await reader.GetPageAsync("/indikator/lq45");
        Assert.Equal("10:20 WIB", instrument.Text(".quote-head [data-live=asof]"));
        Assert.Equal("Per Jumat, 05 Mei 2023 / 10:20 WIB", instrument.QuerySelector(".quote-head [data-live=asof]")!.GetAttribute("title"));

        // Friday 18:05 UTC is Saturday 6 May, 01:05 WIB (Friday 11:05 in Los Angeles): the WIB day is not the UTC day.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 5, 5, 18, 5, 0, TimeSpan.Zero));
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        const string title = "Rupiah Menguat Dini Hari";
        var story = await api.PublishAsync(NewsroomApi.Story(title));

        home = await reader.GetPageAsync("/");
        Assert.Equal("Sabtu, 06 Mei 2023 · 01:05 WIB", Squash(home.Text("#clock")));
        Assert.Equal("Sabtu, 06 Mei 2023 / 01:05 WIB", home.Text("article.lead > p.meta"));
        var latest = home.QuerySelectorAll("ol.latest li").Single(li => li.TextContent.Contains(title));
        Assert.Equal("06 Mei 01:05", latest.QuerySelector(".meta")!.TextContent.Trim());
        var channel = await reader.GetPageAsync("/kanal/ekonomi");
        var card = channel.QuerySelectorAll("article.card").Single(c => c.TextContent.Contains(title));
        Assert.Equal("06 Mei 01:05", card.QuerySelector(".meta")!.TextContent.Trim());
        var article = await reader.GetPageAsync(story.Url);
        Assert.Equal("Sabtu, 06 Mei 2023 / 01:05 WIB", article.Text(".dates time"));

        // Two hours and ten minutes later (03:15 WIB) an editor adds a Ralat: the story's update and the Ralat carry that time.
        app.Clock.Advance(TimeSpan.FromMinutes(130));
        var editor = await app.StaffAsync(StaffRoles.Editor);
        var (status, _) = await editor.ActAsync(story.Id, "ralat", f => f["Form.Correction"] = "Nama narasumber diperbaiki.");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, status);
        article = await reader.GetPageAsync(story.Url);
        Assert.Equal("Sabtu, 06 Mei 2023 / 03:15 WIB", article.Text(".dates .updated time"));
        Assert.Equal("Ralat Sabtu, 06 Mei 2023 / 03:15 WIB: Nama narasumber diperbaiki.", Squash(article.Text("aside.corrections")));

        // The newsroom: the desk's "published today" (the WIB day) and the story list.
        var desk = await editor.Http.GetPageAsync("/redaksi?tampilan=hari-ini");
        Assert.EndsWith("Sabtu, 06 Mei 2023 / 01:05 WIB", RowText(desk, "table.desk", title));
        var list = await editor.Http.GetPageAsync("/redaksi/berita");
        Assert.Contains("Sabtu, 06 Mei 2023 / 01:05 WIB", RowText(list, "table", title));
    }
}
