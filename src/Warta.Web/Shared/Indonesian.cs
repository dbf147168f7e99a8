using System.Globalization;

namespace Warta.Web.Shared;

/// <summary>
/// The one formatter for what readers see: instants in WIB (Asia/Jakarta) and numbers in Indonesian form.
/// Day and month names are spelled here rather than taken from ICU so output never depends on the host's locale data.
/// </summary>
public static class Indonesian
{
    public static readonly TimeZoneInfo Wib = FindWib();

    static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
    static readonly string[] ShortMonths = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

    static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    static TimeZoneInfo FindWib()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        }
        catch (TimeZoneNotFoundException)
        {
            // WIB has been a fixed UTC+7 without daylight saving since 1964.
            return TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");
        }
    }

    public static DateTimeOffset ToWib(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Wib);

    /// <summary>The UTC instant of a wall-clock time read in WIB (a form field, a vendor's local time).</summary>
    public static DateTimeOffset FromWib(System.DateTime local)
    {
        local = System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Wib.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Start of the WIB calendar day holding <paramref name="instant"/>, as a UTC instant.</summary>
    public static DateTimeOffset StartOfWibDay(DateTimeOffset instant)
    {
        var local = ToWib(instant);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, local.Offset).ToUniversalTime();
    }

    /// <summary><c>Jumat, 05 Mei 2023 / 10:23 WIB</c></summary>
    public static string DateTime(DateTimeOffset instant)
    {
        var t = ToWib(instant);
        return $"{Days[(int)t.DayOfWeek]}, {t.Day:00} {Months[t.Month - 1]} {t.Year} / {t.Hour:00}:{t.Minute:00} WIB";
    }

    /// <summary><c>05 Mei 2023</c></summary>
    public static string Date(DateTimeOffset instant)
    {
        var t = ToWib(instant);
        return $"{t.Day:00} {Months[t.Month - 1]} {t.Year}";
    }

    /// <summary><c>Jumat, 05 Mei 2023</c></summary>
    public static string DayDate(DateTimeOffset instant)
    {
        var t = ToWib(instant);
        return $"{Days[(int)t.DayOfWeek]}, {t.Day:00} {Months[t.Month - 1]} {t.Year}";
    }

    /// <summary><c>05 Mei 2023</c> — a day in a narrow place (ticker, tables).</summary>
    public static string ShortDate(DateOnly day) => $"{day.Day:00} {ShortMonths[day.Month - 1]} {day.Year}";

    /// <summary><c>Jumat, 05 Mei 2023</c> for a calendar day.</summary>
    public static string DayDate(DateOnly day) => $"{Days[(int)day.DayOfWeek]}, {day.Day:00} {Months[day.Month - 1]} {day.Year}";

    /// <summary><c>05 Mei, 10:23</c> — compact form for lists.</summary>
    public static string Compact(DateTimeOffset instant)
    {
        var t = ToWib(instant);
        return $"{t.Day:00} {ShortMonths[t.Month - 1]} {t.Hour:00}:{t.Minute:00}";
    }

    /// <summary><c>10:23 WIB</c></summary>
    public static string Clock(DateTimeOffset instant)
    {
        var t = ToWib(instant);
        return $"{t.Hour:00}:{t.Minute:00} WIB";
    }

    /// <summary>
    /// An instant for machines in WIB with its offset, in W3C/RFC 3339 form (<c>2023-05-05T10:23:00+07:00</c>): structured
    /// data, sitemaps, Atom. The offset says Jakarta time whatever zone the server runs in.
    /// </summary>
    public static string W3c(DateTimeOffset instant) => ToWib(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An instant in WIB as RSS 2.0 wants it (RFC 822 with a four-digit year): <c>Fri, 05 May 2023 10:23:00 +0700</c>.</summary>
    public static string Rfc822(DateTimeOffset instant)
    {
        var t = ToWib(instant);
        // "+07:00" without its colon: RSS wants "+0700".
        var text = t.ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);
        return text.Remove(text.Length - 3, 1);
    }

    /// <summary>A number with <paramref name="decimals"/> places, decimal comma and thousands dot: <c>1.354.000</c>, <c>909,31</c>.</summary>
    public static string Number(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("N" + decimals, Numbers);
    }

    /// <summary>Absolute value, used where the sign is shown by an arrow or colour: <c>7,91</c>.</summary>
    public static string Magnitude(decimal value, int decimals) => Number(Math.Abs(value), decimals);

    /// <summary>Percent with two places and no sign: <c>0,88%</c>.</summary>
    public static string Percent(decimal value) => Number(Math.Abs(value), 2) + "%";

    /// <summary>Rupiah: <c>Rp 1.250.000</c>.</summary>
    public static string Rupiah(decimal value) => "Rp " + Number(value, 0);

    /// <summary>An instant as the value of an <c>&lt;input type="datetime-local"&gt;</c>, in WIB: <c>2023-05-05T10:23</c>.</summary>
    public static string WibInput(DateTimeOffset? instant) =>
        instant is { } i ? ToWib(i).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// Reads a datetime-local value typed in WIB (staff think in Jakarta time whatever their browser's zone). Empty is
    /// a valid "no time"; false means the text is not a time.
    /// </summary>
    public static bool TryParseWibInput(string? value, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
        if (!System.DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        instant = FromWib(local);
        return true;
    }

    /// <summary>Reads a whole rupiah amount as staff type it: <c>750000</c>, <c>750.000</c> or <c>Rp 750.000</c>.</summary>
    public static bool TryParseRupiah(string? value, out decimal amount)
    {
        amount = 0;
        var digits = (value ?? "").Replace("Rp", "", StringComparison.OrdinalIgnoreCase).Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return digits.Length is > 0 and <= 15 && digits.All(char.IsAsciiDigit) && decimal.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out amount);
    }
}
