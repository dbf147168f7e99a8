using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>A trading session on one WIB day, as times of day in WIB.</summary>
public readonly record struct Session(TimeOnly From, TimeOnly To);

/// <summary>
/// When an instrument trades, in WIB. IDX sessions: Monday–Thursday 09:00–12:00 and 13:30–16:00, Friday 09:00–11:30 and
/// 14:00–16:00 (the second session's end includes the pre-closing auction). Daily instruments are "open" all of each
/// trading day; continuous ones all of Monday–Friday. Weekends are never trading days; holidays are for Idx and Daily.
/// </summary>
public sealed class TradingCalendar(CalendarKind kind, IReadOnlySet<DateOnly> holidays)
{
    static readonly Session[] MondayToThursday = [new(new(9, 0), new(12, 0)), new(new(13, 30), new(16, 0))];
    static readonly Session[] Friday = [new(new(9, 0), new(11, 30)), new(new(14, 0), new(16, 0))];
    static readonly Session[] WholeDay = [new(TimeOnly.MinValue, TimeOnly.MaxValue)];

    /// <summary>Longest stretch <see cref="OpenTimeBetween"/> walks; anything silent that long is stale under any bound.</summary>
    const int MaxDaysWalked = 40;

    public CalendarKind Kind => kind;

    public static DateOnly WibDay(DateTimeOffset instant) => DateOnly.FromDateTime(Indonesian.ToWib(instant).DateTime);

    public static DateTimeOffset WibInstant(DateOnly day, TimeOnly time) =>
        new DateTimeOffset(day.ToDateTime(time), TimeSpan.FromHours(7)).ToUniversalTime();

    /// <summary>When a close given only as a date (a CSV of daily closes) is taken to be: 16:00 WIB on that day.</summary>
    public static DateTimeOffset CloseOf(DateOnly day) => WibInstant(day, new TimeOnly(16, 0));

    public bool IsTradingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && (kind == CalendarKind.Continuous || !holidays.Contains(day));

    public IReadOnlyList<Session> Sessions(DateOnly day)
    {
        if (!IsTradingDay(day)) return [];
        if (kind != CalendarKind.Idx) return WholeDay;
        return day.DayOfWeek == DayOfWeek.Friday ? Friday : MondayToThursday;
    }

    /// <summary>True inside a session (not in the lunch break).</summary>
    public bool InSession(DateTimeOffset instant)
    {
        var day = WibDay(instant);
        var time = TimeOnly.FromDateTime(Indonesian.ToWib(instant).DateTime);
        return Sessions(day).Any(s => time >= s.From && time < s.To);
    }

    /// <summary>True from the first session's start to the last one's end on a trading day (the lunch break counts as open).</summary>
    public bool IsTradingHours(DateTimeOffset instant)
    {
        var sessions = Sessions(WibDay(instant));
        if (sessions.Count == 0) return false;
        var time = TimeOnly.FromDateTime(Indonesian.ToWib(instant).DateTime);
        return time >= sessions[0].From && time < sessions[^1].To;
    }

    /// <summary>The latest trading day strictly before <paramref name="day"/>.</summary>
    public DateOnly PreviousTradingDay(DateOnly day)
    {
        var d = day.AddDays(-1);
        for (var i = 0; i < 366 && !IsTradingDay(d); i++) d = d.AddDays(-1);
        return d;
    }

    /// <summary>How much session time passed between two instants (capped at <see cref="MaxDaysWalked"/> days walked).</summary>
    public TimeSpan OpenTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        if (to - from > TimeSpan.FromDays(MaxDaysWalked)) from = to - TimeSpan.FromDays(MaxDaysWalked);
        var total = TimeSpan.Zero;
        for (var day = WibDay(from); day <= WibDay(to); day = day.AddDays(1))
            foreach (var s in Sessions(day))
            {
                var start = WibInstant(day, s.From);
                var end = s.To == TimeOnly.MaxValue ? WibInstant(day.AddDays(1), TimeOnly.MinValue) : WibInstant(day, s.To);
                var overlap = (to < end ? to : end) - (from > start ? from : start);
                if (overlap > TimeSpan.Zero) total += overlap;
            }
        return total;
    }
}
