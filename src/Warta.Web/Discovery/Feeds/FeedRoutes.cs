using Warta.Web.Content;

namespace Warta.Web.Discovery.Feeds;

/// <summary>The feeds' addresses: the site's, a channel's and a tag's, each in RSS 2.0 and in Atom, beside the page they belong to.</summary>
public static class FeedRoutes
{
    public const string Rss = "/rss";
    public const string Atom = "/atom";
    public const string ChannelRss = ChannelLinks.Route + "/rss";
    public const string ChannelAtom = ChannelLinks.Route + "/atom";
    public const string TagRss = TagLinks.Route + "/rss";
    public const string TagAtom = TagLinks.Route + "/atom";

    public static string ChannelRssOf(string slug) => ChannelLinks.UrlOf(slug) + "/rss";
    public static string ChannelAtomOf(string slug) => ChannelLinks.UrlOf(slug) + "/atom";
    public static string TagRssOf(string slug) => TagLinks.UrlOf(slug) + "/rss";
    public static string TagAtomOf(string slug) => TagLinks.UrlOf(slug) + "/atom";
}
