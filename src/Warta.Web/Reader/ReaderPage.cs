using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Web.Academy;
using Warta.Web.Markets;

namespace Warta.Web.Reader;

public sealed class SiteOptions
{
    /// <summary>Shown in the header and opening every dateline: <c>WARTA.CO.ID - JAKARTA.</c></summary>
    public string Name { get; set; } = "WARTA.CO.ID";
    public string Tagline { get; set; } = "Berita bisnis, keuangan dan pasar";
    /// <summary>The name without its domain (<c>WARTA</c> for <c>WARTA.CO.ID</c>), as stories and promos call the publication.</summary>
    public string Brand => Name.Split('.')[0];
}

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
        var queries = services.GetRequiredService<ReaderQueries>();
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

    protected static int PageNumber(string? value) => int.TryParse(value, out var n) && n > 0 ? Math.Min(n, 100_000) : 1;
}
