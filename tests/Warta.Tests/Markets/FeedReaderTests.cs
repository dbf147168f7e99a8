using System.Text;
using Warta.Web.Markets.Feeds;

namespace Warta.Tests.Markets;

/// <summary>The feed mapping on its own: numbers, times and codes as vendors write them.</summary>
public class FeedReaderTests
{
    static readonly DateTimeOffset FetchedAt = new(2023, 5, 5, 3, 23, 0, TimeSpan.Zero);

    static QuoteFeed Csv(DecimalMark decimals, ThousandsMark thousands, FeedTimeFormat time = FeedTimeFormat.UnixSeconds) => new()
    {
        Name = "uji", Url = "https://vendor.example/q.csv", Format = FeedFormat.Csv, Delimiter = ",", HasHeader = false,
        SymbolField = "1", ValueField = "2", TimeField = "3", DecimalMark = decimals, ThousandsMark = thousands, TimeFormat = time,
        Symbols = "LQ45 EMAS",
    };

    static FeedRows Read(QuoteFeed feed, string body) => FeedReader.Read(feed, Encoding.UTF8.GetBytes(body), FetchedAt);

    [Theory]
    [InlineData(DecimalMark.Dot, ThousandsMark.Comma, "\"1,354,000.50\"", "1354000.50")]
    [InlineData(DecimalMark.Comma, ThousandsMark.Dot, "\"1.354.000,50\"", "1354000.50")]
    [InlineData(DecimalMark.Comma, ThousandsMark.Space, "\"1 354 000,50\"", "1354000.50")]
    [InlineData(DecimalMark.Dot, ThousandsMark.None, "909.31", "909.31")]
    [InlineData(DecimalMark.Comma, ThousandsMark.None, "\"-0,05\"", "-0.05")]
    public void Numbers_are_read_by_the_feeds_convention(DecimalMark decimals, ThousandsMark thousands, string written, string expected)
    {
        var rows = Read(Csv(decimals, thousands), $"EMAS,{written},1683256800\n");
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rows.Quotes.Single().Value);
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 20, 0, TimeSpan.Zero), rows.Quotes.Single().At);
    }

    [Theory]
    [InlineData(DecimalMark.Dot, ThousandsMark.None, "\"909,31\"")]
    [InlineData(DecimalMark.Comma, ThousandsMark.None, "909.31")]
    [InlineData(DecimalMark.Dot, ThousandsMark.Comma, "Infinity")]
    [InlineData(DecimalMark.Dot, ThousandsMark.None, "1e5")]
    [InlineData(DecimalMark.Dot, ThousandsMark.None, "909.31.2")]
    public void A_number_in_another_convention_is_refused_naming_the_line(DecimalMark decimals, ThousandsMark thousands, string written)
    {
        var error = Assert.Throws<FeedFormatException>(() => Read(Csv(decimals, thousands), $"LQ45,900,1683256800\nLQ45,{written},1683256800\n"));
        Assert.StartsWith("Baris 2: '2' berisi", error.Message);
    }

    [Fact]
    public void Wib_times_become_utc_and_a_time_without_offset_is_refused_as_ISO()
    {
        var wib = Csv(DecimalMark.Dot, ThousandsMark.None, FeedTimeFormat.Wib);
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 20, 0, TimeSpan.Zero), Read(wib, "LQ45,909.31,2023-05-05 10:20\n").Quotes.Single().At);

        var iso = Csv(DecimalMark.Dot, ThousandsMark.None, FeedTimeFormat.Iso8601);
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 20, 0, TimeSpan.Zero), Read(iso, "LQ45,909.31,2023-05-05T10:20:00+07:00\n").Quotes.Single().At);
        var error = Assert.Throws<FeedFormatException>(() => Read(iso, "LQ45,909.31,2023-05-05T10:20:00\n"));
        Assert.Contains("tidak sesuai format ISO 8601 dengan zona waktu", error.Message);
    }

    [Fact]
    public void Records_of_other_instruments_are_skipped_and_a_feed_with_none_of_ours_is_an_error()
    {
        var feed = Csv(DecimalMark.Dot, ThousandsMark.None);
        feed.SymbolMap = "JKLQ45=LQ45";
        var rows = Read(feed, "JKLQ45,909.31,1683256800\nN225,29157.95,1683256800\nBBCA,9125,1683256800\n");
        Assert.Equal("LQ45", rows.Quotes.Single().Symbol);
        Assert.Equal(["Baris 1"], rows.Sources);
        Assert.Equal(2, rows.Skipped);

        var none = Assert.Throws<FeedFormatException>(() => Read(feed, "N225,29157.95,1683256800\n"));
        Assert.Contains("periksa peta simbol", none.Message);
    }

    [Fact]
    public void A_feed_without_a_time_field_takes_the_fetch_time()
    {
        var feed = new QuoteFeed
        {
            Name = "uji", Url = "https://vendor.example/q.json", Format = FeedFormat.Json, SymbolField = "s", ValueField = "harga.akhir",
            Symbols = "EMAS",
        };
        var rows = Read(feed, """[{"s": "EMAS", "harga": {"akhir": 1354000}}]""");
        Assert.Equal(FetchedAt, rows.Quotes.Single().At);
        Assert.Equal(1_354_000m, rows.Quotes.Single().Value);
    }
}
