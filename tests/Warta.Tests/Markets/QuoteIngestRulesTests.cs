using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;
using Warta.Web.Markets.Redaksi;
using Warta.Web.Newsroom;

namespace Warta.Tests.Markets;

/// <summary>
/// The rules of quote ingest at their edges, as a vendor or an operator meets them: each refusal's exact reason, the batch
/// limit, the jump bound and window, which quote a minute and a day keep, the minutes kept at the retention cutoff, and held
/// quotes sent again. Each test has instruments of its own (the app is shared by the class).
/// </summary>
public class QuoteIngestRulesTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    // The fake clock stands at Friday 5 May 2023, 10:23 WIB; minutes are kept from 5 April 00:00 WIB (30 days, to a WIB midnight).
    static DateTimeOffset Wib(int month, int day, int hour, int minute, int second = 0) => new(2023, month, day, hour, minute, second, TimeSpan.FromHours(7));
    static readonly DateTimeOffset Cutoff = Wib(4, 5, 0, 0);

    static QuoteInput Q(string symbol, decimal value, DateTimeOffset at) => new() { Symbol = symbol, Value = value, At = at };

    async Task InstrumentAsync(string symbol, decimal jumpHoldPercent = 25, int jumpWindowMinutes = 1)
    {
        var admin = await app.ApiClientAsync();
        var response = await admin.PutAsJsonAsync($"/api/admin/instruments/{symbol}",
            new { label = symbol, kind = "index", decimals = 2, unit = "poin", order = 9, jumpHoldPercent, jumpWindowMinutes });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    async Task<QuoteIngestReport> IngestAsync(params QuoteInput[] rows)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuoteIngest>().IngestAsync(rows, CancellationToken.None);
    }

    async Task<T> InDbAsync<T>(Func<Warta.Web.Data.WartaDb, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(app.Db(scope));
    }

    Task<int> IdOfAsync(string symbol) => InDbAsync(db => db.Instruments.Where(i => i.Symbol == symbol).Select(i => i.Id).SingleAsync());

    async Task<(decimal Open, decimal High, decimal Low, decimal Close)> BarAsync(string symbol, int month, int day)
    {
        var id = await IdOfAsync(symbol);
        var bar = await InDbAsync(db => db.DailyBars.SingleAsync(b => b.InstrumentId == id && b.Day == new DateOnly(2023, month, day)));
        return (bar.Open, bar.High, bar.Low, bar.Close);
    }

    async Task<List<decimal>> MinuteValuesAsync(string symbol)
    {
        var id = await IdOfAsync(symbol);
        return await InDbAsync(db => db.Quotes.Where(q => q.InstrumentId == id).OrderBy(q => q.Minute).Select(q => q.Value).ToListAsync());
    }

    async Task<List<decimal>> HeldValuesAsync(string symbol, DateTimeOffset at)
    {
        var id = await IdOfAsync(symbol);
        var held = await InDbAsync(db => db.HeldQuotes.Where(h => h.InstrumentId == id && h.Status == HeldStatus.Held).ToListAsync());
        return held.Where(h => h.At == at).Select(h => h.Value).Order().ToList();
    }

    [Fact]
    public async Task Each_refused_row_is_named_with_its_field_and_reason_and_the_edges_of_each_rule_are_allowed()
    {
        await InstrumentAsync("UJI.TOLAK");
        var now = app.Clock.GetUtcNow();
        const decimal largest = 99_999_999_999_999m;
        QuoteInput[] rows =
        [
            new() { Symbol = " ", Value = 1, At = now },
            new() { Symbol = "NOPE", Value = 1, At = now },
            new() { Symbol = "UJI.TOLAK", At = now },
            new() { Symbol = "UJI.TOLAK", Value = 0, At = now },
            new() { Symbol = "UJI.TOLAK", Value = largest + 1, At = now },
            new() { Symbol = "UJI.TOLAK", Value = 1, PreviousClose = 0, At = now },
            new() { Symbol = "UJI.TOLAK", Value = 1, PreviousClose = largest + 1, At = now },
            new() { Symbol = "UJI.TOLAK", Value = 1 },
            new() { Symbol = "UJI.TOLAK", Value = 1, At = now.AddMinutes(5).AddSeconds(1) },
            new() { Symbol = "UJI.TOLAK", Value = 1, At = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero) },
            // The edges, all allowed: the largest value and previous close, five minutes ahead, the first instant of 1970.
            new() { Symbol = "UJI.TOLAK", Value = largest, PreviousClose = largest, At = now.AddMinutes(5) },
            new() { Symbol = "UJI.TOLAK", Value = 1, At = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        ];
        using var scope = app.Services.CreateScope();
        var errors = await scope.ServiceProvider.GetRequiredService<QuoteIngest>().CheckAsync(rows, CancellationToken.None);
        Assert.Equal<QuoteRowError>(
        [
            new(0, "symbol", "Symbol is required."),
            new(1, "symbol", "Unknown symbol 'NOPE'."),
            new(2, "value", "Value is required and must be a number."),
            new(3, "value", "Value must be above zero."),
            new(4, "value", "Value is too large."),
            new(5, "previousClose", "Previous close must be above zero."),
            new(6, "previousClose", "Previous close is too large."),
            new(7, "at", "Time is required, in ISO 8601 with an offset."),
            new(8, "at", "Time is in the future."),
            new(9, "at", "Time is before 1970."),
        ], errors);
    }

    [Fact]
    public async Task A_batch_is_refused_when_empty_or_over_ten_thousand_quotes_and_a_full_one_is_checked_row_by_row()
    {
        Assert.Equal([new QuoteRowError(-1, "", "The batch is empty.")], (await IngestAsync()).Errors);
        var at = app.Clock.GetUtcNow();
        var over = await IngestAsync([.. Enumerable.Range(0, QuoteIngest.MaxBatch + 1).Select(_ => Q("NOPE", 1, at))]);
        Assert.Equal([new QuoteRowError(-1, "", "A batch holds at most 10000 quotes.")], over.Errors);
        var full = await IngestAsync([.. Enumerable.Range(0, QuoteIngest.MaxBatch).Select(_ => Q("NOPE", 1, at))]);
        Assert.Equal(QuoteIngest.MaxBatch, full.Errors.Count);
        Assert.All(full.Errors, e => Assert.Equal("symbol", e.Field));
    }

    [Fact]
    public async Task The_api_names_a_bad_row_by_its_index_the_first_one_too()
    {
        await InstrumentAsync("UJI.API");
        var markets = await app.ApiClientAsync(ApiScopes.Markets);
        var response = await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "UJI.API", value = 0m, at = app.Clock.GetUtcNow() },
            new { symbol = "NOPE", value = 1m, at = app.Clock.GetUtcNow() },
        });
        Assert.Equal(["[0].value", "[1].symbol"], (await response.ProblemAsync()).ErrorFields());
    }

    [Fact]
    public void Errors_read_on_one_line_each_for_logs_and_the_command_line()
    {
        var report = QuoteIngestReport.Refused([new(-1, "", "The batch is empty."), new(2, "value", "Value must be above zero."), new(3, "", "Bad line.")]);
        Assert.Equal(["The batch is empty.", "line 4.value: Value must be above zero.", "line 5: Bad line."], report.Describe(row => $"line {row + 2}"));
    }

    [Fact]
    public void Retention_and_reduction_settings_are_checked_at_start_to_their_edges()
    {
        var defaults = new MarketsOptions();
        Assert.Equal((30, 60, true), (defaults.MinuteRetentionDays, defaults.ReduceEveryMinutes, defaults.ReduceInBackground));
        foreach (var (days, minutes) in new[] { (1, 1), (3650, 1440) })
        {
            var options = new MarketsOptions { MinuteRetentionDays = days, ReduceEveryMinutes = minutes };
            Assert.Same(options, options.Validated());
        }
        foreach (var (days, minutes) in new[] { (0, 60), (3651, 60), (30, 0), (30, 1441) })
        {
            var e = Assert.Throws<InvalidOperationException>(() => new MarketsOptions { MinuteRetentionDays = days, ReduceEveryMinutes = minutes }.Validated());
            Assert.Equal("Warta:Markets:MinuteRetentionDays must be 1–3650 and Warta:Markets:ReduceEveryMinutes 1–1440.", e.Message);
        }
    }

    [Fact]
    public void A_day_bar_opens_with_the_earliest_quote_closes_with_the_latest_and_a_corrected_one_quote_day_takes_the_new_value()
    {
        var day = new DateOnly(2023, 5, 5);
        var (t1, t2, t3, t4) = (Wib(5, 5, 9, 0), Wib(5, 5, 9, 1), Wib(5, 5, 9, 2), Wib(5, 5, 9, 3));
        static (decimal, decimal, decimal, decimal) Ohlc(Warta.Web.Markets.DailyBar b) => (b.Open, b.High, b.Low, b.Close);

        var single = DailyBars.Merge(null, 1, day, t2, 100m);
        Assert.Equal((100m, 100m, 100m, 100m), Ohlc(single));
        // The only quote of the day corrected downwards: the old value held the high, and nothing else does.
        Assert.Equal((90m, 90m, 90m, 90m), Ohlc(DailyBars.Merge(single, 1, day, t2, 90m)));

        var bar = DailyBars.Merge(DailyBars.Merge(null, 1, day, t2, 100m), 1, day, t3, 110m);
        Assert.Equal((100m, 110m, 100m, 110m), Ohlc(bar));
        bar = DailyBars.Merge(bar, 1, day, t2, 104m);      // the opening quote corrected
        Assert.Equal((104m, 110m, 100m, 110m), Ohlc(bar));
        bar = DailyBars.Merge(bar, 1, day, t3, 108m);      // the closing quote corrected
        Assert.Equal((104m, 110m, 100m, 108m), Ohlc(bar));
        bar = DailyBars.Merge(bar, 1, day, t1, 95m);       // an earlier quote arrives late
        Assert.Equal((95m, 110m, 95m, 108m), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal((t1, t3), (bar.OpenAt, bar.CloseAt));
        bar = DailyBars.Merge(bar, 1, day, t4, 120m);      // a later one
        Assert.Equal((95m, 120m, 95m, 120m), Ohlc(bar));
        Assert.Equal((t1, t4), (bar.OpenAt, bar.CloseAt));
    }

    [Fact]
    public async Task An_instrument_added_after_quotes_went_in_takes_its_own_quotes_at_once()
    {
        await InstrumentAsync("UJI.SEDIA");
        // The ingest now knows the instruments as they were before the new one.
        Assert.Equal(1, (await IngestAsync(Q("UJI.SEDIA", 1000m, Wib(5, 5, 9, 30)))).Accepted);
        Assert.Equal([new QuoteRowError(0, "symbol", "Unknown symbol 'UJI.BARU'.")], (await IngestAsync(Q("UJI.BARU", 500m, Wib(5, 5, 9, 30)))).Errors);

        await InstrumentAsync("UJI.BARU");
        var report = await IngestAsync(Q("UJI.BARU", 500m, Wib(5, 5, 9, 31)), Q("UJI.SEDIA", 1001m, Wib(5, 5, 9, 31)));
        Assert.Equal((2, 0), (report.Accepted, report.Errors.Count));
        Assert.Equal([500m], await MinuteValuesAsync("UJI.BARU"));
    }

    [Fact]
    public async Task An_instrument_stored_by_another_way_than_the_admin_api_takes_quotes_at_once()
    {
        await InstrumentAsync("UJI.ADA");
        Assert.Equal(1, (await IngestAsync(Q("UJI.ADA", 1000m, Wib(5, 5, 9, 30)))).Accepted);
        // Demo seeding and another node write instruments without this node's editor; a symbol not known yet is looked up again.
        await InDbAsync(async db =>
        {
            db.Instruments.Add(new Instrument { Symbol = "UJI.LANGSUNG", Label = "Langsung", Kind = InstrumentKind.Index, JumpHoldPercent = 25, JumpWindowMinutes = 1 });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, (await IngestAsync(Q("UJI.LANGSUNG", 700m, Wib(5, 5, 9, 31)))).Accepted);
        Assert.Equal([700m], await MinuteValuesAsync("UJI.LANGSUNG"));
    }

    [Fact]
    public async Task A_jump_bound_an_admin_tightens_holds_the_very_next_quote()
    {
        await InstrumentAsync("UJI.KETAT", jumpHoldPercent: 50, jumpWindowMinutes: 5);
        Assert.Equal(1, (await IngestAsync(Q("UJI.KETAT", 1000m, Wib(5, 5, 9, 0)))).Accepted);
        Assert.Equal(1, (await IngestAsync(Q("UJI.KETAT", 1200m, Wib(5, 5, 9, 1)))).Accepted);

        await InstrumentAsync("UJI.KETAT", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        var report = await IngestAsync(Q("UJI.KETAT", 1440m, Wib(5, 5, 9, 2)));
        Assert.Equal((0, 20m), (report.Accepted, report.Held.Single().Percent));
    }

    [Fact]
    public async Task A_quote_exactly_at_the_jump_bound_goes_in_and_one_just_beyond_it_is_held()
    {
        await InstrumentAsync("UJI.BATAS", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        await IngestAsync(Q("UJI.BATAS", 1000m, Wib(5, 5, 10, 0)));
        var exactly = await IngestAsync(Q("UJI.BATAS", 1100m, Wib(5, 5, 10, 1)));
        Assert.Equal((1, 0), (exactly.Accepted, exactly.Held.Count));
        var beyond = await IngestAsync(Q("UJI.BATAS", 1210.01m, Wib(5, 5, 10, 2)));
        Assert.Equal((0, 10.0009m), (beyond.Accepted, Math.Round(beyond.Held.Single().Percent, 4)));
    }

    [Fact]
    public async Task A_jump_is_measured_from_the_quote_just_before_it_in_time_whatever_order_the_batch_lists_them()
    {
        await InstrumentAsync("UJI.URUT", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        var report = await IngestAsync(Q("UJI.URUT", 1000m, Wib(5, 5, 10, 3)), Q("UJI.URUT", 900m, Wib(5, 5, 10, 1)));
        Assert.Equal(1, report.Accepted);
        Assert.Equal((0, 900m), (report.Held.Single().Row, report.Held.Single().Reference));
    }

    [Fact]
    public async Task A_stored_quote_at_the_very_start_of_the_window_is_what_a_jump_is_measured_from_for_the_earliest_row_of_a_batch()
    {
        await InstrumentAsync("UJI.JENDELA", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        await IngestAsync(Q("UJI.JENDELA", 1000m, Wib(5, 5, 9, 0)));
        // 09:05 is five minutes after the stored 09:00: held. 09:30 is beyond the window of any quote: stored.
        var report = await IngestAsync(Q("UJI.JENDELA", 1200m, Wib(5, 5, 9, 5)), Q("UJI.JENDELA", 1201m, Wib(5, 5, 9, 30)));
        Assert.Equal(1, report.Accepted);
        Assert.Equal((0, 1000m), (report.Held.Single().Row, report.Held.Single().Reference));
    }

    [Fact]
    public async Task A_daily_instrument_keeps_its_long_window_when_a_minute_instrument_is_in_the_same_batch()
    {
        await InstrumentAsync("UJI.MENIT");
        await InstrumentAsync("UJI.HARIAN", jumpHoldPercent: 10, jumpWindowMinutes: 5760);
        await IngestAsync(Q("UJI.HARIAN", 1000m, Wib(5, 4, 9, 0)));
        var report = await IngestAsync(Q("UJI.MENIT", 500m, Wib(5, 5, 9, 0)), Q("UJI.HARIAN", 1200m, Wib(5, 5, 9, 0)));
        Assert.Equal(("UJI.HARIAN", 1000m), (report.Held.Single().Symbol, report.Held.Single().Reference));
    }

    [Fact]
    public async Task A_minute_keeps_its_latest_quote_and_of_two_at_the_same_instant_the_later_row()
    {
        await InstrumentAsync("UJI.MENITAN");
        await IngestAsync(Q("UJI.MENITAN", 100m, Wib(5, 5, 10, 0, 40)), Q("UJI.MENITAN", 101m, Wib(5, 5, 10, 0, 10)));
        await IngestAsync(Q("UJI.MENITAN", 110m, Wib(5, 5, 10, 5)), Q("UJI.MENITAN", 111m, Wib(5, 5, 10, 5)));
        Assert.Equal([100m, 111m], await MinuteValuesAsync("UJI.MENITAN"));
    }

    [Fact]
    public async Task Quotes_older_than_the_minutes_kept_go_into_their_days_bars_the_later_row_winning_a_tie()
    {
        await InstrumentAsync("UJI.LAMA");
        var first = await IngestAsync(Q("UJI.LAMA", 100m, Wib(3, 1, 10, 0)), Q("UJI.LAMA", 101m, Wib(3, 1, 10, 0)));
        Assert.Equal(2, first.Accepted);
        Assert.Equal((101m, 101m, 101m, 101m), await BarAsync("UJI.LAMA", 3, 1));
        Assert.Empty(await MinuteValuesAsync("UJI.LAMA"));
    }

    [Fact]
    public async Task A_batch_over_several_old_days_adds_to_each_days_bar_without_losing_what_it_held()
    {
        await InstrumentAsync("UJI.HARI");
        await IngestAsync(Q("UJI.HARI", 100m, Wib(3, 1, 9, 0)), Q("UJI.HARI", 110m, Wib(3, 1, 15, 0)), Q("UJI.HARI", 200m, Wib(3, 2, 9, 0)));
        await IngestAsync(Q("UJI.HARI", 105m, Wib(3, 1, 12, 0)), Q("UJI.HARI", 190m, Wib(3, 2, 12, 0)));
        Assert.Equal((100m, 110m, 100m, 110m), await BarAsync("UJI.HARI", 3, 1));
        Assert.Equal((200m, 200m, 190m, 190m), await BarAsync("UJI.HARI", 3, 2));
    }

    [Fact]
    public async Task The_first_day_of_kept_minutes_keeps_its_midnight_minute_and_a_correction_rebuilds_that_day_alone()
    {
        await InstrumentAsync("UJI.BATASHARI");
        await IngestAsync(Q("UJI.BATASHARI", 100m, Cutoff), Q("UJI.BATASHARI", 150m, Cutoff.AddHours(9)), Q("UJI.BATASHARI", 130m, Cutoff.AddDays(1)));
        Assert.Equal([100m, 150m, 130m], await MinuteValuesAsync("UJI.BATASHARI"));
        // The vendor corrects 09:00: the old value was the day's high.
        await IngestAsync(Q("UJI.BATASHARI", 120m, Cutoff.AddHours(9)));
        Assert.Equal((100m, 120m, 100m, 120m), await BarAsync("UJI.BATASHARI", 4, 5));
    }

    [Fact]
    public async Task A_held_quote_sent_again_is_updated_not_doubled_and_one_an_admin_rejected_comes_back_only_with_another_value()
    {
        await InstrumentAsync("UJI.TAHAN", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        await IngestAsync(Q("UJI.TAHAN", 1000m, Wib(5, 5, 10, 0)));
        await IngestAsync(Q("UJI.TAHAN", 1200m, Wib(5, 5, 10, 1)));
        // The feed corrects the held quote before anyone decided on it: still one held quote, with the new value.
        await IngestAsync(Q("UJI.TAHAN", 1300m, Wib(5, 5, 10, 1)));
        Assert.Equal([1300m], await HeldValuesAsync("UJI.TAHAN", Wib(5, 5, 10, 1)));
        // Another jump a minute later is a held quote of its own.
        await IngestAsync(Q("UJI.TAHAN", 1250m, Wib(5, 5, 10, 2)));
        Assert.Equal([1250m], await HeldValuesAsync("UJI.TAHAN", Wib(5, 5, 10, 2)));
        Assert.Equal([1300m], await HeldValuesAsync("UJI.TAHAN", Wib(5, 5, 10, 1)));
        // Two jumps at one instant in one batch: one held quote, the later row's value.
        var twice = await IngestAsync(Q("UJI.TAHAN", 1400m, Wib(5, 5, 10, 3)), Q("UJI.TAHAN", 1450m, Wib(5, 5, 10, 3)));
        Assert.Equal(2, twice.Held.Count);
        Assert.Equal([1450m], await HeldValuesAsync("UJI.TAHAN", Wib(5, 5, 10, 3)));

        var id = await IdOfAsync("UJI.TAHAN");
        var rejected = await InDbAsync(db => db.HeldQuotes.SingleAsync(h => h.InstrumentId == id && h.Value == 1250m));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<HeldQuoteDecisions>().DecideAsync(rejected.Id, confirm: false, "admin@warta.local", CancellationToken.None);
        Assert.Empty((await IngestAsync(Q("UJI.TAHAN", 1250m, Wib(5, 5, 10, 2)))).Held);
        Assert.Equal(1260m, (await IngestAsync(Q("UJI.TAHAN", 1260m, Wib(5, 5, 10, 2)))).Held.Single().Value);
        Assert.Equal([1260m], await HeldValuesAsync("UJI.TAHAN", Wib(5, 5, 10, 2)));
    }

    [Fact]
    public void The_first_row_is_named_in_the_description_not_taken_for_the_whole_batch()
    {
        var report = QuoteIngestReport.Refused([new(0, "symbol", "Unknown symbol 'NOPE'.")]);
        Assert.Equal(["line 2.symbol: Unknown symbol 'NOPE'."], report.Describe(row => $"line {row + 2}"));
    }

    [Fact]
    public async Task A_corrected_day_is_rebuilt_from_its_own_instruments_minutes_alone()
    {
        await InstrumentAsync("UJI.KOREKSI");
        await InstrumentAsync("UJI.TETANGGA");
        // Another instrument's quotes on the same day, above and below every one of this instrument's.
        await IngestAsync(Q("UJI.TETANGGA", 5000m, Wib(5, 3, 9, 0)), Q("UJI.TETANGGA", 5m, Wib(5, 3, 9, 30)));
        await IngestAsync(Q("UJI.KOREKSI", 100m, Wib(5, 3, 9, 0)), Q("UJI.KOREKSI", 110m, Wib(5, 3, 10, 0)));
        // The vendor corrects 10:00, the day's high: the day is rebuilt from its minutes.
        await IngestAsync(Q("UJI.KOREKSI", 105m, Wib(5, 3, 10, 0)));
        Assert.Equal((100m, 105m, 100m, 105m), await BarAsync("UJI.KOREKSI", 5, 3));
        Assert.Equal((5000m, 5000m, 5m, 5m), await BarAsync("UJI.TETANGGA", 5, 3));
    }

    [Fact]
    public async Task An_old_days_only_quote_corrected_in_a_batch_that_adds_a_later_one_leaves_nothing_of_its_old_value()
    {
        await InstrumentAsync("UJI.LAMAKOREKSI");
        await IngestAsync(Q("UJI.LAMAKOREKSI", 100m, Wib(3, 6, 10, 0)));
        // A day before the minutes kept has only its bar: the correction and the later quote are merged into it.
        await IngestAsync(Q("UJI.LAMAKOREKSI", 120m, Wib(3, 6, 11, 0)), Q("UJI.LAMAKOREKSI", 150m, Wib(3, 6, 10, 0)));
        Assert.Equal((150m, 150m, 120m, 120m), await BarAsync("UJI.LAMAKOREKSI", 3, 6));
    }

    [Fact]
    public async Task Jumps_in_one_batch_are_each_held_on_their_own_two_instruments_at_one_instant_and_one_instrument_at_two()
    {
        await InstrumentAsync("UJI.LONJAKA", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        await InstrumentAsync("UJI.LONJAKB", jumpHoldPercent: 10, jumpWindowMinutes: 5);
        await IngestAsync(Q("UJI.LONJAKA", 1000m, Wib(5, 5, 9, 0)), Q("UJI.LONJAKB", 2000m, Wib(5, 5, 9, 0)));
        var report = await IngestAsync(Q("UJI.LONJAKA", 1500m, Wib(5, 5, 9, 1)), Q("UJI.LONJAKB", 3000m, Wib(5, 5, 9, 1)), Q("UJI.LONJAKA", 1600m, Wib(5, 5, 9, 2)));
        Assert.Equal((0, 3), (report.Accepted, report.Held.Count));
        Assert.Equal([1500m], await HeldValuesAsync("UJI.LONJAKA", Wib(5, 5, 9, 1)));
        Assert.Equal([1600m], await HeldValuesAsync("UJI.LONJAKA", Wib(5, 5, 9, 2)));
        Assert.Equal([3000m], await HeldValuesAsync("UJI.LONJAKB", Wib(5, 5, 9, 1)));
    }

    /// <summary>Ten instruments, 1,200 quotes: two hours of minutes each, listed newest first, every second one with a previous close.</summary>
    static List<QuoteInput> Batch(string prefix)
    {
        var rows = new List<QuoteInput>();
        for (var m = 119; m >= 0; m--)
            for (var i = 0; i < 10; i++)
                rows.Add(new QuoteInput
                {
                    Symbol = $"{prefix}{i}", Value = 1000m + i + m * 0.25m + 0.123456m - m % 7, At = Wib(5, 5, 8, 0).AddMinutes(m).AddSeconds(i),
                    PreviousClose = m % 2 == 0 ? 999.000001m + i : null,
                });
        return rows;
    }

    async Task<List<(int Instrument, DateTimeOffset Minute, DateTimeOffset At, decimal Value, decimal? PreviousClose)>> MinutesAsync(string prefix) =>
        (await InDbAsync(db => db.Quotes.Join(db.Instruments.Where(i => i.Symbol.StartsWith(prefix)), q => q.InstrumentId, i => i.Id, (q, i) => q).ToListAsync()))
        .Select(q => (q.InstrumentId, q.Minute, q.At, q.Value, q.PreviousClose)).OrderBy(q => q.InstrumentId).ThenBy(q => q.Minute).ToList();

    async Task<List<(int Instrument, DateOnly Day, decimal Open, decimal High, decimal Low, decimal Close, DateTimeOffset OpenAt, DateTimeOffset CloseAt)>> BarsAsync(string prefix) =>
        (await InDbAsync(db => db.DailyBars.Join(db.Instruments.Where(i => i.Symbol.StartsWith(prefix)), b => b.InstrumentId, i => i.Id, (b, i) => b).ToListAsync()))
        .Select(b => (b.InstrumentId, b.Day, b.Open, b.High, b.Low, b.Close, b.OpenAt, b.CloseAt)).OrderBy(b => b.InstrumentId).ToList();

    [Fact]
    public async Task A_batch_of_a_thousand_quotes_in_any_order_is_stored_exactly_and_sending_it_again_changes_nothing()
    {
        for (var i = 0; i < 10; i++) await InstrumentAsync($"UJI.BANYAK{i}", jumpHoldPercent: 1000);
        var rows = Batch("UJI.BANYAK");
        // Two quotes at one instant at the end of the batch: the later row wins; one earlier in its minute loses to the minute's latest.
        rows.Add(Q("UJI.BANYAK3", 1500m, Wib(5, 5, 8, 30, 3)));
        rows.Add(Q("UJI.BANYAK3", 1501.5m, Wib(5, 5, 8, 30, 3)));
        rows.Add(Q("UJI.BANYAK4", 900m, Wib(5, 5, 8, 30, 1)));
        var report = await IngestAsync([.. rows]);
        Assert.Equal((1203, 0, 0), (report.Accepted, report.Held.Count, report.Errors.Count));

        var minutes = await MinutesAsync("UJI.BANYAK");
        Assert.Equal(1200, minutes.Count);
        var index = new Dictionary<int, int>();
        for (var i = 0; i < 10; i++) index[await IdOfAsync($"UJI.BANYAK{i}")] = i;
        foreach (var (instrument, minute, at, value, previousClose) in minutes)
        {
            var (i, m) = (index[instrument], (int)(minute - Wib(5, 5, 8, 0)).TotalMinutes);
            var twice = i == 3 && m == 30;
            Assert.Equal(Wib(5, 5, 8, 0).AddMinutes(m).AddSeconds(i), at);
            Assert.Equal(twice ? 1501.5m : 1000m + i + m * 0.25m + 0.123456m - m % 7, value);
            Assert.Equal(twice || m % 2 == 1 ? null : 999.000001m + i, previousClose);
        }

        // Each day's bar from the same rows: opened at 08:00, closed at 09:59, the high and low of every quote accepted
        // (the early quote that lost its minute still was the day's low).
        var bars = await BarsAsync("UJI.BANYAK");
        Assert.Equal(10, bars.Count);
        foreach (var (instrument, day, open, high, low, close, openAt, closeAt) in bars)
        {
            var own = minutes.Where(q => q.Instrument == instrument).ToList();
            Assert.Equal(new DateOnly(2023, 5, 5), day);
            var lowest = index[instrument] == 4 ? 900m : own.Min(q => q.Value);
            Assert.Equal((own[0].Value, own.Max(q => q.Value), lowest, own[^1].Value), (open, high, low, close));
            Assert.Equal((own[0].At, own[^1].At), (openAt, closeAt));
        }
        var held = await InDbAsync(db => db.HeldQuotes.CountAsync());

        var again = await IngestAsync([.. rows]);
        Assert.Equal((1203, 0), (again.Accepted, again.Errors.Count));
        Assert.Equal(minutes, await MinutesAsync("UJI.BANYAK"));
        Assert.Equal(bars, await BarsAsync("UJI.BANYAK"));
        Assert.Equal(held, await InDbAsync(db => db.HeldQuotes.CountAsync()));
    }

    [Fact]
    public async Task A_bad_quote_in_the_middle_of_a_thousand_refuses_the_whole_batch_over_the_api_and_writes_nothing()
    {
        for (var i = 0; i < 10; i++) await InstrumentAsync($"UJI.SATUBURUK{i}", jumpHoldPercent: 1000);
        var rows = Batch("UJI.SATUBURUK").Take(1000).Select(r => new { symbol = r.Symbol, value = r.Value, at = r.At, previousClose = r.PreviousClose }).ToList();
        rows[500] = rows[500] with { value = -1m };
        rows[731] = rows[731] with { symbol = "UJI.TIDAKADA" };
        var markets = await app.ApiClientAsync(ApiScopes.Markets);
        var problem = await (await markets.PostAsJsonAsync("/api/markets/quotes", rows)).ProblemAsync();
        Assert.Equal(["[500].value", "[731].symbol"], problem.ErrorFields());
        Assert.Equal("Value must be above zero.", problem.GetProperty("errors").GetProperty("[500].value")[0].GetString());
        Assert.Empty(await MinutesAsync("UJI.SATUBURUK"));
        Assert.Empty(await BarsAsync("UJI.SATUBURUK"));

        rows[500] = rows[500] with { value = 1000m };
        rows[731] = rows[731] with { symbol = "UJI.SATUBURUK1" };
        (await markets.PostAsJsonAsync("/api/markets/quotes", rows)).EnsureSuccessStatusCode();
        Assert.Equal(1000, (await MinutesAsync("UJI.SATUBURUK")).Count);
    }
}
