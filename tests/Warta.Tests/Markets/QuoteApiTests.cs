using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;

namespace Warta.Tests.Markets;

public class QuoteApiTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    // The fake clock stands at Friday 5 May 2023, 10:23 WIB.
    static readonly DateTimeOffset Thursday = new(2023, 5, 4, 16, 0, 0, TimeSpan.FromHours(7));
    static readonly DateTimeOffset Friday = new(2023, 5, 5, 10, 15, 0, TimeSpan.FromHours(7));

    async Task<HttpClient> SetUpAsync()
    {
        var admin = await app.ApiClientAsync();
        await admin.EnsureChannelAsync("ekonomi", "Ekonomi");
        (await admin.PutAsJsonAsync("/api/admin/instruments/LQ45", new { label = "LQ45", kind = "index", decimals = 2, unit = "poin", display = "full", order = 1, inTicker = true })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/instruments/EMAS", new { label = "EMAS", kind = "price", decimals = 0, unit = "Rp/gram", display = "full", order = 2, inTicker = true })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/instruments/RD.SAHAM", new { label = "RD.SAHAM", kind = "fund-index", decimals = 2, display = "percent", order = 3, inTicker = true })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/instruments/USD%2FIDR", new { label = "USD/IDR", kind = "fx", decimals = 0, unit = "Rp", order = 4, inTicker = true })).EnsureSuccessStatusCode();
        return await app.ApiClientAsync(ApiScopes.Markets);
    }

    [Fact]
    public async Task The_ticker_shows_values_changes_and_percents_in_Indonesian_form_in_order()
    {
        var markets = await SetUpAsync();
        var response = await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "LQ45", value = 901.40m, at = Thursday },
            new { symbol = "LQ45", value = 909.31m, at = Friday },
            new { symbol = "EMAS", value = 1_354_000m, previousClose = 1_332_000m, at = Friday },
            new { symbol = "RD.SAHAM", value = 1523.40m, previousClose = 1522.64m, at = Friday },
            new { symbol = "usd/idr", value = 15_680m, previousClose = 15_700m, at = Friday },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var home = await app.ReaderClient().GetPageAsync("/");
        var ticks = home.QuerySelectorAll(".tick").ToList();
        Assert.Equal(["LQ45", "EMAS", "RD.SAHAM", "USD/IDR"], ticks.Select(t => t.GetAttribute("data-live-symbol")));

        Assert.Equal("909,31", ticks[0].QuerySelector(".tick-value")!.TextContent);
        Assert.Equal("▲ 7,91", ticks[0].QuerySelector(".tick-chg")!.TextContent);
        Assert.Equal("0,88%", ticks[0].QuerySelector(".tick-pct")!.TextContent);
        Assert.Contains("naik", ticks[0].ClassList);
        Assert.Equal("/indikator/lq45", ticks[0].GetAttribute("href"));

        Assert.Equal("1.354.000", ticks[1].QuerySelector(".tick-value")!.TextContent);
        Assert.Equal("1,65%", ticks[1].QuerySelector(".tick-pct")!.TextContent);

        Assert.Null(ticks[2].QuerySelector(".tick-value"));
        Assert.Contains("naik", ticks[2].ClassList);
        Assert.Equal("▲ 0,05%", ticks[2].QuerySelector(".tick-pct")!.TextContent);

        Assert.Contains("turun", ticks[3].ClassList);
        Assert.Equal("▼ 20", ticks[3].QuerySelector(".tick-chg")!.TextContent);

        // A page that is not found carries the same ticker, values included.
        var missing = await app.ReaderClient().GetPageAsync("/tag/tidak-ada-apa-apa", 404);
        Assert.Equal(["909,31", "1.354.000", "15.680"], missing.QuerySelectorAll(".tick .tick-value").Select(v => v.TextContent));
    }

    [Fact]
    public async Task A_late_quote_lands_in_history_without_moving_the_ticker_back_and_a_resend_is_idempotent()
    {
        var markets = await SetUpAsync();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 905m, at = Friday } })).EnsureSuccessStatusCode();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 903m, at = Friday.AddMinutes(-10) } })).EnsureSuccessStatusCode();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 905m, at = Friday } })).EnsureSuccessStatusCode();

        var ticker = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/markets/ticker");
        Assert.Equal("905,00", ticker.EnumerateArray().First(t => t.GetProperty("symbol").GetString() == "LQ45").GetProperty("value").GetString());
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var lq45 = await db.Instruments.SingleAsync(i => i.Symbol == "LQ45");
        Assert.Equal(1, await db.Quotes.CountAsync(q => q.InstrumentId == lq45.Id && q.At == Friday.ToUniversalTime()));
    }

    [Fact]
    public async Task A_batch_with_bad_rows_is_refused_whole_naming_each_row()
    {
        var markets = await SetUpAsync();
        int before;
        using (var scope = app.Services.CreateScope()) before = await app.Db(scope).Quotes.CountAsync();

        var response = await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "LQ45", value = 910m, at = Friday },
            new { symbol = "NOPE", value = 1m, at = Friday },
            new { symbol = "EMAS", value = -5m, at = Friday },
            new { symbol = "LQ45", value = 911m, at = Friday.AddDays(3) },
            new { symbol = "LQ45", value = 912m },
        });
        var problem = await response.ProblemAsync();
        Assert.Equal(["[1].symbol", "[2].value", "[3].at", "[4].at"], problem.ErrorFields().Order());

        var notNumber = await markets.PostAsync("/api/markets/quotes", new StringContent("[{\"symbol\":\"LQ45\",\"value\":\"NaN\",\"at\":\"2023-05-05T10:00:00+07:00\"}]", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("[0].value", (await notNumber.ProblemAsync()).ErrorFields());

        using (var scope = app.Services.CreateScope()) Assert.Equal(before, await app.Db(scope).Quotes.CountAsync());
    }

    [Fact]
    public async Task A_markets_key_may_post_quotes_but_not_manage_instruments()
    {
        var markets = await SetUpAsync();
        var response = await markets.PutAsJsonAsync("/api/admin/instruments/IHSG", new { label = "IHSG", kind = "index" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 1m, at = Friday } });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
