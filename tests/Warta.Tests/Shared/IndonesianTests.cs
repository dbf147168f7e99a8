using Warta.Web.Shared;

namespace Warta.Tests.Shared;

public class IndonesianTests
{
    [Fact]
    public void Formats_an_instant_as_the_portal_does_in_WIB()
    {
        // 03:23 UTC is 10:23 in Jakarta, whatever zone this machine is in.
        var instant = new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero);
        Assert.Equal("Jumat, 05 Mei 2023 / 10:23 WIB", Indonesian.DateTime(instant));
    }

    [Fact]
    public void Crosses_the_date_line_into_the_next_WIB_day()
    {
        var instant = new DateTimeOffset(2024, 12, 31, 18, 5, 0, TimeSpan.Zero);
        Assert.Equal("Rabu, 01 Januari 2025 / 01:05 WIB", Indonesian.DateTime(instant));
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 17, 0, 0, TimeSpan.Zero), Indonesian.StartOfWibDay(instant));
    }

    [Fact]
    public void Names_every_day_and_month_in_Indonesian()
    {
        var days = Enumerable.Range(0, 7).Select(d => Indonesian.DateTime(new DateTimeOffset(2023, 5, 7 + d, 1, 0, 0, TimeSpan.Zero)).Split(',')[0]);
        Assert.Equal(["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"], days);
        var months = Enumerable.Range(1, 12).Select(m => Indonesian.Date(new DateTimeOffset(2023, m, 10, 1, 0, 0, TimeSpan.Zero)).Split(' ')[1]);
        Assert.Equal(["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"], months);
    }

    [Theory]
    [InlineData("909.31", 2, "909,31")]
    [InlineData("1354000", 0, "1.354.000")]
    [InlineData("7.91", 2, "7,91")]
    [InlineData("7082.145", 2, "7.082,15")]
    [InlineData("15680", 0, "15.680")]
    [InlineData("0", 2, "0,00")]
    [InlineData("-1234.5", 1, "-1.234,5")]
    public void Writes_numbers_with_decimal_comma_and_thousands_dot(string value, int decimals, string expected) =>
        Assert.Equal(expected, Indonesian.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void Writes_percent_and_rupiah()
    {
        Assert.Equal("0,88%", Indonesian.Percent(0.8777m));
        Assert.Equal("1,65%", Indonesian.Percent(-1.649m));
        Assert.Equal("Rp 1.250.000", Indonesian.Rupiah(1_250_000m));
    }
}
