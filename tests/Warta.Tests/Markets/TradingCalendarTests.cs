using Warta.Web.Markets;

namespace Warta.Tests.Markets;

public class TradingCalendarTests
{
    static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    static DateTimeOffset T(int m, int d, int h, int min) => new(2023, m, d, h, min, 0, Wib);

    [Fact]
    public void Idx_sessions_exclude_the_lunch_break_weekends_and_holidays()
    {
        var idx = new TradingCalendar(CalendarKind.Idx, new HashSet<DateOnly> { new(2023, 5, 18) });
        Assert.True(idx.InSession(T(5, 4, 9, 0)));
        Assert.False(idx.InSession(T(5, 4, 12, 30)));
        Assert.True(idx.IsTradingHours(T(5, 4, 12, 30)));
        Assert.False(idx.InSession(T(5, 5, 12, 0)));      // Friday's first session ends at 11:30
        Assert.True(idx.InSession(T(5, 5, 14, 0)));
        Assert.False(idx.IsTradingHours(T(5, 4, 16, 0)));
        Assert.False(idx.IsTradingHours(T(5, 6, 10, 0)));  // Saturday
        Assert.False(idx.IsTradingHours(T(5, 18, 10, 0))); // Kenaikan Isa Almasih
        Assert.Equal(new DateOnly(2023, 5, 17), idx.PreviousTradingDay(new DateOnly(2023, 5, 19)));
        Assert.Equal(new DateOnly(2023, 5, 5), idx.PreviousTradingDay(new DateOnly(2023, 5, 8)));
    }

    [Fact]
    public void Open_time_counts_only_sessions()
    {
        var idx = new TradingCalendar(CalendarKind.Idx, new HashSet<DateOnly>());
        // Friday 15:59 to Monday 09:20: one minute on Friday, twenty on Monday.
        Assert.Equal(TimeSpan.FromMinutes(21), idx.OpenTimeBetween(T(5, 5, 15, 59), T(5, 8, 9, 20)));
        // Across Thursday's lunch break: 11:50–12:00 and 13:30–13:40.
        Assert.Equal(TimeSpan.FromMinutes(20), idx.OpenTimeBetween(T(5, 4, 11, 50), T(5, 4, 13, 40)));
        var fx = new TradingCalendar(CalendarKind.Continuous, new HashSet<DateOnly> { new(2023, 5, 18) });
        Assert.True(fx.IsTradingHours(T(5, 18, 3, 0)));    // exchange holidays do not stop currencies
        Assert.Equal(TimeSpan.FromHours(3), fx.OpenTimeBetween(T(5, 5, 22, 0), T(5, 8, 1, 0))); // Friday 22–24, Monday 0–1
    }

    [Fact]
    public void A_silent_feed_is_stale_only_after_its_bound_of_session_time()
    {
        var idx = new TradingCalendar(CalendarKind.Idx, new HashSet<DateOnly>());
        var lq45 = new Instrument { Symbol = "LQ45", Label = "LQ45", StaleAfterMinutes = 15 };
        Assert.False(QuoteStatus.Of(lq45, idx, T(5, 4, 10, 0), T(5, 4, 10, 15)).Stale);
        var silent = QuoteStatus.Of(lq45, idx, T(5, 4, 10, 0), T(5, 4, 10, 16));
        Assert.True(silent.Stale);
        Assert.Equal("10:00 WIB", silent.AsOf);
        // In the evening the market is shut: the last value is a close, with its date, and never stale.
        var evening = QuoteStatus.Of(lq45, idx, T(5, 4, 15, 59), T(5, 4, 20, 0));
        Assert.False(evening.Stale);
        Assert.False(evening.MarketOpen);
        Assert.Equal("Penutupan 04 Mei 2023", evening.AsOf);
    }
}
