using System.Text.RegularExpressions;

namespace Warta.BrowserTests;

/// <summary>What Indonesian readers expect to see: day and month names, decimal comma, thousands dot, WIB.</summary>
static partial class IndonesianFormats
{
    const string Day = "(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)";
    const string Month = "(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)";

    /// <summary><c>Jumat, 05 Mei 2023 / 10:23 WIB</c></summary>
    [GeneratedRegex($@"^{Day}, \d{{1,2}} {Month} \d{{4}} / \d{{2}}:\d{{2}} WIB$")]
    public static partial Regex DateTime();

    /// <summary>The header clock: <c>Minggu, 29 November 2026 · 11:46 WIB</c></summary>
    [GeneratedRegex($@"^{Day}, \d{{1,2}} {Month} \d{{4}} · \d{{2}}:\d{{2}} WIB$")]
    public static partial Regex Clock();

    /// <summary><c>909,31</c>, <c>1.354.000</c>, <c>16.250</c></summary>
    [GeneratedRegex(@"^\d{1,3}(\.\d{3})*(,\d+)?$")]
    public static partial Regex Number();

    /// <summary><c>0,88%</c></summary>
    [GeneratedRegex(@"^\d{1,3}(\.\d{3})*(,\d+)?%$")]
    public static partial Regex Percent();

    /// <summary><c>Rp 750.000</c></summary>
    [GeneratedRegex(@"^Rp\s?\d{1,3}(\.\d{3})*(,\d+)?$")]
    public static partial Regex Rupiah();

    [GeneratedRegex(@"^#\p{L}[\p{L}\p{N}_]*( #\p{L}[\p{L}\p{N}_]*)*$")]
    public static partial Regex Hashtags();

    /// <summary><c>WARTA.CO.ID - JAKARTA.</c></summary>
    [GeneratedRegex(@"^WARTA\.CO\.ID - [A-Z][A-Z .'-]*\.$")]
    public static partial Regex Dateline();

    /// <summary><c>Reporter: A | Editor: B</c> or <c>Sumber: Reuters | Editor: B</c></summary>
    [GeneratedRegex(@"^(Reporter|Sumber): \S.* \| Editor: \S.*$")]
    public static partial Regex CreditLine();

    /// <summary>A photo credit: <c>WARTA/Name</c>, <c>REUTERS/Name</c></summary>
    [GeneratedRegex(@"^[A-Z][A-Z .&-]*/\S.*$")]
    public static partial Regex PhotoCredit();

    /// <summary>A columnist's byline: <c>Name | Senior Editor</c></summary>
    [GeneratedRegex(@"^\S.* \| \S.*$")]
    public static partial Regex Byline();

    /// <summary>The ticker's change as shown, without its arrow or sign: <c>▲ 7,91</c> → <c>7,91</c>.</summary>
    public static string Unsigned(string text) => text.Trim().TrimStart('▲', '▼', '■', '+', '-', '−', ' ', '\u00a0').Trim();

    public static string Squash(string text) => WhitespaceRun().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
