using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Markets.Feeds;

public enum FeedFormat { Json, Csv }

/// <summary>How a vendor writes numbers held in text: <c>1,234.56</c> (dot decimals) or <c>1.234,56</c> (comma decimals).</summary>
public enum DecimalMark { Dot, Comma }

public enum ThousandsMark { None, Dot, Comma, Space }

public enum FeedTimeFormat
{
    /// <summary>ISO 8601 with an offset: <c>2023-05-05T10:23:00+07:00</c> or <c>…Z</c>.</summary>
    Iso8601,
    /// <summary>Local time in Jakarta without an offset, in the feed's pattern (<c>dd/MM/yyyy HH:mm</c>) or ISO order.</summary>
    Wib,
    UnixSeconds,
}

/// <summary>
/// A market-data source Warta polls: where it is, how its records map onto quotes, and how it fared last time. The
/// mapping is data, so a new vendor needs an admin's form, not an engineer's code.
/// </summary>
public sealed class QuoteFeed
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public FeedFormat Format { get; set; }
    public int IntervalSeconds { get; set; } = 60;
    public bool Enabled { get; set; } = true;
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>JSON: the dot path to the array of records (<c>data.quotes</c>); empty when the body is the array.</summary>
    public string? RecordsPath { get; set; }

    /// <summary>JSON: a field name or dot path inside a record. CSV: a header name, or a column number from 1.</summary>
    public required string SymbolField { get; set; }
    public required string ValueField { get; set; }
    /// <summary>Empty when the vendor sends no time: the quote is taken at the moment it was fetched.</summary>
    public string? TimeField { get; set; }
    public string? PreviousCloseField { get; set; }

    /// <summary>CSV: the one character between columns (<c>,</c> <c>;</c> tab <c>|</c>).</summary>
    public string Delimiter { get; set; } = ",";
    public bool HasHeader { get; set; } = true;

    public DecimalMark DecimalMark { get; set; }
    public ThousandsMark ThousandsMark { get; set; }
    public FeedTimeFormat TimeFormat { get; set; }
    /// <summary>For <see cref="FeedTimeFormat.Wib"/>: a .NET date pattern such as <c>dd/MM/yyyy HH:mm</c>; empty for ISO order.</summary>
    public string? TimePattern { get; set; }

    /// <summary>One <c>VENDOR=SYMBOL</c> a line: the vendor's code for each of our instruments, when they differ.</summary>
    public string? SymbolMap { get; set; }

    /// <summary>Our symbols this feed serves, space-separated; the vendor's other records are skipped.</summary>
    public required string Symbols { get; set; }

    /// <summary>When the feed is next due; a node claims a fetch by moving it forward with a conditional update.</summary>
    public DateTimeOffset NextDueAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public int? LastQuoteCount { get; set; }

    public IReadOnlyList<string> SymbolList() => Symbols.Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
}

sealed class QuoteFeedConfiguration : IEntityTypeConfiguration<QuoteFeed>
{
    public void Configure(EntityTypeBuilder<QuoteFeed> b)
    {
        b.HasIndex(f => f.Name).IsUnique();
        b.HasIndex(f => f.NextDueAt);
        b.Property(f => f.Name).HasMaxLength(80);
        b.Property(f => f.Url).HasMaxLength(2000);
        b.Property(f => f.Format).HasConversion<string>().HasMaxLength(8);
        b.Property(f => f.DecimalMark).HasConversion<string>().HasMaxLength(8);
        b.Property(f => f.ThousandsMark).HasConversion<string>().HasMaxLength(8);
        b.Property(f => f.TimeFormat).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.RecordsPath).HasMaxLength(200);
        b.Property(f => f.SymbolField).HasMaxLength(100);
        b.Property(f => f.ValueField).HasMaxLength(100);
        b.Property(f => f.TimeField).HasMaxLength(100);
        b.Property(f => f.PreviousCloseField).HasMaxLength(100);
        b.Property(f => f.Delimiter).HasMaxLength(1);
        b.Property(f => f.TimePattern).HasMaxLength(60);
        b.Property(f => f.SymbolMap).HasMaxLength(20_000);
        b.Property(f => f.Symbols).HasMaxLength(4000);
        b.Property(f => f.LastError).HasMaxLength(1000);
    }
}
