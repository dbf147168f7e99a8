using Microsoft.Extensions.Caching.Memory;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public enum Direction { Flat, Up, Down }

/// <summary>
/// One instrument as the ticker shows it, already formatted. Sent to browsers as JSON by the live updates, so names stay
/// camelCase-friendly. <see cref="AsOf"/> is the clock time during trading hours and "Penutupan 27 Nov 2026" otherwise;
/// <see cref="Stale"/> is true when the feed has been silent in session for longer than the instrument's bound.
/// </summary>
public sealed record TickerItem(
    string Symbol, string Label, TickerDisplay Display, string? Unit, string Value, string? Change, string? Percent,
    Direction Direction, DateTimeOffset At, bool Stale, bool MarketOpen, string AsOf, string AsOfTitle, string Url)
{
    /// <summary>The class the markup and the live script give the item for its direction.</summary>
    public string DirectionClass => ClassOf(Direction);

    public string Arrow => ArrowOf(Direction);

    public static string ArrowOf(Direction direction) => direction switch { Direction.Up => "▲", Direction.Down => "▼", _ => "■" };

    public static string ClassOf(Direction direction) => direction switch { Direction.Up => "naik", Direction.Down => "turun", _ => "datar" };

    /// <summary>
    /// The ticker bar's one "as of" label: that of its newest value ("Per 10:01 WIB" in session, "Penutupan 01 Des 2026"
    /// after it). An item that is older says so in its title and, when stale, by its look.
    /// </summary>
    public static string BarAsOf(IReadOnlyList<TickerItem> items) =>
        items.MaxBy(i => i.At) is not { } newest ? ""
        : newest.AsOf.StartsWith(QuoteStatus.ClosePrefix, StringComparison.Ordinal) ? newest.AsOf
        : "Per " + newest.AsOf;
}

/// <summary>The INDIKATOR ticker: the latest value of each instrument in the ticker, in the configured order.</summary>
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
            items = await scope.ServiceProvider.GetRequiredService<MarketData>().TickerAsync();
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

    public static TickerItem Item(Instrument instrument, Figures figures, QuoteStatus status)
    {
        var percentOnly = instrument.Display == TickerDisplay.Percent;
        return new TickerItem(
            instrument.Symbol, instrument.Label, instrument.Display, instrument.Unit,
            Indonesian.Number(figures.Value, instrument.Decimals),
            figures.Change is { } c && !percentOnly ? Indonesian.Magnitude(c, instrument.Decimals) : null,
            figures.Percent is { } p ? Indonesian.Percent(p) : null,
            figures.Direction, figures.At, status.Stale, status.MarketOpen, status.AsOf, status.AsOfTitle,
            MarketRoutes.InstrumentUrlOf(instrument.Slug));
    }
}
