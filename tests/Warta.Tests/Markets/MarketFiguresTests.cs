using Warta.Web.Markets;

namespace Warta.Tests.Markets;

/// <summary>Hand-checked arithmetic: every expected figure below was worked out on paper from the bars given.</summary>
public class MarketFiguresTests
{
    internal static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    internal static readonly TradingCalendar Idx = new(CalendarKind.Idx, new HashSet<DateOnly>());

    internal static DailyBar Bar(int y, int m, int d, decimal close, decimal? high = null, decimal? low = null)
    {
        var at = new DateTimeOffset(y, m, d, 16, 0, 0, Wib);
        return new DailyBar { Day = new DateOnly(y, m, d), Open = close, High = high ?? close, Low = low ?? close, Close = close, OpenAt = at, CloseAt = at };
    }

    static LatestValue At(int y, int m, int d, int hour, int minute, decimal value, decimal? sentPrevious = null) =>
        new(value, new DateTimeOffset(y, m, d, hour, minute, 0, Wib), sentPrevious);

    [Fact]
    public void Change_and_percent_are_against_the_previous_trading_days_close()
    {
        // Thursday 4 May 2023 closed at 901,40; Friday 909,31: +7,91, 7,91 / 901,40 = 0,8775…%.
        var f = MarketFigures.Compute(InstrumentKind.Index, Idx, [Bar(2023, 5, 4, 901.40m)], At(2023, 5, 5, 10, 15, 909.31m))!;
        Assert.Equal(901.40m, f.PreviousClose);
        Assert.Equal(new DateOnly(2023, 5, 4), f.PreviousDay);
        Assert.Equal(7.91m, f.Change);
        Assert.Equal(0.88m, Math.Round(f.Percent!.Value, 2));
        Assert.Equal(Direction.Up, f.Direction);
    }

    [Fact]
    public void The_day_after_a_holiday_compares_with_the_last_trading_day_not_a_value_sent_on_the_holiday()
    {
        // Monday 1 May 2023 (Hari Buruh) is a holiday; a vendor still sent 105 for it. Tuesday's 102 compares with Friday's 100.
        var calendar = new TradingCalendar(CalendarKind.Idx, new HashSet<DateOnly> { new(2023, 5, 1) });
        DailyBar[] bars = [Bar(2023, 4, 28, 100m), Bar(2023, 5, 1, 105m)];
        var f = MarketFigures.Compute(InstrumentKind.Index, calendar, bars, At(2023, 5, 2, 9, 30, 102m))!;
        Assert.Equal(new DateOnly(2023, 4, 28), f.PreviousDay);
        Assert.Equal(2m, f.Change);
        Assert.Equal(2m, f.Percent);

        // Without the holiday on the calendar, Monday would count: 102 against 105.
        var naive = MarketFigures.Compute(InstrumentKind.Index, Idx, bars, At(2023, 5, 2, 9, 30, 102m))!;
        Assert.Equal(-3m, naive.Change);
        Assert.Equal(Direction.Down, naive.Direction);
    }

    [Fact]
    public void The_first_quote_of_a_day_and_the_ones_after_it_all_compare_with_yesterdays_close_not_the_previous_tick()
    {
        DailyBar[] monday = [Bar(2023, 5, 8, 200m)];
        var first = MarketFigures.Compute(InstrumentKind.Index, Idx, monday, At(2023, 5, 9, 9, 1, 204m))!;
        Assert.Equal(4m, first.Change);
        Assert.Equal(2m, first.Percent);

        // Tuesday's bar so far: opened 204, high 204, low 203. The 09:02 tick of 203 is +3 on the day (1,5%), not -1.
        var tuesday = new DailyBar { Day = new DateOnly(2023, 5, 9), Open = 204m, High = 204m, Low = 203m, Close = 203m,
            OpenAt = new DateTimeOffset(2023, 5, 9, 9, 1, 0, Wib), CloseAt = new DateTimeOffset(2023, 5, 9, 9, 2, 0, Wib) };
        var second = MarketFigures.Compute(InstrumentKind.Index, Idx, [monday[0], tuesday], At(2023, 5, 9, 9, 2, 203m))!;
        Assert.Equal(3m, second.Change);
        Assert.Equal(1.5m, second.Percent);
        Assert.Equal(204m, second.DayHigh);
        Assert.Equal(203m, second.DayLow);
    }

    [Fact]
    public void Fund_indices_are_given_by_their_daily_percent_only()
    {
        // 1.523,40 against 1.522,64: 0,76 / 1.522,64 = 0,0499…%, shown as 0,05%; no change in points.
        var daily = new TradingCalendar(CalendarKind.Daily, new HashSet<DateOnly>());
        var f = MarketFigures.Compute(InstrumentKind.FundIndex, daily, [Bar(2023, 5, 4, 1522.64m)], At(2023, 5, 5, 18, 0, 1523.40m))!;
        Assert.Null(f.Change);
        Assert.Equal(0.05m, Math.Round(f.Percent!.Value, 2));
        Assert.Equal(Direction.Up, f.Direction);
    }

    [Fact]
    public void A_previous_close_sent_with_the_quote_wins()
    {
        var f = MarketFigures.Compute(InstrumentKind.Price, Idx, [Bar(2023, 5, 4, 1_300_000m)], At(2023, 5, 5, 9, 0, 1_354_000m, sentPrevious: 1_332_000m))!;
        Assert.Equal(22_000m, f.Change);
        Assert.Equal(1.65m, Math.Round(f.Percent!.Value, 2));
        Assert.Null(f.PreviousDay);
    }

    [Fact]
    public void Missing_history_leaves_the_figures_it_needs_empty()
    {
        var f = MarketFigures.Compute(InstrumentKind.Index, Idx, [], At(2023, 5, 5, 10, 0, 500m))!;
        Assert.Null(f.PreviousClose);
        Assert.Null(f.Change);
        Assert.Null(f.Percent);
        Assert.Null(f.ReturnWeek);
        Assert.Null(f.ReturnYear);
        Assert.Equal(500m, f.High52Weeks);
        Assert.Equal(Direction.Flat, f.Direction);
        Assert.Null(MarketFigures.Compute(InstrumentKind.Index, Idx, [], null));
    }

    [Fact]
    public void Returns_and_52_week_range_from_the_closes_on_or_before_each_date()
    {
        // Friday 5 May 2023 at 150. A week back is 28 Apr (125): +20%. A month back is 5 Apr (120): +25%.
        // The year began from 30 Dec 2022 (100): +50%. A year back is 5 May 2022 (80): +87,5%.
        // 52 weeks: after 6 May 2022, so the 80 falls out; the lowest is 100 (high 101 that day, low 99 intraday).
        DailyBar[] bars =
        [
            Bar(2022, 5, 5, 80m), Bar(2022, 12, 30, 100m, high: 101m, low: 99m), Bar(2023, 4, 5, 120m), Bar(2023, 4, 28, 125m, high: 160m),
        ];
        var f = MarketFigures.Compute(InstrumentKind.Index, Idx, bars, At(2023, 5, 5, 15, 0, 150m))!;
        Assert.Equal(20m, f.ReturnWeek);
        Assert.Equal(25m, f.ReturnMonth);
        Assert.Equal(50m, f.ReturnYearToDate);
        Assert.Equal(87.5m, f.ReturnYear);
        Assert.Equal(160m, f.High52Weeks);
        Assert.Equal(99m, f.Low52Weeks);
        // Friday's previous trading day is Thursday, which has no bar: the last trading-day close before it (28 Apr) stands in.
        Assert.Equal(125m, f.PreviousClose);
    }

    [Fact]
    public void Close_table_changes_skip_non_trading_days()
    {
        var calendar = new TradingCalendar(CalendarKind.Idx, new HashSet<DateOnly> { new(2023, 5, 1) });
        var rows = MarketFigures.Closes(calendar, [Bar(2023, 4, 28, 100m), Bar(2023, 5, 1, 105m), Bar(2023, 5, 2, 110m)]);
        Assert.Null(rows[0].Change);
        Assert.Equal(5m, rows[1].Change);
        Assert.Equal(10m, rows[2].Change);
        Assert.Equal(10m, rows[2].Percent);
    }
}
