using Microsoft.AspNetCore.Mvc;
using Warta.Web.Discovery.Feeds;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Sitemaps;

/// <summary>robots.txt, the sitemap index, monthly story sitemaps, the list pages' sitemap and the Google News sitemap.</summary>
public static class SitemapsModule
{
    public static void AddSitemaps(this IServiceCollection services) => services.AddScoped<SitemapReads>();

    /// <summary>Sitemaps are the same for every reader; they list stories, so a publish (the lists' tag) evicts them.</summary>
    static CachedPageAttribute Rule(params string[] queryKeys) =>
        new(queryKeys) { Audiences = [Audience.Anonymous, Audience.Metered, Audience.Reader, Audience.Entitled] };

    public static void MapSitemaps(this IEndpointRouteBuilder app)
    {
        app.MapRead(SitemapRoutes.Robots, (HttpContext http, SiteOptions site) =>
                ConditionalGet.Document(http, System.Text.Encoding.UTF8.GetBytes(Robots(site)), "text/plain; charset=utf-8", null))
            .WithMetadata(Rule()).ExcludeFromDescription();
        app.MapRead(SitemapRoutes.Index, async (HttpContext http, SitemapReads reads) =>
                Xml(http, SitemapXml.Index(await reads.IndexAsync())))
            .WithMetadata(Rule()).ExcludeFromDescription();
        app.MapRead(SitemapRoutes.Month, async (HttpContext http, SitemapReads reads, int year, int month, [FromQuery(Name = SitemapRoutes.PartKey)] int? part) =>
            {
                // One address per month: /sitemap-2026-1.xml is not /sitemap-2026-01.xml.
                if (http.Request.Path != SitemapRoutes.MonthOf(year, month)) return TypedResults.NotFound();
                return await reads.MonthAsync(year, month, part ?? 1) is { } urls ? Xml(http, SitemapXml.UrlSet(urls)) : TypedResults.NotFound();
            })
            .WithMetadata(Rule(SitemapRoutes.PartKey)).ExcludeFromDescription();
        app.MapRead(SitemapRoutes.Pages, async (HttpContext http, SitemapReads reads, [FromQuery(Name = SitemapRoutes.PartKey)] int? part) =>
                await reads.PagesAsync(part ?? 1) is { } urls ? Xml(http, SitemapXml.UrlSet(urls)) : TypedResults.NotFound())
            .WithMetadata(Rule(SitemapRoutes.PartKey)).ExcludeFromDescription();
        app.MapRead(SitemapRoutes.News, async (HttpContext http, SitemapReads reads, SiteOptions site) =>
                Xml(http, SitemapXml.News(await reads.NewsAsync(), site.Name)))
            .WithMetadata(Rule()).ExcludeFromDescription();
    }

    static IResult Xml(HttpContext http, byte[] body) => ConditionalGet.Document(http, body, SitemapXml.ContentType, null);

    /// <summary>
    /// Crawlers keep out of the newsroom, readers' accounts, the APIs (but for the ticker the page script reads, which a
    /// crawler that renders pages needs), previews and site search results; the sitemaps are named in full.
    /// </summary>
    public static string Robots(SiteOptions site) => string.Join("\n",
        "User-agent: *",
        "Disallow: /redaksi",
        "Disallow: /akun",
        "Disallow: /api/",
        "Allow: /api/markets/ticker",
        "Disallow: /pratinjau",
        "Disallow: /hadiah",
        "Disallow: /cari",
        "",
        "Sitemap: " + site.Absolute(SitemapRoutes.Index),
        "Sitemap: " + site.Absolute(SitemapRoutes.News),
        "");
}
