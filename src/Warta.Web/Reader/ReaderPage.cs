using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Web.Academy;
using Warta.Web.Markets;
using Warta.Web.Content;
using Warta.Web.Promos;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

/// <summary>Everything around a reader page's own content: header, ticker, promos, Terbaru, Terpopuler, Academy.</summary>
public sealed record Chrome(
    SiteOptions Site, IReadOnlyList<ChannelLink> Channels, IReadOnlyList<TickerItem> Ticker, LivePromo? Top, LivePromo? Popup,
    DateTimeOffset Now, IReadOnlyList<ArticleCard> Latest, IReadOnlyList<ArticleCard> Popular24, IReadOnlyList<ArticleCard> Popular7,
    IReadOnlyList<CourseCard> Courses, string Path);

public abstract class ReaderPage : PageModel
{
    public Chrome Chrome { get; private set; } = null!;
    public string? PageTitle { get; protected set; }
    public string? Description { get; protected set; }
    public string? CurrentChannel { get; protected set; }
    /// <summary>This page's own address (path and query); by default the path, with <c>?halaman=</c> beyond the first page.</summary>
    public string? CanonicalPath { get; protected set; }

    /// <summary>Pages search engines should not index (previews, errors) have no canonical link.</summary>
    protected virtual bool Indexable => true;

    public string? CanonicalUrl => Indexable
        ? Chrome.Site.Absolute((CanonicalPath ?? Request.PathBase.Add(Request.Path).ToUriComponent()) + (PageNumber(Request.Query["halaman"]) is > 1 and var n ? "?halaman=" + n : ""))
        : null;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is not PageResult) return;
        try
        {
            Chrome = await BuildChromeAsync(HttpContext);
        }
        catch (Exception) when (this is ErrorModel)
        {
            // The error page must render even when what broke was the database behind the header.
            Chrome = new Chrome(HttpContext.RequestServices.GetRequiredService<SiteOptions>(), [], [], null, null,
                DateTimeOffset.UtcNow, [], [], [], [], "/");
        }
    }

    public static async Task<Chrome> BuildChromeAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var queries = services.GetRequiredService<StoryQueries>();
        var promos = services.GetRequiredService<PromoService>();
        var live = await promos.LiveAsync();
        return new Chrome(
            services.GetRequiredService<SiteOptions>(),
            await queries.ChannelsAsync(),
            await services.GetRequiredService<TickerService>().CurrentAsync(),
            PromoService.TopFor(live, http.Request),
            live.GetValueOrDefault("popup"),
            queries.Now,
            (await queries.LatestAsync()).Take(8).ToList(),
            await queries.PopularAsync(24),
            await queries.PopularAsync(24 * 7),
            await services.GetRequiredService<CourseList>().UpcomingAsync(),
            http.Request.Path + http.Request.QueryString);
    }

    /// <summary>View data for story cards that follow the page's h1 directly: their headlines are h2 (see _Card).</summary>
    public static Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary CardsUnderTitle(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary parent) =>
        new(parent) { ["CardsUnderTitle"] = true };

    protected static int PageNumber(string? value) => int.TryParse(value, out var n) && n > 0 ? Math.Min(n, 100_000) : 1;
}
