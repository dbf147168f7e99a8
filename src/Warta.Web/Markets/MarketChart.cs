using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>The ranges an instrument page charts, chosen by <c>?rentang=</c> so no script is needed.</summary>
public enum ChartRange { Intraday, Month, Year, FiveYears }

public static class MarketChart
{
    public static readonly (ChartRange Range, string Key, string Label)[] Ranges =
    [
        (ChartRange.Intraday, "hari-ini", "Hari ini"), (ChartRange.Month, "1b", "1 bulan"),
        (ChartRange.Year, "1t", "1 tahun"), (ChartRange.FiveYears, "5t", "5 tahun"),
    ];

    public static ChartRange Parse(string? key) => Ranges.FirstOrDefault(r => r.Key == key, Ranges[1]).Range;

    public static string KeyOf(ChartRange range) => Ranges.First(r => r.Range == range).Key;

    public static string LabelOf(ChartRange range) => Ranges.First(r => r.Range == range).Label;

    /// <summary>The points of a range: the latest day's minutes, or daily closes back from the latest day.</summary>
    public static List<(DateTimeOffset At, decimal Value)> Points(InstrumentView view, ChartRange range)
    {
        if (range == ChartRange.Intraday) return view.Intraday.ToList();
        var last = view.Figures?.Day ?? TradingCalendar.WibDay(DateTimeOffset.UtcNow);
        var from = range switch { ChartRange.Month => last.AddMonths(-1), ChartRange.Year => last.AddYears(-1), _ => last.AddYears(-5) };
        return view.Bars.Where(b => b.Day >= from && b.Day <= last).Select(b => (b.CloseAt, b.Close)).ToList();
    }

    // One drawing for every width: it scales to its column (viewBox), and the stylesheet sets its text larger in drawing
    // units on a phone so labels stay about 12 px there. Value labels sit inside the plot, over their grid lines, so no
    // margin is lost to them; Top and Bottom leave room for the largest labels.
    const int Width = 760, Height = 340, Left = 8, Right = 8, Top = 36, Bottom = 40;
    const int MaxPoints = 400;

    /// <summary>A line chart as inline SVG with an accessible title and description; a message when there is nothing to draw.</summary>
    public static IHtmlContent Svg(string id, string label, ChartRange range, IReadOnlyList<(DateTimeOffset At, decimal Value)> points, int decimals)
    {
        var title = $"Grafik {label}, {LabelOf(range).ToLowerInvariant()}";
        if (points.Count < 2)
            return new HtmlString($"<p class=\"muted\" id=\"{id}\">{Encode(title)}: belum ada cukup data untuk digambar.</p>");

        var sample = Thin(points);
        var min = sample.Min(p => p.Value);
        var max = sample.Max(p => p.Value);
        if (min == max) { min -= 1; max += 1; }
        var first = sample[0].At;
        var span = (double)(sample[^1].At - first).Ticks;
        double X(DateTimeOffset at) => Left + (span <= 0 ? 0 : (at - first).Ticks / span) * (Width - Left - Right);
        double Y(decimal v) => Top + (double)((max - v) / (max - min)) * (Height - Top - Bottom);

        var desc = $"Dari {Indonesian.Number(points[0].Value, decimals)} ({Stamp(points[0].At, range)}) ke {Indonesian.Number(points[^1].Value, decimals)} " +
                   $"({Stamp(points[^1].At, range)}); tertinggi {Indonesian.Number(points.Max(p => p.Value), decimals)}, terendah {Indonesian.Number(points.Min(p => p.Value), decimals)}.";
        var svg = new StringBuilder(8 * 1024);
        svg.Append($"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append($"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(desc)}</desc>");
        var labels = new StringBuilder(1024);
        for (var i = 0; i <= 3; i++)
        {
            var v = min + (max - min) * i / 3;
            var y = F(Y(v));
            svg.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\"/>");
            labels.Append($"<text x=\"{Width - Right - 4}\" y=\"{F(Y(v) - 6)}\" text-anchor=\"end\">{Encode(Indonesian.Number(v, decimals))}</text>");
        }
        var line = new StringBuilder(sample.Count * 14);
        foreach (var (at, value) in sample) line.Append(line.Length == 0 ? "M" : " L").Append(F(X(at))).Append(',').Append(F(Y(value)));
        svg.Append($"<path class=\"area\" d=\"{line} L{F(X(sample[^1].At))},{Height - Bottom} L{F(X(first))},{Height - Bottom} Z\"/>");
        svg.Append($"<path class=\"line\" d=\"{line}\"/>");
        svg.Append(labels);
        svg.Append($"<text x=\"{Left + 4}\" y=\"{Height - 10}\">{Encode(Stamp(sample[0].At, range))}</text>");
        svg.Append($"<text x=\"{Width - Right - 4}\" y=\"{Height - 10}\" text-anchor=\"end\">{Encode(Stamp(sample[^1].At, range))}</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>At most <see cref="MaxPoints"/> points, evenly picked, always keeping the first and the last.</summary>
    static List<(DateTimeOffset At, decimal Value)> Thin(IReadOnlyList<(DateTimeOffset At, decimal Value)> points)
    {
        if (points.Count <= MaxPoints) return points.ToList();
        var step = (points.Count - 1) / (double)(MaxPoints - 1);
        var result = new List<(DateTimeOffset, decimal)>(MaxPoints);
        for (var i = 0; i < MaxPoints; i++) result.Add(points[(int)Math.Round(i * step)]);
        return result;
    }

    static string Stamp(DateTimeOffset at, ChartRange range) =>
        range == ChartRange.Intraday ? Indonesian.Clock(at) : Indonesian.ShortDate(TradingCalendar.WibDay(at));

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
