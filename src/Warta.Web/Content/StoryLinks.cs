namespace Warta.Web.Content;

/// <summary>Where a story lives on the reader site: the article page's route and every link to a story are built here.</summary>
public static class StoryLinks
{
    public const string Section = "/berita";
    public const string Route = Section + "/{slug}";
    public static string UrlOf(string slug) => Section + "/" + slug;
}

/// <summary>A channel's page: its route and every link to it.</summary>
public static class ChannelLinks
{
    public const string Section = "/kanal";
    public const string Route = Section + "/{slug}";
    public static string UrlOf(string slug) => Section + "/" + slug;
}

/// <summary>A tag's page: its route and every link to it.</summary>
public static class TagLinks
{
    public const string Section = "/tag";
    public const string Route = Section + "/{slug}";
    public static string UrlOf(string slug) => Section + "/" + slug;
}

/// <summary>An author's page: its route and every link to it.</summary>
public static class AuthorLinks
{
    public const string Section = "/penulis";
    public const string Route = Section + "/{slug}";
    public static string UrlOf(string slug) => Section + "/" + slug;
}

/// <summary>
/// A market instrument's page: Markets serves it, and search, the sitemaps and the content API link to it, so its route,
/// its slug rule and every link to it are here, where every feature may use them.
/// </summary>
public static class InstrumentLinks
{
    public const string Section = "/indikator";
    public const string Route = Section + "/{slug}";

    /// <summary>The instrument's address part (and the tag slug that links stories to it): <c>USD/IDR</c> → <c>usd-idr</c>.</summary>
    public static string SlugOf(string symbol) => Shared.Slug.From(symbol, 40);

    public static string UrlOf(string slug) => Section + "/" + slug;

    public static string UrlOfSymbol(string symbol) => UrlOf(SlugOf(symbol));
}
