using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Markets;

public enum InstrumentKind { Index, Price, Fx, FundIndex }

/// <summary>How the ticker shows an instrument: value, change and percent; or the day's percent only (fund indices).</summary>
public enum TickerDisplay { Full, Percent }

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
}

public sealed class Quote
{
    public long Id { get; set; }
    public int InstrumentId { get; set; }
    public DateTimeOffset At { get; set; }
    public decimal Value { get; set; }
    /// <summary>The close of the previous trading day, as sent or found at ingest; change and percent derive from it.</summary>
    public decimal? PreviousClose { get; set; }
}

sealed class MarketsConfiguration : IEntityTypeConfiguration<Instrument>, IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Instrument> b)
    {
        b.HasIndex(i => i.Symbol).IsUnique();
        b.Property(i => i.Symbol).HasMaxLength(40);
        b.Property(i => i.Label).HasMaxLength(80);
        b.Property(i => i.Unit).HasMaxLength(40);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Display).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<Quote> b)
    {
        b.HasIndex(q => new { q.InstrumentId, q.At }).IsUnique();
        b.HasOne<Instrument>().WithMany().HasForeignKey(q => q.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(q => q.Value).HasPrecision(20, 6);
        b.Property(q => q.PreviousClose).HasPrecision(20, 6);
    }
}
