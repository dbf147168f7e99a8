using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;

namespace Warta.Tests.Markets;

public class MarketPagesTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    static DateTimeOffset Wib(int month, int day, int hour, int minute) => new(2023, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>Two years of LQ45 closes (one per weekday, rising 0,10 a day from 800) and this morning's minutes.</summary>
    async Task SeedAsync()
    {
        var markets = await app.InstrumentsAsync();
        var admin = await app.ApiClientAsync();
        using var scope = app.Services.CreateScope();
        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(app.Db(scope).DailyBars)) return;
        var rows = new List<QuoteInput>();
        var value = 800m;
        for (var day = new DateOnly(2021, 5, 3); day < new DateOnly(2023, 5, 5); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            rows.Add(new QuoteInput { Symbol = "LQ45", Value = value, At = TradingCalendar.CloseOf(day) });
            value += 0.10m;
        }
        var thursday = value - 0.10m;
        rows.Add(new QuoteInput { Symbol = "LQ45", Value = thursday + 2m, At = Wib(5, 5, 9, 0) });
        rows.Add(new QuoteInput { Symbol = "LQ45", Value = thursday + 5m, At = Wib(5, 5, 10, 0) });
        rows.Add(new QuoteInput { Symbol = "LQ45", Value = thursday + 4m, At = Wib(5, 5, 10, 20) });
        rows.Add(new QuoteInput { Symbol = "EMAS", Value = 1_332_000m, At = Wib(5, 4, 9, 0) });
        rows.Add(new QuoteInput { Symbol = "EMAS", Value = 1_354_000m, At = Wib(5, 5, 9, 0) });
        rows.Add(new QuoteInput { Symbol = "USD/IDR", Value = 15_700m, At = Wib(5, 5, 9, 50) });
        var report = await scope.ServiceProvider.GetRequiredService<QuoteIngest>().IngestAsync(rows, CancellationToken.None);
        Assert.True(report.Succeeded, string.Join("; ", report.Describe(r => r.ToString())));

        await admin.EnsureChannelAsync("pasar", "Pasar");
        var story = NewsroomApi.Story("LQ45 Menguat di Sesi Pertama", "pasar");
        story["tags"] = new[] { "LQ45", "saham" };
        await admin.PublishAsync(story);
    }

    [Fact]
    public async Task The_instrument_page_charts_each_range_without_script_and_lists_figures_closes_and_stories()
    {
        await SeedAsync();
        var reader = app.ReaderClient();
        var page = await reader.GetPageAsync("/indikator/lq45");
        // 524 weekday closes up to Thursday: 800 + 523 × 0,10 = 852,30. Now 856,30 at 10:20: +4,00, 4 / 852,30 = 0,4693…% → 0,47%.
        Assert.Equal("856,30", page.Text(".quote-head [data-live=value]"));
        Assert.Equal("4,00", page.Text(".quote-head [data-live=change]"));
        Assert.Equal("0,47%", page.Text(".quote-head [data-live=percent]"));
        Assert.Equal("10:20 WIB", page.Text(".quote-head [data-live=asof]"));
        Assert.Contains("naik", page.QuerySelector(".quote-head")!.ClassList);
        Assert.Equal("LQ45", page.QuerySelector(".quote-head")!.GetAttribute("data-live-symbol"));

        var chart = page.QuerySelector("svg.chart")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("1 bulan", chart.QuerySelector("title")!.TextContent);
        Assert.Contains("ke 856,30", chart.QuerySelector("desc")!.TextContent);
        Assert.Equal(["hari-ini", "1b", "1t", "5t"], page.QuerySelectorAll(".tabs a").Select(a => a.GetAttribute("href")!.Split('=')[1]));

        foreach (var (range, first) in new[] { ("hari-ini", "Dari 854,30 (09:00 WIB)"), ("1t", "Dari 826,30 (05 Mei 2022)"), ("5t", "Dari 800,00 (03 Mei 2021)") })
        {
            var ranged = await reader.GetPageAsync("/indikator/lq45?rentang=" + range);
            Assert.StartsWith(first, ranged.Text("svg.chart desc"));
            Assert.Equal("page", ranged.QuerySelector($".tabs a[href='?rentang={range}']")!.GetAttribute("aria-current"));
        }

        // Closes, newest first (today's session is not a close yet): Thursday 852,30, +0,10 on Wednesday's 852,20 (0,0117…%).
        var firstRow = page.QuerySelectorAll("table.quotes tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["04 Mei 2023", "852,30", "+0,10", "+0,01%"], firstRow.Take(4));
        // A week back is Friday 28 April at 851,90: 4,40 / 851,90 = 0,5164…%.
        string Figure(string name) => page.QuerySelectorAll(".figures div").Single(d => d.QuerySelector("dt")!.TextContent == name).QuerySelector("dd")!.TextContent.Trim();
        Assert.Equal("+0,52%", Figure("1 minggu"));
        Assert.Equal("857,30", Figure("Tertinggi hari ini"));     // the 10:00 quote
        Assert.Equal("854,30", Figure("Terendah hari ini"));
        Assert.Contains(page.QuerySelectorAll("aside .card h3"), h => h.TextContent.Contains("LQ45 Menguat"));
    }

    [Fact]
    public async Task The_overview_lists_every_instrument_and_the_ticker_links_to_each_page()
    {
        await SeedAsync();
        var overview = await app.ReaderClient().GetPageAsync("/indikator");
        var rows = overview.QuerySelectorAll("table.quotes tbody tr").ToList();
        Assert.Equal(["LQ45", "EMAS", "RD.SAHAM", "USD/IDR"], rows.Select(r => r.GetAttribute("data-live-symbol")));
        Assert.Equal("/indikator/usd-idr", rows[3].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Belum ada data", rows[2].TextContent);

        // Gold is a daily price: its value is a close, shown with its date.
        Assert.Equal("Penutupan 05 Mei 2023", rows[1].QuerySelector("[data-live=asof]")!.TextContent.Trim());
        // USD/IDR last quoted at 09:50; continuous, bound 15 minutes, now 10:23: stale.
        Assert.Contains("basi", rows[3].ClassList);

        var home = await app.ReaderClient().GetPageAsync("/");
        Assert.Equal("/indikator/lq45", home.QuerySelector(".tick[data-live-symbol=LQ45]")!.GetAttribute("href"));
        Assert.Equal("/indikator/usd-idr", home.QuerySelector(".tick[data-live-symbol='USD/IDR']")!.GetAttribute("href"));
        Assert.Contains("basi", home.QuerySelector(".tick[data-live-symbol='USD/IDR']")!.ClassList);
        Assert.Equal("15.700", (await app.ReaderClient().GetPageAsync("/indikator/usd-idr")).Text(".quote-head [data-live=value]"));
    }

    [Fact]
    public async Task An_unknown_instrument_is_a_friendly_404()
    {
        var page = await app.ReaderClient().GetPageAsync("/indikator/tidak-ada", 404);
        Assert.NotNull(page.QuerySelector("h1"));
        Assert.Equal(HttpStatusCode.OK, (await app.ReaderClient().GetAsync("/indikator")).StatusCode);
    }
}
