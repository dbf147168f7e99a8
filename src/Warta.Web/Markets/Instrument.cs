using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public enum InstrumentKind { Index, Price, Fx, FundIndex }

/// <summary>How the ticker shows an instrument: value, change and percent; or the day's percent only (fund indices).</summary>
public enum TickerDisplay { Full, Percent }

/// <summary>
/// When an instrument trades: <c>Idx</c> the stock exchange's sessions Monday–Friday in WIB without its holidays;
/// <c>Daily</c> one value per trading day (gold, fund indices; the same holidays); <c>Continuous</c> around the clock
/// Monday–Friday (currencies; exchange holidays do not apply).
/// </summary>
public enum CalendarKind { Idx, Daily, Continuous }

public sealed class Instrument
{
    public int Id { get; set; }
    public required string Symbol { get; set; }
    public required string Label { get; set; }
    public InstrumentKind Kind { get; set; }
    public int Decimals { get; set; }
    public string? Unit { get; set; }
    public TickerDisplay Display { get; set; }
    public int Order { get; set; }
    public bool InTicker { get; set; }
    public CalendarKind Calendar { get; set; }
    /// <summary>Minutes of open session without a quote after which the value is shown as stale.</summary>
    public int StaleAfterMinutes { get; set; } = 15;
    /// <summary>A quote moving more than this percent from the one before it (within <see cref="JumpWindowMinutes"/>) is held for an admin.</summary>
    public decimal JumpHoldPercent { get; set; } = 25m;
    public int JumpWindowMinutes { get; set; } = 1;

    /// <summary>The instrument's address part and the tag slug that links stories to it: <c>USD/IDR</c> → <c>usd-idr</c>.</summary>
    public static string SlugOf(string symbol) => Content.InstrumentLinks.SlugOf(symbol);

    public string Slug => SlugOf(Symbol);

    public static CalendarKind DefaultCalendar(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Index => CalendarKind.Idx,
        InstrumentKind.Fx => CalendarKind.Continuous,
        _ => CalendarKind.Daily,
    };
}

/// <summary>
/// One minute of an instrument: the latest value quoted within that minute (<see cref="At"/> is that quote's own time).
/// Kept for the retention period (default 30 days), then reduced to <see cref="DailyBar"/>s.
/// </summary>
public sealed class Quote
{
    public int InstrumentId { get; set; }
    /// <summary>The quote's time cut to the minute; with the instrument, the key.</summary>
    public DateTimeOffset Minute { get; set; }
    public DateTimeOffset At { get; set; }
    public decimal Value { get; set; }
    /// <summary>The previous trading day's close when the sender gave one; otherwise it is derived from the daily bars.</summary>
    public decimal? PreviousClose { get; set; }

    public static DateTimeOffset MinuteOf(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}

/// <summary>Open, high, low and close of one instrument on one trading day (its WIB date). Kept forever.</summary>
public sealed class DailyBar
{
    public int InstrumentId { get; set; }
    public DateOnly Day { get; set; }
    public decimal Open { get; set; }
    public decimal High { get; set; }
    public decimal Low { get; set; }
    public decimal Close { get; set; }
    public DateTimeOffset OpenAt { get; set; }
    public DateTimeOffset CloseAt { get; set; }
}

public enum HeldStatus { Held, Confirmed, Rejected }

/// <summary>A quote that jumped beyond its instrument's bound, kept off the ticker until an admin decides.</summary>
public sealed class HeldQuote
{
    public long Id { get; set; }
    public int InstrumentId { get; set; }
    public DateTimeOffset At { get; set; }
    public decimal Value { get; set; }
    public decimal? PreviousClose { get; set; }
    /// <summary>The quote it jumped from.</summary>
    public decimal Reference { get; set; }
    public DateTimeOffset ReferenceAt { get; set; }
    public DateTimeOffset HeldAt { get; set; }
    public HeldStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>A day the exchange is closed (besides weekends); applies to the Idx and Daily calendars.</summary>
public sealed class MarketHoliday
{
    public DateOnly Day { get; set; }
    public required string Name { get; set; }
}

sealed class MarketsConfiguration : IEntityTypeConfiguration<Instrument>, IEntityTypeConfiguration<Quote>,
    IEntityTypeConfiguration<DailyBar>, IEntityTypeConfiguration<HeldQuote>, IEntityTypeConfiguration<MarketHoliday>
{
    public void Configure(EntityTypeBuilder<Instrument> b)
    {
        b.HasIndex(i => i.Symbol).IsUnique();
        b.Property(i => i.Symbol).HasMaxLength(40);
        b.Property(i => i.Label).HasMaxLength(80);
        b.Property(i => i.Unit).HasMaxLength(40);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Display).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Calendar).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.JumpHoldPercent).HasPrecision(9, 4);
        b.Ignore(i => i.Slug);
    }

    public void Configure(EntityTypeBuilder<Quote> b)
    {
        // The key is the lookup: an instrument's minutes in time order, latest first for the ticker.
        // A table of its own name: the minute rows replaced the first release's per-tick "Quotes" table.
        b.ToTable("QuoteMinutes");
        b.HasKey(q => new { q.InstrumentId, q.Minute });
        b.HasOne<Instrument>().WithMany().HasForeignKey(q => q.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(q => q.Value).HasPrecision(20, 6);
        b.Property(q => q.PreviousClose).HasPrecision(20, 6);
        b.HasIndex(q => q.Minute);
    }

    public void Configure(EntityTypeBuilder<DailyBar> b)
    {
        b.HasKey(d => new { d.InstrumentId, d.Day });
        b.HasOne<Instrument>().WithMany().HasForeignKey(d => d.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.Open).HasPrecision(20, 6);
        b.Property(d => d.High).HasPrecision(20, 6);
        b.Property(d => d.Low).HasPrecision(20, 6);
        b.Property(d => d.Close).HasPrecision(20, 6);
    }

    public void Configure(EntityTypeBuilder<HeldQuote> b)
    {
        b.HasOne<Instrument>().WithMany().HasForeignKey(h => h.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(h => h.Value).HasPrecision(20, 6);
        b.Property(h => h.PreviousClose).HasPrecision(20, 6);
        b.Property(h => h.Reference).HasPrecision(20, 6);
        b.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.DecidedBy).HasMaxLength(256);
        b.HasIndex(h => new { h.Status, h.HeldAt });
        b.HasIndex(h => new { h.InstrumentId, h.At });
    }

    public void Configure(EntityTypeBuilder<MarketHoliday> b)
    {
        b.HasKey(h => h.Day);
        b.Property(h => h.Name).HasMaxLength(120);
    }
}
