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
    /// <summary>The tag of the ticker as read for pages and live readers; dropped on every quote and instrument change.</summary>
    public const string CacheTag = "ticker";
    readonly CachedReads reads;
    readonly Live.TickerChanges changes;

    public TickerService(CachedReads reads, Live.TickerChanges changes)
    {
        this.reads = reads;
        this.changes = changes;
        // Another node ingested a quote: this node's copy is out of date now, not at the end of its lifetime.
        changes.ArrivedFromOtherNode += Forget;
    }

    /// <summary>How long the ticker is kept in memory between quotes; with the page cache's lifetime it bounds the age of what a reader sees.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public Task<IReadOnlyList<TickerItem>> CurrentAsync() =>
        reads.GetOrReadAsync(CacheTag, "items", Lifetime, services => services.GetRequiredService<MarketData>().TickerAsync());

    /// <summary>
    /// Drops the ticker after a quote or instrument change, on this node and (through the ticker's own notice) on the
    /// others, and wakes the live readers' connections. Quotes arrive often, so this drops the ticker alone, never the
    /// pages or the lists. Every ingest path ends here.
    /// </summary>
    public void Invalidate()
    {
        Forget();
        changes.Announce();
    }

    void Forget() => reads.ForgetHere(CacheTag);

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
