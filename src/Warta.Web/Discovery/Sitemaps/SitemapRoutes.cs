using System.Globalization;

namespace Warta.Web.Discovery.Sitemaps;

/// <summary>What crawlers read first: robots.txt, the sitemap index and the sitemaps it names.</summary>
public static class SitemapRoutes
{
    public const string Robots = "/robots.txt";
    public const string Index = "/sitemap.xml";
    /// <summary>The stories first published in one WIB calendar month: <c>/sitemap-2026-11.xml</c>.</summary>
    public const string Month = "/sitemap-{year:int}-{month:int}.xml";
    /// <summary>The list pages: home, channels, tags, authors and instruments.</summary>
    public const string Pages = "/sitemap-halaman.xml";
    /// <summary>Google News: stories of the last two days.</summary>
    public const string News = "/sitemap-news.xml";
    /// <summary>A sitemap holding more than the protocol's 50,000 addresses continues at <c>?bagian=2</c>.</summary>
    public const string PartKey = "bagian";

    public static string MonthOf(int year, int month, int part = 1) =>
        string.Create(CultureInfo.InvariantCulture, $"/sitemap-{year:0000}-{month:00}.xml") + PartQuery(part);

    public static string PagesOf(int part = 1) => Pages + PartQuery(part);

    static string PartQuery(int part) => part > 1 ? "?" + PartKey + "=" + part.ToString(CultureInfo.InvariantCulture) : "";
}
