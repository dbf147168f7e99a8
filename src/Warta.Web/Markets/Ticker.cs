using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public enum Direction { Flat, Up, Down }

public sealed record TickerItem(
    string Symbol, string Label, TickerDisplay Display, string? Unit, string Value, string? Change, string? Percent,
    Direction Direction, DateTimeOffset At);

/// <summary>The change of a value against the previous close, in decimal. Percent is null when there is no previous close.</summary>
public readonly record struct Movement(decimal Change, decimal? Percent)
{
    public static Movement? Of(decimal value, decimal? previousClose)
    {
        if (previousClose is not { } previous) return null;
        var change = value - previous;
        return new Movement(change, previous == 0 ? null : change / previous * 100m);
    }

    public Direction Direction => Change > 0 ? Direction.Up : Change < 0 ? Direction.Down : Direction.Flat;
}

/// <summary>The INDIKATOR ticker: the latest quote of each instrument in the ticker, in the configured order.</summary>
public sealed class TickerService(IServiceScopeFactory scopes, IMemoryCache cache)
{
    const string Key = "ticker";

    /// <summary>How long the ticker is kept in memory between quotes; with the page cache's lifetime it bounds the age of what a reader sees.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<TickerItem>> CurrentAsync()
    {
        return await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
            return await ReadAsync(db);
        }) ?? [];
    }

    /// <summary>
    /// Drops this node's ticker after a quote or instrument change. Quotes arrive often, so this is kept apart from the
    /// content version (which would drop every list); other nodes pick the change up within <see cref="Lifetime"/>.
    /// </summary>
    public void Invalidate() => cache.Remove(Key);

    static async Task<IReadOnlyList<TickerItem>> ReadAsync(WartaDb db)
    {
        var instruments = await db.Instruments.AsNoTracking().Where(i => i.InTicker).OrderBy(i => i.Order).ThenBy(i => i.Symbol).ToListAsync();
        var items = new List<TickerItem>(instruments.Count);
        foreach (var instrument in instruments)
        {
            var quote = await db.Quotes.AsNoTracking().Where(q => q.InstrumentId == instrument.Id)
                .OrderByDescending(q => q.At).FirstOrDefaultAsync();
            if (quote is null) continue;
            items.Add(Item(instrument, quote));
        }
        return items;
    }

    public static TickerItem Item(Instrument instrument, Quote quote)
    {
        var movement = Movement.Of(quote.Value, quote.PreviousClose);
        return new TickerItem(
            instrument.Symbol, instrument.Label, instrument.Display, instrument.Unit,
            Indonesian.Number(quote.Value, instrument.Decimals),
            movement is { } m ? Indonesian.Magnitude(m.Change, instrument.Decimals) : null,
            movement is { Percent: { } p } ? Indonesian.Percent(p) : null,
            movement?.Direction ?? Direction.Flat,
            quote.At);
    }
}
