using Microsoft.AspNetCore.Mvc;
using Warta.Web.Content;

namespace Warta.Web.Reader;

public sealed record LatestAndPopular(IReadOnlyList<ArticleCard> Latest, IReadOnlyList<ArticleCard> Popular24, IReadOnlyList<ArticleCard> Popular7);

/// <summary>The sidebar's Terbaru and Terpopuler (last 24 hours, and the week behind a fold).</summary>
public sealed class LatestAndPopularViewComponent(StoryQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Reader/_LatestAndPopular.cshtml", new LatestAndPopular(
            (await queries.LatestAsync()).Take(8).ToList(), await queries.PopularAsync(24), await queries.PopularAsync(24 * 7)));
}
