using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;
using Warta.Web.Markets.Redaksi;

namespace Warta.Tests.Markets;

public class QuoteIngestTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    // The fake clock stands at Friday 5 May 2023, 10:23 WIB.
    static DateTimeOffset Wib(int day, int hour, int minute, int second = 0) => new(2023, 5, day, hour, minute, second, TimeSpan.FromHours(7));

    async Task<JsonElement> TickerAsync(string symbol) =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/markets/ticker")).EnumerateArray().First(t => t.GetProperty("symbol").GetString() == symbol);

    async Task<T> InDbAsync<T>(Func<Warta.Web.Data.WartaDb, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(app.Db(scope));
    }

    Task<int> IdOfAsync(string symbol) => InDbAsync(db => db.Instruments.Where(i => i.Symbol == symbol).Select(i => i.Id).SingleAsync());

    [Fact]
    public async Task Csv_quotes_go_in_with_dates_wib_times_and_offsets()
    {
        var markets = await app.InstrumentsAsync();
        var response = await markets.PostCsvAsync(
            "symbol,value,time,previous_close\n" +
            "USD/IDR,15700,2023-05-04,\n" +
            "\"USD/IDR\",15680.5,2023-05-05 10:10,15700\n" +
            "RD.SAHAM,1522.64,2023-05-04T16:00:00+07:00,\n");
        var body = await response.ReadAsync<JsonElement>(200);
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());

        var usd = await TickerAsync("USD/IDR");
        Assert.Equal("15.681", usd.GetProperty("value").GetString());
        Assert.Equal("20", usd.GetProperty("change").GetString());
        var id = await IdOfAsync("USD/IDR");
        // A date alone is that day's close, 16:00 WIB.
        Assert.Equal(15700m, await InDbAsync(db => db.DailyBars.Where(b => b.InstrumentId == id && b.Day == new DateOnly(2023, 5, 4)).Select(b => b.Close).SingleAsync()));
    }

    [Fact]
    public async Task A_spreadsheet_csv_with_a_byte_order_mark_crlf_and_quotes_goes_in_and_one_bad_line_keeps_all_of_it_out()
    {
        var markets = await app.InstrumentsAsync();
        await app.IndexAsync("CSV.BOM");
        var id = await IdOfAsync("CSV.BOM");
        Task<int> StoredAsync() => InDbAsync(db => db.Quotes.CountAsync(q => q.InstrumentId == id));
        static Task<HttpResponseMessage> PostAsync(HttpClient client, string csv) =>
            client.PostAsync("/api/markets/quotes", new ByteArrayContent([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(csv)])
            {
                Headers = { ContentType = new("text/csv") { CharSet = "utf-8" } },
            });

        var refused = await PostAsync(markets,
            "\"symbol\",\"value\",\"time\"\r\n\"CSV.BOM\",\"1200.5\",\"2023-05-05T10:01:00+07:00\"\r\n\"CSV.BOM\",\"1.200,5\",\"2023-05-05T10:02:00+07:00\"\r\n");
        Assert.Equal(["line 3.value"], (await refused.ProblemAsync()).ErrorFields());
        Assert.Equal(0, await StoredAsync());

        var stored = await PostAsync(markets,
            "\"symbol\",\"value\",\"time\"\r\n\"CSV.BOM\",\"1200.5\",\"2023-05-05T10:01:00+07:00\"\r\n\"CSV.BOM\",\"1201\",\"2023-05-05T10:02:00+07:00\"\r\n");
        Assert.Equal(2, (await stored.ReadAsync<JsonElement>(200)).GetProperty("accepted").GetInt32());
        Assert.Equal(2, await StoredAsync());
    }

    [Fact]
    public async Task A_csv_with_bad_rows_is_refused_whole_naming_each_line_and_field()
    {
        var markets = await app.InstrumentsAsync();
        var before = await InDbAsync(db => db.DailyBars.CountAsync());
        var response = await markets.PostCsvAsync(string.Join("\n",
            "symbol,value,time",
            "LQ45,910.5,2023-05-05T10:00:00+07:00",
            "NOPE,1,2023-05-05T10:00:00+07:00",
            "LQ45,abc,2023-05-05T10:00:00+07:00",
            "LQ45,NaN,2023-05-05T10:00:00+07:00",
            "LQ45,Infinity,2023-05-05T10:00:00+07:00",
            "EMAS,-5,2023-05-05T10:00:00+07:00",
            "LQ45,910,2023-02-30",
            "LQ45,910,2023-05-09T10:00:00+07:00",
            "LQ45,910",
            ""));
        var problem = await response.ProblemAsync();
        var fields = problem.ErrorFields().ToList();
        // Lines 3 and 8 name their field once the file parses; line 3's symbol and line 7's sign are checked after parsing.
        Assert.Equal(["line 10", "line 4.value", "line 5.value", "line 6.value", "line 8.time"], fields.Order());
        Assert.Contains("not a number a quote can have", problem.GetProperty("errors").GetProperty("line 5.value")[0].GetString());

        var parsed = await markets.PostCsvAsync(string.Join("\n",
            "symbol,value,time", "LQ45,910.5,2023-05-05T10:00:00+07:00", "NOPE,1,2023-05-05T10:00:00+07:00",
            "EMAS,-5,2023-05-05T10:00:00+07:00", "LQ45,910,2023-05-09T10:00:00+07:00", "LQ45,910,1969-12-31"));
        Assert.Equal(["line 3.symbol", "line 4.value", "line 5.time", "line 6.time"], (await parsed.ProblemAsync()).ErrorFields().Order());

        var header = await markets.PostCsvAsync("symbol,price,time\nLQ45,1,2023-05-05\n");
        Assert.Contains("header", (await header.ProblemAsync()).ErrorFields());
        Assert.Equal(before, await InDbAsync(db => db.DailyBars.CountAsync()));
    }

    [Fact]
    public async Task Resending_a_batch_changes_nothing_and_a_late_quote_never_moves_the_ticker_back()
    {
        var markets = await app.InstrumentsAsync();
        object[] batch =
        [
            new { symbol = "LQ45", value = 901.40m, at = Wib(4, 16, 0) },
            new { symbol = "LQ45", value = 905m, at = Wib(5, 10, 0, 40) },
        ];
        (await markets.PostAsJsonAsync("/api/markets/quotes", batch)).EnsureSuccessStatusCode();
        (await markets.PostAsJsonAsync("/api/markets/quotes", batch)).EnsureSuccessStatusCode();
        // Earlier in the same minute, and earlier in the day: both land in history, neither reaches the ticker.
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 904m, at = Wib(5, 10, 0, 10) } })).EnsureSuccessStatusCode();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 899m, at = Wib(5, 9, 30) } })).EnsureSuccessStatusCode();

        Assert.Equal("905,00", (await TickerAsync("LQ45")).GetProperty("value").GetString());
        var id = await IdOfAsync("LQ45");
        Assert.Equal(3, await InDbAsync(db => db.Quotes.CountAsync(q => q.InstrumentId == id)));
        var friday = await InDbAsync(db => db.DailyBars.SingleAsync(b => b.InstrumentId == id && b.Day == new DateOnly(2023, 5, 5)));
        Assert.Equal((899m, 905m, 899m, 905m), (friday.Open, friday.High, friday.Low, friday.Close));
    }

    [Fact]
    public async Task A_corrected_quote_rebuilds_the_days_high()
    {
        var markets = await app.InstrumentsAsync();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "USD/IDR", value = 15_700m, at = Wib(5, 9, 0) },
            new { symbol = "USD/IDR", value = 15_790m, at = Wib(5, 9, 1) },
            new { symbol = "USD/IDR", value = 15_710m, at = Wib(5, 9, 2) },
        })).EnsureSuccessStatusCode();
        // The vendor corrects 09:01: it was 15.720, not 15.790.
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "USD/IDR", value = 15_720m, at = Wib(5, 9, 1) } })).EnsureSuccessStatusCode();
        var id = await IdOfAsync("USD/IDR");
        var bar = await InDbAsync(db => db.DailyBars.SingleAsync(b => b.InstrumentId == id && b.Day == new DateOnly(2023, 5, 5)));
        Assert.Equal(15_720m, bar.High);
    }

    [Fact]
    public async Task A_jump_beyond_the_bound_is_held_off_the_ticker_until_an_admin_confirms_it()
    {
        var markets = await app.InstrumentsAsync();
        await app.IndexAsync("IHSG");
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "IHSG", value = 900m, at = Wib(5, 10, 5) } })).EnsureSuccessStatusCode();
        var response = await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "IHSG", value = 1200m, at = Wib(5, 10, 5, 30) },   // +33% within the minute: held
            new { symbol = "EMAS", value = 1_354_000m, at = Wib(5, 9, 0) },
        });
        var body = await response.ReadAsync<JsonElement>(200);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var held = body.GetProperty("held").EnumerateArray().Single();
        Assert.Equal("[0]", held.GetProperty("row").GetString());
        Assert.Equal("900,00", (await TickerAsync("IHSG")).GetProperty("value").GetString());

        // Sent again by a feed: still one held quote, not two.
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "IHSG", value = 1200m, at = Wib(5, 10, 5, 30) } })).EnsureSuccessStatusCode();
        var ihsg = await IdOfAsync("IHSG");
        var heldRows = await InDbAsync(db => db.HeldQuotes.Where(h => h.InstrumentId == ihsg && h.Status == HeldStatus.Held).ToListAsync());
        Assert.Single(heldRows);

        using (var scope = app.Services.CreateScope())
        {
            var (outcome, _) = await scope.ServiceProvider.GetRequiredService<HeldQuoteDecisions>().DecideAsync(heldRows[0].Id, confirm: true, "admin@warta.local", CancellationToken.None);
            Assert.Equal(HeldQuoteDecisions.Outcome.Done, outcome);
        }
        Assert.Equal("1.200,00", (await TickerAsync("IHSG")).GetProperty("value").GetString());
        Assert.Equal(HeldStatus.Confirmed, await InDbAsync(db => db.HeldQuotes.Where(h => h.Id == heldRows[0].Id).Select(h => h.Status).SingleAsync()));

        // A daily instrument measures against yesterday's value, with its own bound (10% here): 1.354.000 → 1.600.000 is held.
        var gold = await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "EMAS", value = 1_600_000m, at = Wib(5, 10, 0) } });
        Assert.Single((await gold.ReadAsync<JsonElement>(200)).GetProperty("held").EnumerateArray());
    }

    [Fact]
    public async Task A_rejected_jump_stays_out_even_when_sent_again()
    {
        var markets = await app.InstrumentsAsync();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "USD/IDR", value = 15_600m, at = Wib(5, 8, 0) } })).EnsureSuccessStatusCode();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "USD/IDR", value = 156m, at = Wib(5, 8, 0, 20) } })).EnsureSuccessStatusCode();
        var held = await InDbAsync(db => db.HeldQuotes.SingleAsync(h => h.Value == 156m));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<HeldQuoteDecisions>().DecideAsync(held.Id, confirm: false, "admin@warta.local", CancellationToken.None);

        var again = await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "USD/IDR", value = 156m, at = Wib(5, 8, 0, 20) } });
        Assert.Empty((await again.ReadAsync<JsonElement>(200)).GetProperty("held").EnumerateArray());
        Assert.Equal(0, await InDbAsync(db => db.HeldQuotes.CountAsync(h => h.Value == 156m && h.Status == HeldStatus.Held)));
        Assert.NotEqual("156", (await TickerAsync("USD/IDR")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_ingest_service_works_without_http_and_reports_rows()
    {
        await app.IndexAsync("KOMPAS100");
        using var scope = app.Services.CreateScope();
        var ingest = scope.ServiceProvider.GetRequiredService<QuoteIngest>();
        var report = await ingest.IngestAsync([new QuoteInput { Symbol = "KOMPAS100", Value = 0m, At = Wib(5, 9, 0) }, new QuoteInput { Symbol = "KOMPAS100" }], CancellationToken.None);
        Assert.False(report.Succeeded);
        Assert.Equal([(0, "value"), (1, "value"), (1, "at")], report.Errors.Select(e => (e.Row, e.Field)));
        var ok = await ingest.IngestAsync([new QuoteInput { Symbol = "kompas100", Value = 901m, At = Wib(5, 9, 1) }], CancellationToken.None);
        Assert.Equal(1, ok.Accepted);
    }
}
