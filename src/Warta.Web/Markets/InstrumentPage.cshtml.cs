using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public sealed class InstrumentPageModel(WartaDb db, MarketData markets, StoryQueries queries) : SitePage
{
    public InstrumentView View { get; private set; } = null!;
    public ChartRange Range { get; private set; }
    public List<(DateTimeOffset At, decimal Value)> Points { get; private set; } = [];
    public List<(DailyBar Bar, decimal? Change, decimal? Percent)> RecentCloses { get; private set; } = [];
    public List<ArticleCard> Stories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? rentang)
    {
        var instrument = await markets.FindAsync(slug);
        if (instrument is null) return NotFound();
        View = await markets.ViewAsync(instrument);
        Range = MarketChart.Parse(rentang);
        Points = MarketChart.Points(View, Range);
        // Fifteen closes, each against the one before it: the sixteenth back only serves as the first one's reference.
        // While the market trades, today's bar is not a close yet.
        var bars = View.Status is { MarketOpen: true } && View.Bars.Count > 0 && View.Bars[^1].Day == View.Figures?.Day ? View.Bars.SkipLast(1) : View.Bars;
        var closes = MarketFigures.Closes(View.Calendar, bars.TakeLast(16).ToList());
        RecentCloses = closes.Skip(closes.Count > 15 ? 1 : 0).Reverse().ToList();

        // Stories tagged with the instrument: the tag whose slug is the instrument's (e.g. tag "USD/IDR" → usd-idr).
        var tagSlug = instrument.Slug;
        var tagged = from tag in db.Tags
                     where tag.Slug == tagSlug
                     join link in db.ArticleTags on tag.Id equals link.TagId
                     join article in StoryQueries.Visible(db, queries.Now) on link.ArticleId equals article.Id
                     select article;
        Stories = await StoryQueries.Cards(tagged.OrderByDescending(a => a.PublishedAt).Take(6)).ToListAsync();

        PageTitle = $"{instrument.Label} — Indikator Pasar";
        Description = $"{instrument.Label}: nilai terakhir, perubahan, grafik dan riwayat penutupan.";
        return Page();
    }

    public string Format(decimal value) => Shared.Indonesian.Number(value, View.Instrument.Decimals);

    public static string SignedPercent(decimal? percent) => percent is { } p ? (p > 0 ? "+" : p < 0 ? "−" : "") + Shared.Indonesian.Percent(p) : "–";
}
