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
