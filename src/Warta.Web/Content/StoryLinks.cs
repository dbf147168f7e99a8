namespace Warta.Web.Content;

/// <summary>Where a story lives on the reader site; every link to a story is built here.</summary>
public static class StoryLinks
{
    public static string UrlOf(string slug) => "/berita/" + slug;
}
