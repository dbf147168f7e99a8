using System.Xml;
using Warta.Web.Discovery.Feeds;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Sitemaps;

public sealed record SitemapUrl(string Location, DateTimeOffset? LastModified);

public sealed record NewsUrl(string Location, string Title, DateTimeOffset Published);

/// <summary>The sitemap protocol's documents (sitemaps.org 0.9) and Google's News extension.</summary>
public static class SitemapXml
{
    public const string ContentType = "application/xml; charset=utf-8";
    public const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    /// <summary>The protocol's limit of addresses in one sitemap (and of sitemaps in one index).</summary>
    public const int MaxUrls = 50_000;

    public static byte[] Index(IEnumerable<SitemapUrl> sitemaps) => FeedXml.Write(x =>
    {
        x.WriteStartElement("sitemapindex", SitemapNs);
        foreach (var sitemap in sitemaps)
        {
            x.WriteStartElement("sitemap");
            Location(x, sitemap);
            x.WriteEndElement();
        }
        x.WriteEndElement();
    });

    public static byte[] UrlSet(IEnumerable<SitemapUrl> urls) => FeedXml.Write(x =>
    {
        x.WriteStartElement("urlset", SitemapNs);
        foreach (var url in urls)
        {
            x.WriteStartElement("url");
            Location(x, url);
            x.WriteEndElement();
        }
        x.WriteEndElement();
    });

    /// <summary>Google News: the publication's name and language, the first publication time in W3C form, the headline.</summary>
    public static byte[] News(IEnumerable<NewsUrl> stories, string publication) => FeedXml.Write(x =>
    {
        x.WriteStartElement("urlset", SitemapNs);
        x.WriteAttributeString("xmlns", "news", null, NewsNs);
        foreach (var story in stories)
        {
            x.WriteStartElement("url");
            x.WriteElementString("loc", story.Location);
            x.WriteStartElement("news", "news", NewsNs);
            x.WriteStartElement("news", "publication", NewsNs);
            x.WriteElementString("news", "name", NewsNs, publication);
            x.WriteElementString("news", "language", NewsNs, "id");
            x.WriteEndElement();
            x.WriteElementString("news", "publication_date", NewsNs, Indonesian.W3c(story.Published));
            x.WriteElementString("news", "title", NewsNs, story.Title);
            x.WriteEndElement();
            x.WriteEndElement();
        }
        x.WriteEndElement();
    });

    static void Location(XmlWriter x, SitemapUrl url)
    {
        x.WriteElementString("loc", url.Location);
        if (url.LastModified is { } modified) x.WriteElementString("lastmod", Indonesian.W3c(modified));
    }
}
