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

    public string Arrow => Direction switch { Direction.Up => "▲", Direction.Down => "▼", _ => "■" };

    public static string ClassOf(Direction direction) => direction switch { Direction.Up => "naik", Direction.Down => "turun", _ => "datar" };
}

/// <summary>The INDIKATOR ticker: the latest value of each instrument in the ticker, in the configured order.</summary>
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
            return await scope.ServiceProvider.GetRequiredService<MarketData>().TickerAsync();
        }) ?? [];
    }

    /// <summary>
    /// Drops this node's ticker after a quote or instrument change. Quotes arrive often, so this is kept apart from the
    /// content version (which would drop every list); other nodes pick the change up within <see cref="Lifetime"/>.
    /// </summary>
    public void Invalidate()
    {
        cache.Remove(Key);
        Invalidated?.Invoke();
    }

    /// <summary>Raised after every <see cref="Invalidate"/>: live updates hook in here.</summary>
    public event Action? Invalidated;

    public static TickerItem Item(Instrument instrument, Figures figures, QuoteStatus status)
    {
        var percentOnly = instrument.Display == TickerDisplay.Percent;
        return new TickerItem(
            instrument.Symbol, instrument.Label, instrument.Display, instrument.Unit,
            Indonesian.Number(figures.Value, instrument.Decimals),
            figures.Change is { } c && !percentOnly ? Indonesian.Magnitude(c, instrument.Decimals) : null,
            figures.Percent is { } p ? Indonesian.Percent(p) : null,
            figures.Direction, figures.At, status.Stale, status.MarketOpen, status.AsOf, status.AsOfTitle,
            "/indikator/" + instrument.Slug);
    }
}
