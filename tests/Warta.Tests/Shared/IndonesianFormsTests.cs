using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>Every form of the one formatter, each read back as its exact text (the server runs in another zone).</summary>
public class IndonesianFormsTests
{
    // 03:23 UTC on Friday 5 May 2023 is 10:23 WIB; 18:05 UTC on 31 December 2024 is already 1 January 2025 in Jakarta.
    static readonly DateTimeOffset Friday = new(2023, 5, 5, 3, 23, 0, TimeSpan.Zero);
    static readonly DateTimeOffset NewYear = new(2024, 12, 31, 18, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Writes_each_date_form_in_WIB()
    {
        Assert.Equal("05 Mei 2023", Indonesian.Date(Friday));
        Assert.Equal("Jumat, 05 Mei 2023", Indonesian.DayDate(Friday));
        Assert.Equal("05 Mei 10:23", Indonesian.Compact(Friday));
        Assert.Equal("10:23 WIB", Indonesian.Clock(Friday));
        Assert.Equal("01 Januari 2025", Indonesian.Date(NewYear));
        Assert.Equal("Rabu, 01 Januari 2025", Indonesian.DayDate(NewYear));
        Assert.Equal("01 Jan 01:05", Indonesian.Compact(NewYear));
        Assert.Equal("01:05 WIB", Indonesian.Clock(NewYear));
    }

    [Fact]
    public void Writes_instants_for_machines_with_the_Jakarta_offset()
    {
        Assert.Equal("2023-05-05T10:23:00+07:00", Indonesian.W3c(Friday));
        Assert.Equal("2025-01-01T01:05:00+07:00", Indonesian.W3c(NewYear));
        Assert.Equal("Fri, 05 May 2023 10:23:00 +0700", Indonesian.Rfc822(Friday));
        Assert.Equal("Wed, 01 Jan 2025 01:05:00 +0700", Indonesian.Rfc822(NewYear));
        // The same instant given in another offset is the same Jakarta wall clock; seconds are kept, fractions dropped.
        var seattle = new DateTimeOffset(2023, 5, 4, 20, 23, 7, 999, TimeSpan.FromHours(-7));
        Assert.Equal("2023-05-05T10:23:07+07:00", Indonesian.W3c(seattle));
        Assert.Equal("Fri, 05 May 2023 10:23:07 +0700", Indonesian.Rfc822(seattle));
        Assert.Equal(Friday, DateTimeOffset.Parse(Indonesian.W3c(Friday), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Names_every_short_month_and_calendar_day()
    {
        var months = Enumerable.Range(1, 12).Select(m => Indonesian.ShortDate(new DateOnly(2023, m, 9)));
        Assert.Equal(["09 Jan 2023", "09 Feb 2023", "09 Mar 2023", "09 Apr 2023", "09 Mei 2023", "09 Jun 2023",
            "09 Jul 2023", "09 Agu 2023", "09 Sep 2023", "09 Okt 2023", "09 Nov 2023", "09 Des 2023"], months);
        var compact = Enumerable.Range(1, 12).Select(m => Indonesian.Compact(new DateTimeOffset(2023, m, 9, 1, 2, 0, TimeSpan.Zero)).Split(' ')[1]);
        Assert.Equal(["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"], compact);
        Assert.Equal("Minggu, 07 Mei 2023", Indonesian.DayDate(new DateOnly(2023, 5, 7)));
        Assert.Equal("Sabtu, 30 Desember 2023", Indonesian.DayDate(new DateOnly(2023, 12, 30)));
        Assert.Equal("Senin, 01 Januari 2024", Indonesian.DayDate(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Reads_and_writes_the_WIB_wall_clock_of_a_form_field()
    {
        Assert.Equal("2023-05-05T10:23", Indonesian.WibInput(Friday));
        Assert.Equal("2025-01-01T01:05", Indonesian.WibInput(NewYear));
        Assert.Equal("", Indonesian.WibInput(null));
        Assert.Equal(Friday, Indonesian.FromWib(new DateTime(2023, 5, 5, 10, 23, 0, DateTimeKind.Local)));
        Assert.Equal(TimeSpan.Zero, Indonesian.FromWib(new DateTime(2023, 5, 5, 10, 23, 0)).Offset);

        foreach (var text in new[] { "2023-05-05T10:23", " 2023-05-05T10:23:00 ", "2023-05-05 10:23" })
        {
            Assert.True(Indonesian.TryParseWibInput(text, out var instant), text);
            Assert.Equal(Friday, instant);
        }
        Assert.True(Indonesian.TryParseWibInput("  ", out var none));
        Assert.Null(none);
        Assert.True(Indonesian.TryParseWibInput(null, out none));
        Assert.Null(none);
        Assert.False(Indonesian.TryParseWibInput("05/05/2023 10:23", out none));
        Assert.Null(none);
        Assert.False(Indonesian.TryParseWibInput("besok pagi", out _));
    }

    [Fact]
    public void Starts_the_WIB_day_at_midnight_in_Jakarta()
    {
        Assert.Equal(new DateTimeOffset(2023, 5, 4, 17, 0, 0, TimeSpan.Zero), Indonesian.StartOfWibDay(Friday));
        Assert.Equal(TimeSpan.Zero, Indonesian.StartOfWibDay(Friday).Offset);
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 10, 23, 0, TimeSpan.FromHours(7)), Indonesian.ToWib(Friday));
        Assert.Equal(TimeSpan.FromHours(7), Indonesian.ToWib(Friday).Offset);
    }

    [Theory]
    [InlineData("750000", 750000)]
    [InlineData("750.000", 750000)]
    [InlineData("Rp 750.000", 750000)]
    [InlineData("rp750.000", 750000)]
    [InlineData("999999999999999", 999999999999999)]
    public void Reads_a_rupiah_amount_as_staff_type_it(string text, long expected)
    {
        Assert.True(Indonesian.TryParseRupiah(text, out var amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Rp")]
    [InlineData("750,50")]
    [InlineData("-750")]
    [InlineData("7五0")]
    [InlineData("1000000000000000")]
    public void Refuses_what_is_not_a_whole_rupiah_amount(string? text)
    {
        Assert.False(Indonesian.TryParseRupiah(text, out _));
    }

    [Fact]
    public void Writes_magnitudes_and_rounds_half_away_from_zero()
    {
        Assert.Equal("7,91", Indonesian.Magnitude(-7.91m, 2));
        Assert.Equal("1.234", Indonesian.Magnitude(1234m, 0));
        Assert.Equal("0,13", Indonesian.Number(0.125m, 2));
        Assert.Equal("-0,13", Indonesian.Number(-0.125m, 2));
        Assert.Equal("3", Indonesian.Number(2.5m, 0));
        Assert.Equal("Rp -1.500", Indonesian.Rupiah(-1500m));
        Assert.Equal("0,00%", Indonesian.Percent(0m));
    }
}
