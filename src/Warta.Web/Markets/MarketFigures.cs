
namespace Warta.Web.Markets;

/// <summary>An instrument's latest value: from the newest minute quote, or the newest daily close when no minutes are kept.</summary>
public readonly record struct LatestValue(decimal Value, DateTimeOffset At, decimal? SentPreviousClose);

/// <summary>The figures a reader sees for an instrument; null where history is missing.</summary>
public sealed record Figures(
    decimal Value, DateTimeOffset At, DateOnly Day,
    decimal? PreviousClose, DateOnly? PreviousDay, decimal? Change, decimal? Percent,
    decimal DayHigh, decimal DayLow, decimal High52Weeks, decimal Low52Weeks,
    decimal? ReturnWeek, decimal? ReturnMonth, decimal? ReturnYearToDate, decimal? ReturnYear)
{
    /// <summary>Up or down as the reader sees it: a percent that shows as 0,00% is unchanged, whatever its third decimal.</summary>
    public Direction Direction => (Percent is { } p ? Math.Round(p, 2, MidpointRounding.AwayFromZero) : Change ?? 0m) switch
    {
        > 0 => Direction.Up, < 0 => Direction.Down, _ => Direction.Flat,
    };
}

/// <summary>
/// The arithmetic behind every market figure, in decimal. Change and percent are against the close of the previous
/// TRADING day per the instrument's calendar (a close on a holiday or a weekend is not one), never against the previous
/// tick; a previous close sent with the quote wins, since the vendor knows corporate actions we do not. Fund indices
/// are shown by their daily percent only, so they get no change in points.
/// </summary>
public static class MarketFigures
{
    /// <param name="bars">Daily bars in ascending day order; the current day's bar may be among them.</param>
    public static Figures? Compute(InstrumentKind kind, TradingCalendar calendar, IReadOnlyList<DailyBar> bars, LatestValue? latest)
    {
        if (latest is null && bars.Count == 0) return null;
        var now = latest ?? new LatestValue(bars[^1].Close, bars[^1].CloseAt, null);
        var value = now.Value;
        var day = TradingCalendar.WibDay(now.At);

        DailyBar? previousBar = null;
        DailyBar? today = null;
        for (var i = bars.Count - 1; i >= 0; i--)
        {
            var bar = bars[i];
            if (bar.Day == day) today = bar;
            else if (bar.Day < day && calendar.IsTradingDay(bar.Day))
            {
                previousBar = bar;
                break;
            }
        }
        var previous = now.SentPreviousClose ?? previousBar?.Close;
        decimal? change = previous is { } p ? value - p : null;
        decimal? percent = previous is { } q && q != 0 ? (value - q) / q * 100m : null;

        var dayHigh = Math.Max(today?.High ?? value, value);
        var dayLow = Math.Min(today?.Low ?? value, value);

        var yearAgo = day.AddDays(-364);
        decimal high52 = value, low52 = value;
        foreach (var bar in bars)
        {
            if (bar.Day <= yearAgo) continue;
            if (bar.Day > day) break;
            high52 = Math.Max(high52, bar.High);
            low52 = Math.Min(low52, bar.Low);
        }

        return new Figures(value, now.At, day, previous, now.SentPreviousClose is null ? previousBar?.Day : null,
            kind == InstrumentKind.FundIndex ? null : change, percent,
            dayHigh, dayLow, high52, low52,
            Return(bars, value, day.AddDays(-7)),
            Return(bars, value, day.AddMonths(-1)),
            Return(bars, value, new DateOnly(day.Year - 1, 12, 31)),
            Return(bars, value, day.AddYears(-1)));
    }

    /// <summary>Each bar's close with its change and percent against the previous trading day's close (null for the first).</summary>
    public static List<(DailyBar Bar, decimal? Change, decimal? Percent)> Closes(TradingCalendar calendar, IReadOnlyList<DailyBar> bars)
    {
        var result = new List<(DailyBar, decimal?, decimal?)>(bars.Count);
        DailyBar? previous = null;
        foreach (var bar in bars)
        {
            decimal? change = previous is null ? null : bar.Close - previous.Close;
            decimal? percent = previous is { Close: not 0 } p ? (bar.Close - p.Close) / p.Close * 100m : null;
            result.Add((bar, change, percent));
            if (calendar.IsTradingDay(bar.Day)) previous = bar;
        }
        return result;
    }

    /// <summary>Percent from the last close on or before <paramref name="since"/>; null when history does not reach back that far.</summary>
    public static decimal? Return(IReadOnlyList<DailyBar> bars, decimal value, DateOnly since)
    {
        var index = LastOnOrBefore(bars, since);
        if (index < 0 || bars[index].Close == 0) return null;
        var basis = bars[index].Close;
        return (value - basis) / basis * 100m;
    }

    static int LastOnOrBefore(IReadOnlyList<DailyBar> bars, DateOnly day)
    {
        int lo = 0, hi = bars.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (bars[mid].Day <= day) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}
