using System.Text;
using System.Xml;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 documents of a <see cref="Feed"/>. Written with XmlWriter rather than SyndicationFeed's formatters:
/// those write an RSS author only as an e-mail address and have no place for the Media RSS photo or content:encoded, which
/// feed readers show; the tests read every document back with System.ServiceModel.Syndication.
/// </summary>
public static class FeedXml
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";

    const string AtomNs = "http://www.w3.org/2005/Atom";
    const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    const string DcNs = "http://purl.org/dc/elements/1.1/";
    const string MediaNs = "http://search.yahoo.com/mrss/";
    const string PhotoType = "image/jpeg";

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    public static byte[] Rss(Feed feed, SiteOptions site, DateTimeOffset now) => Write(x =>
    {
        x.WriteStartElement("rss");
        x.WriteAttributeString("version", "2.0");
        x.WriteAttributeString("xmlns", "atom", null, AtomNs);
        x.WriteAttributeString("xmlns", "content", null, ContentNs);
        x.WriteAttributeString("xmlns", "dc", null, DcNs);
        x.WriteAttributeString("xmlns", "media", null, MediaNs);
        x.WriteStartElement("channel");
        x.WriteElementString("title", feed.Title);
        x.WriteElementString("link", feed.PageUrl);
        x.WriteElementString("description", feed.Description);
        x.WriteElementString("language", "id");
        x.WriteElementString("lastBuildDate", Indonesian.Rfc822(feed.Updated ?? now));
        x.WriteElementString("ttl", "5");
        x.WriteStartElement("link", AtomNs);
        x.WriteAttributeString("href", feed.RssUrl);
        x.WriteAttributeString("rel", "self");
        x.WriteAttributeString("type", "application/rss+xml");
        x.WriteEndElement();
        x.WriteStartElement("image");
        x.WriteElementString("url", site.Absolute(Assets.Icon192Url));
        x.WriteElementString("title", feed.Title);
        x.WriteElementString("link", feed.PageUrl);
        x.WriteEndElement();
        foreach (var entry in feed.Entries)
        {
            x.WriteStartElement("item");
            x.WriteElementString("title", entry.Title);
            x.WriteElementString("link", entry.Url);
            x.WriteStartElement("guid");
            // A story's address is made once, when it is created, and never changes: it is its permanent identity.
            x.WriteAttributeString("isPermaLink", "true");
            x.WriteString(entry.Url);
            x.WriteEndElement();
            x.WriteElementString("pubDate", Indonesian.Rfc822(entry.Published));
            // RSS's <author> must be an e-mail address; Dublin Core's creator takes the name readers see.
            foreach (var author in entry.Authors) x.WriteElementString("dc", "creator", DcNs, author.Name);
            x.WriteElementString("category", entry.Channel);
            foreach (var tag in entry.Tags) x.WriteElementString("category", tag);
            x.WriteElementString("description", entry.Summary);
            x.WriteStartElement("content", "encoded", ContentNs);
            x.WriteString(Body(entry));
            x.WriteEndElement();
            if (entry.Image is { } image)
            {
                x.WriteStartElement("media", "content", MediaNs);
                x.WriteAttributeString("url", image.Url);
                x.WriteAttributeString("type", PhotoType);
                x.WriteAttributeString("medium", "image");
                x.WriteAttributeString("width", image.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                x.WriteAttributeString("height", image.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (image.Length is { } size) x.WriteAttributeString("fileSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (image.Caption is { } caption) x.WriteElementString("media", "description", MediaNs, caption);
                x.WriteEndElement();
                // An enclosure must say its length; a rendition not made yet has none to give, and the photo is in media:content.
                if (image.Length is { } length)
                {
                    x.WriteStartElement("enclosure");
                    x.WriteAttributeString("url", image.Url);
                    x.WriteAttributeString("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    x.WriteAttributeString("type", PhotoType);
                    x.WriteEndElement();
                }
            }
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteEndElement();
    });

    public static byte[] Atom(Feed feed, SiteOptions site, DateTimeOffset now) => Write(x =>
    {
        x.WriteStartElement("feed", AtomNs);
        x.WriteAttributeString("xml", "lang", null, "id");
        x.WriteElementString("id", feed.AtomUrl);
        x.WriteElementString("title", feed.Title);
        x.WriteElementString("subtitle", feed.Description);
        x.WriteElementString("updated", Indonesian.W3c(feed.Updated ?? now));
        Link(x, "self", feed.AtomUrl, "application/atom+xml");
        Link(x, "alternate", feed.PageUrl, "text/html");
        // The publication is the author of last resort, so every entry has one as Atom requires.
        x.WriteStartElement("author");
        x.WriteElementString("name", site.Name);
        x.WriteElementString("uri", site.Absolute("/"));
        x.WriteEndElement();
        x.WriteElementString("icon", site.Absolute(Assets.Icon192Url));
        foreach (var entry in feed.Entries)
        {
            x.WriteStartElement("entry");
            x.WriteElementString("id", "urn:uuid:" + entry.Id.ToString("D"));
            x.WriteElementString("title", entry.Title);
            Link(x, "alternate", entry.Url, "text/html");
            x.WriteElementString("published", Indonesian.W3c(entry.Published));
            x.WriteElementString("updated", Indonesian.W3c(entry.Updated));
            foreach (var author in entry.Authors)
            {
                x.WriteStartElement("author");
                x.WriteElementString("name", author.Name);
                if (author.Url is { } uri) x.WriteElementString("uri", uri);
                x.WriteEndElement();
            }
            foreach (var term in entry.Tags.Prepend(entry.Channel))
            {
                x.WriteStartElement("category");
                x.WriteAttributeString("term", term);
                x.WriteEndElement();
            }
            x.WriteElementString("summary", entry.Summary);
            x.WriteStartElement("content");
            x.WriteAttributeString("type", "html");
            x.WriteString(Body(entry));
            x.WriteEndElement();
            if (entry.Image is { } image)
            {
                x.WriteStartElement("link");
                x.WriteAttributeString("rel", "enclosure");
                x.WriteAttributeString("href", image.Url);
                x.WriteAttributeString("type", PhotoType);
                if (image.Length is { } length) x.WriteAttributeString("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        x.WriteEndElement();
    });

    static void Link(XmlWriter x, string rel, string href, string type)
    {
        x.WriteStartElement("link");
        x.WriteAttributeString("rel", rel);
        x.WriteAttributeString("type", type);
        x.WriteAttributeString("href", href);
        x.WriteEndElement();
    }

    /// <summary>The public text, and under a premium story's free part where the rest is.</summary>
    static string Body(FeedEntry entry) => entry.Complete
        ? entry.BodyHtml
        : entry.BodyHtml + $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(entry.Url)}\">Baca selengkapnya</a> (artikel premium untuk pelanggan).</p>";
}
