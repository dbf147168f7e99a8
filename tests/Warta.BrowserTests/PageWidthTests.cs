using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>Every kind of reader page fits a 412 px phone, and the ticker and market pages read well on phone and desktop.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class PageWidthTests(WartaSite site)
{
    const int Phone = 412;

    /// <summary>One page of every kind, found the way a reader finds them: by following the site's own links.</summary>
    async Task<List<string>> EveryPageKindAsync(IPage page)
    {
        await page.GotoAsync("/");
        var article = await page.Locator(".lead h1 a").GetAttributeAsync("href");
        await page.GotoAsync(article!);
        var channel = await page.Locator("article.story .kicker").GetAttributeAsync("href");
        var tag = await page.Locator("article.story nav.tags a").First.GetAttributeAsync("href");
        var author = await page.Locator("article.story a[href^='/penulis/']").First.GetAttributeAsync("href");
        await page.GotoAsync("/akademi");
        var course = await page.Locator(".content a[href^='/akademi/']").First.GetAttributeAsync("href");
        return ["/", article!, channel!, tag!, author!, "/indikator", "/indikator/emas", "/indikator/usd-idr", "/indikator/rd-pendapatan-tetap", "/akademi", course!];
    }

    [Fact]
    public async Task Every_reader_page_kind_fits_a_412_px_phone_without_sideways_scrolling()
    {
        await using var context = await site.NewPhoneContextAsync(width: Phone);
        var page = await context.NewPageAsync();
        var tooWide = new List<string>();
        foreach (var path in await EveryPageKindAsync(page))
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > Phone) tooWide.Add($"{path}: {width} px");
            // The market pages: the chart takes the column's width, its labels are readable, the tables fit.
            if (path.StartsWith("/indikator/", StringComparison.Ordinal))
            {
                await AssertChartUsesTheWidthAsync(page, minWidth: Phone - 40);
                await AssertTablesFitTheirColumnAsync(page);
            }
            if (path == "/indikator") await AssertTablesFitTheirColumnAsync(page);
        }
        Assert.Empty(tooWide);
    }

    [Fact]
    public async Task On_a_desktop_the_whole_ticker_is_on_screen_and_the_instrument_chart_and_closing_prices_fit_the_column()
    {
        await using var context = await site.NewStaffContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var ticks = page.Locator(".ticker .tick");
        Assert.True(await ticks.CountAsync() >= 10);
        foreach (var tick in await ticks.AllAsync()) await Expect(tick).ToBeInViewportAsync(new() { Ratio = 1 });

        foreach (var path in new[] { "/indikator/emas", "/indikator/rd-saham" })
        {
            await page.GotoAsync(path);
            await AssertChartUsesTheWidthAsync(page, minWidth: 600);
            await AssertTablesFitTheirColumnAsync(page);
        }
    }

    [Fact]
    public async Task The_ticker_shows_every_instrument_in_order_under_one_as_of_label_and_a_phone_swipes_through_them()
    {
        await using var context = await site.NewPhoneContextAsync(width: Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/indikator");
        var order = await page.Locator("table.quotes tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-live-symbol'))");

        await page.GotoAsync("/");
        var ticker = page.Locator(".ticker");
        var symbols = await ticker.Locator(".tick").EvaluateAllAsync<string[]>("ticks => ticks.map(t => t.getAttribute('data-live-symbol'))");
        Assert.Equal(order, symbols);
        await Expect(ticker.Locator("[data-live-bar=asof]")).ToHaveCountAsync(1);
        await Expect(ticker.Locator("[data-live-bar=asof]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(Per \d{2}:\d{2} WIB|Penutupan \d{2} \w{3} \d{4})$"));
        Assert.Equal(0, await ticker.Locator(".tick").GetByText("Penutupan").CountAsync());

        // On the phone the bar is as wide as the screen and the items scroll inside it: the first is on screen, the last
        // is reached by swiping.
        var items = ticker.Locator(".ticker-items");
        Assert.Equal("auto", await items.EvaluateAsync<string>("e => getComputedStyle(e).overflowX"));
        Assert.True(await items.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "all instruments fit: nothing to swipe");
        await Expect(ticker.Locator(".tick").First).ToBeInViewportAsync();
        await ticker.Locator(".tick").Last.ScrollIntoViewIfNeededAsync();
        await Expect(ticker.Locator(".tick").Last).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone);

        // An instrument without change shows as unchanged: no arrow up or down.
        foreach (var flat in await ticker.Locator(".tick.datar [data-live=arrow]").AllTextContentsAsync())
            Assert.Equal("■", flat);
    }

    static async Task AssertChartUsesTheWidthAsync(IPage page, int minWidth)
    {
        var chart = page.Locator("svg.chart");
        await Expect(chart).ToBeVisibleAsync();
        var box = await chart.BoundingBoxAsync();
        var column = await chart.EvaluateAsync<double>("e => e.parentElement.getBoundingClientRect().width");
        Assert.True(box!.Width >= minWidth && box.Width <= column + 0.5, $"{page.Url}: the chart is {box.Width} px wide in a {column} px column");
        var smallest = await chart.EvaluateAsync<double>("svg => Math.min(...[...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height))");
        Assert.True(smallest >= 11, $"{page.Url}: chart labels are {smallest} px high");
    }

    static async Task AssertTablesFitTheirColumnAsync(IPage page)
    {
        foreach (var table in await page.Locator("table.quotes").AllAsync())
        {
            var (own, column) = (await table.EvaluateAsync<double>("t => t.getBoundingClientRect().width"),
                await table.EvaluateAsync<double>("t => t.parentElement.getBoundingClientRect().width"));
            Assert.True(own <= column + 0.5, $"{page.Url}: a table is {own} px wide in a {column} px column");
        }
    }
}
