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

    /// <summary>
    /// The site's public address (<c>https://www.warta.co.id</c>), the root of canonical links. Configured, never taken from
    /// a request's Host header (which anyone can set); when missing, the first listening address, else http://localhost.
    /// </summary>
    public string? BaseUrl { get; set; }

    public Uri PublicBase { get; private set; } = new("http://localhost/");

    /// <summary>The absolute URL of a path on this site (<c>/berita/x?halaman=2</c>).</summary>
    public string Absolute(string pathAndQuery) => new Uri(PublicBase, pathAndQuery.TrimStart('/')).AbsoluteUri;

    public static SiteOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Warta:Site").Get<SiteOptions>() ?? new SiteOptions();
        options.PublicBase = ResolveBase(options.BaseUrl, configuration["urls"]);
        return options;
    }

    static Uri ResolveBase(string? configured, string? listening)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                   && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
                ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
                : throw new InvalidOperationException($"Warta:Site:BaseUrl is '{configured}'; it must be an absolute http or https address such as https://www.warta.co.id.");
        }
        var first = listening?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is not null && Uri.TryCreate(first, UriKind.Absolute, out var url) && url.Host is not ("0.0.0.0" or "[::]" or "+" or "*")
            ? new Uri(url.GetLeftPart(UriPartial.Authority) + "/")
            : new Uri("http://localhost/");
    }
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

    /// <summary>View data for story cards that follow the page's h1 directly: their headlines are h2 (see _Card).</summary>
    public static Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary CardsUnderTitle(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary parent) =>
        new(parent) { ["CardsUnderTitle"] = true };

    protected static int PageNumber(string? value) => int.TryParse(value, out var n) && n > 0 ? Math.Min(n, 100_000) : 1;
}
