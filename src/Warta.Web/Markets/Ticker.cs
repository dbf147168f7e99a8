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
public sealed class TickerService
{
    const string Key = "ticker";
    readonly IServiceScopeFactory scopes;
    readonly IMemoryCache cache;
    readonly Live.TickerChanges changes;
    long _version;

    public TickerService(IServiceScopeFactory scopes, IMemoryCache cache, Live.TickerChanges changes)
    {
        this.scopes = scopes;
        this.cache = cache;
        this.changes = changes;
        // Another node ingested a quote: this node's copy is out of date now, not at the end of its lifetime.
        changes.ArrivedFromOtherNode += Forget;
    }

    /// <summary>How long the ticker is kept in memory between quotes; with the page cache's lifetime it bounds the age of what a reader sees.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<TickerItem>> CurrentAsync()
    {
        if (cache.TryGetValue(Key, out IReadOnlyList<TickerItem>? items) && items is not null) return items;
        var version = Interlocked.Read(ref _version);
        using (var scope = scopes.CreateScope())
            items = await ReadAsync(scope.ServiceProvider.GetRequiredService<WartaDb>());
        // A read that overlapped a change may hold the values from before it: hand them out once, never keep them.
        if (Interlocked.Read(ref _version) == version) cache.Set(Key, items, Lifetime);
        return items;
    }

    /// <summary>
    /// Drops the ticker after a quote or instrument change, on this node and (through Redis) on the others, and wakes the
    /// live readers' connections. Quotes arrive often, so this is kept apart from the content version (which would drop
    /// every list). Every ingest path ends here.
    /// </summary>
    public void Invalidate()
    {
        Forget();
        changes.Announce();
    }

    void Forget()
    {
        Interlocked.Increment(ref _version);
        cache.Remove(Key);
    }

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
