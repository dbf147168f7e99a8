using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed record LatestAndPopular(IReadOnlyList<ArticleCard> Latest, IReadOnlyList<ArticleCard> Popular24, IReadOnlyList<ArticleCard> Popular7);

/// <summary>
/// The sidebar's Terbaru and Terpopuler (last 24 hours, and the week behind a fold). Its markup is kept for as long as the
/// three lists it shows are (<see cref="KeptBlocks"/>).
/// </summary>
public sealed class LatestAndPopularViewComponent(StoryQueries queries, KeptBlocks kept) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var latest = await queries.LatestAsync();
        var popular24 = await queries.PopularAsync(24);
        var popular7 = await queries.PopularAsync(24 * 7);
        return await kept.KeepAsync(this, View("/Reader/_LatestAndPopular.cshtml", new LatestAndPopular(latest.Take(8).ToList(), popular24, popular7)),
                   nameof(LatestAndPopular), "", latest, popular24, popular7);
    }
}

/// <summary>Terbaru and Terpopuler's kept markup, without invoking <see cref="LatestAndPopularViewComponent"/>.</summary>
public sealed class LatestAndPopularBlock(StoryQueries queries, KeptBlocks kept) : KeptBlock(nameof(LatestAndPopular))
{
    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments) =>
        kept.FindHtml(nameof(LatestAndPopular), "", await queries.LatestAsync(), await queries.PopularAsync(24), await queries.PopularAsync(24 * 7));
}
