using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>Whether a value is current: trading hours now, stale in session, and the "as of" label.</summary>
public sealed record QuoteStatus(bool MarketOpen, bool Stale, string AsOf, string AsOfTitle)
{
    public const string ClosePrefix = "Penutupan ";

    public static QuoteStatus Of(Instrument instrument, TradingCalendar calendar, DateTimeOffset at, DateTimeOffset now)
    {
        var open = calendar.IsTradingHours(now);
        var stale = open && calendar.OpenTimeBetween(at, now) > TimeSpan.FromMinutes(instrument.StaleAfterMinutes);
        var day = TradingCalendar.WibDay(at);
        // While the market trades and the value is today's, the clock says how fresh it is; otherwise it is a close, with its date.
        if (open && calendar.Kind != CalendarKind.Daily && day == TradingCalendar.WibDay(now))
            return new QuoteStatus(true, stale, Indonesian.Clock(at), "Per " + Indonesian.DateTime(at));
        return new QuoteStatus(open, stale, ClosePrefix + Indonesian.ShortDate(day), "Harga penutupan " + Indonesian.DayDate(day));
    }
}

/// <summary>An instrument with what its page shows: figures, status, daily bars (ascending) and the latest day's minutes.</summary>
public sealed record InstrumentView(
    Instrument Instrument, TradingCalendar Calendar, Figures? Figures, QuoteStatus? Status,
    IReadOnlyList<DailyBar> Bars, IReadOnlyList<(DateTimeOffset At, decimal Value)> Intraday);

/// <summary>Reads market data for the ticker and the INDIKATOR pages.</summary>
public sealed class MarketData(WartaDb db, TimeProvider clock, CachedReads reads)
{
    /// <summary>The tag of the market holidays as read for calendars; <see cref="InstrumentEditor"/> evicts it.</summary>
    public const string HolidaysTag = "market-holidays";

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<IReadOnlySet<DateOnly>> HolidaysAsync() =>
        reads.GetOrReadAsync<IReadOnlySet<DateOnly>>(HolidaysTag, "all", TimeSpan.FromMinutes(5), async services =>
            (await services.GetRequiredService<WartaDb>().MarketHolidays.AsNoTracking().Select(h => h.Day).ToListAsync()).ToHashSet());

    public async Task<TradingCalendar> CalendarAsync(CalendarKind kind) => new(kind, await HolidaysAsync());

    public async Task<IReadOnlyList<TickerItem>> TickerAsync()
    {
        var instruments = await db.Instruments.AsNoTracking().Where(i => i.InTicker).OrderBy(i => i.Order).ThenBy(i => i.Symbol).ToListAsync();
        var items = new List<TickerItem>(instruments.Count);
        foreach (var (instrument, figures, status) in await SummariesAsync(instruments))
            if (figures is not null) items.Add(TickerService.Item(instrument, figures, status!));
        return items;
    }

    /// <summary>Figures for each instrument from its latest value and its last few closes (enough to reach the previous trading day).</summary>
    public async Task<List<(Instrument Instrument, Figures? Figures, QuoteStatus? Status)>> SummariesAsync(IReadOnlyList<Instrument> instruments)
    {
        var now = Now;
        var holidays = await HolidaysAsync();
        var result = new List<(Instrument, Figures?, QuoteStatus?)>(instruments.Count);
        foreach (var instrument in instruments)
        {
            var calendar = new TradingCalendar(instrument.Calendar, holidays);
            var latest = await LatestAsync(instrument.Id);
            var bars = await db.DailyBars.AsNoTracking().Where(b => b.InstrumentId == instrument.Id)
                .OrderByDescending(b => b.Day).Take(12).ToListAsync();
            bars.Reverse();
            var figures = MarketFigures.Compute(instrument.Kind, calendar, bars, latest);
            result.Add((instrument, figures, figures is null ? null : QuoteStatus.Of(instrument, calendar, figures.At, now)));
        }
        return result;
    }

    async Task<LatestValue?> LatestAsync(int instrumentId)
    {
        var quote = await db.Quotes.AsNoTracking().Where(q => q.InstrumentId == instrumentId)
            .OrderByDescending(q => q.Minute).Select(q => new { q.Value, q.At, q.PreviousClose }).FirstOrDefaultAsync();
        return quote is null ? null : new LatestValue(quote.Value, quote.At, quote.PreviousClose);
    }

    /// <summary>Everything an instrument page shows: five years and a week of daily bars and the minutes of the latest day.</summary>
    public async Task<InstrumentView> ViewAsync(Instrument instrument)
    {
        var now = Now;
        var calendar = await CalendarAsync(instrument.Calendar);
        var latest = await LatestAsync(instrument.Id);
        var since = TradingCalendar.WibDay(now).AddYears(-5).AddDays(-7);
        var bars = await db.DailyBars.AsNoTracking().Where(b => b.InstrumentId == instrument.Id && b.Day >= since)
            .OrderBy(b => b.Day).ToListAsync();
        var figures = MarketFigures.Compute(instrument.Kind, calendar, bars, latest);
        var intraday = new List<(DateTimeOffset, decimal)>();
        if (latest is { } l)
        {
            var start = Indonesian.StartOfWibDay(l.At);
            var end = start.AddDays(1);
            intraday = (await db.Quotes.AsNoTracking().Where(q => q.InstrumentId == instrument.Id && q.Minute >= start && q.Minute < end)
                    .OrderBy(q => q.Minute).Select(q => new { q.At, q.Value }).ToListAsync())
                .Select(q => (q.At, q.Value)).ToList();
        }
        return new InstrumentView(instrument, calendar, figures, figures is null ? null : QuoteStatus.Of(instrument, calendar, figures.At, now), bars, intraday);
    }

    /// <summary>The instrument whose address part (<see cref="Instrument.Slug"/>) is <paramref name="slug"/>.</summary>
    public async Task<Instrument?> FindAsync(string slug)
    {
        var all = await db.Instruments.AsNoTracking().ToListAsync();
        return all.FirstOrDefault(i => i.Slug == slug);
    }
}
