using Warta.Web.Markets;
using static Warta.Tests.Markets.MarketFiguresTests;

namespace Warta.Tests.Markets;

/// <summary>The day's and the year's range, the week's return, and the direction of a fund index, worked out on paper.</summary>
public class MarketFiguresRangeTests
{
    [Fact]
    public void Ranges_take_todays_bar_and_the_last_52_weeks_but_not_the_day_a_year_back_nor_a_later_bar()
    {
        // Friday 5 May 2023, 10:15 WIB, value 110. A year back (364 days) is 6 May 2022: that bar is outside the range.
        DailyBar[] bars =
        [
            Bar(2022, 5, 6, 100m, high: 500m, low: 1m),
            Bar(2022, 5, 7, 100m, high: 115m, low: 95m),
            Bar(2023, 4, 28, 100m),
            Bar(2023, 5, 4, 104m),
            Bar(2023, 5, 5, 108m, high: 120m, low: 90m),
            Bar(2023, 5, 8, 50m, high: 999m, low: 0.5m),
        ];
        var f = MarketFigures.Compute(InstrumentKind.Index, Idx, bars, new LatestValue(110m, new DateTimeOffset(2023, 5, 5, 10, 15, 0, Wib), null))!;
        Assert.Equal(120m, f.DayHigh);
        Assert.Equal(90m, f.DayLow);
        Assert.Equal(120m, f.High52Weeks);
        Assert.Equal(90m, f.Low52Weeks);
        // A week back is Friday 28 April, closed at 100: +10%.
        Assert.Equal(10m, f.ReturnWeek);
        Assert.Equal(104m, f.PreviousClose);
        Assert.Equal(6m, f.Change);
    }

    [Fact]
    public void A_value_outside_todays_bar_widens_the_day_range()
    {
        var f = MarketFigures.Compute(InstrumentKind.Index, Idx, [Bar(2023, 5, 5, 100m, high: 105m, low: 98m)],
            new LatestValue(97m, new DateTimeOffset(2023, 5, 5, 15, 0, 0, Wib), null))!;
        Assert.Equal(105m, f.DayHigh);
        Assert.Equal(97m, f.DayLow);
    }

    [Theory]
    [InlineData(101, Direction.Up)]
    [InlineData(99, Direction.Down)]
    [InlineData(100, Direction.Flat)]
    public void A_fund_index_has_no_change_in_points_and_takes_its_direction_from_the_percent(int value, Direction expected)
    {
        var f = MarketFigures.Compute(InstrumentKind.FundIndex, Idx, [Bar(2023, 5, 4, 100m)],
            new LatestValue(value, new DateTimeOffset(2023, 5, 5, 16, 0, 0, Wib), null))!;
        Assert.Null(f.Change);
        Assert.Equal(value - 100m, f.Percent);
        Assert.Equal(expected, f.Direction);
    }
}
