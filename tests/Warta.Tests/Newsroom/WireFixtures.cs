using System.Security;

namespace Warta.Tests.Newsroom;

/// <summary>Agency feeds as agencies write them: RSS 2.0, Atom 1.0, NewsML-G2, and hostile ones.</summary>
public static class WireFixtures
{
    public sealed record Item(string Id, string Title, string Body, DateTimeOffset Time, int Version = 1, string? Link = null);

    static string X(string s) => SecurityElement.Escape(s);

    public static string Rss(params Item[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Antara — Ekonomi</title><link>https://antara.example/</link><description>Berita ekonomi</description>
            {string.Concat(items.Select(i => $"""
            <item>
              <title>{X(i.Title)}</title>
              <link>{X(i.Link ?? "https://antara.example/berita/" + i.Id)}</link>
              <guid isPermaLink="false">{X(i.Id)}</guid>
              <pubDate>{i.Time.ToUniversalTime():ddd, dd MMM yyyy HH:mm:ss} GMT</pubDate>
              <description>Ringkasan: {X(i.Title)}</description>
              <content:encoded><![CDATA[{i.Body}]]></content:encoded>
            </item>
            """))}
          </channel>
        </rss>
        """;

    /// <summary>RSS whose only text is a plain-text description (no HTML), as small agencies send it.</summary>
    public static string RssPlain(string id, string title, string text) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Kantor Berita</title><link>https://kb.example/</link><description>x</description>
          <item><title>{X(title)}</title><guid>{X(id)}</guid><pubDate>Sun, 29 Nov 2026 01:00:00 GMT</pubDate><description>{X(text)}</description></item>
        </channel></rss>
        """;

    public static string Atom(params Item[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Reuters Business</title><id>urn:reuters.example:business</id><updated>2026-11-29T02:00:00Z</updated>
          {string.Concat(items.Select(i => $"""
          <entry>
            <id>{X(i.Id)}</id>
            <title>{X(i.Title)}</title>
            <updated>{i.Time.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}</updated>
            <link rel="alternate" href="{X(i.Link ?? "https://reuters.example/a/" + Uri.EscapeDataString(i.Id))}"/>
            <summary>Short: {X(i.Title)}</summary>
            <content type="html">{X(i.Body)}</content>
          </entry>
          """))}
        </feed>
        """;

    /// <summary>A NewsML-G2 news message: the text items given, plus a picture item that is not copy and must be skipped.</summary>
    public static string NewsMl(params Item[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
          <header><sent>2026-11-29T03:00:00Z</sent></header>
          <itemSet>
            <newsItem guid="urn:newsml:ap.example:2026:foto-1" version="1" standard="NewsML-G2" standardversion="2.30">
              <itemMeta><itemClass qcode="ninat:picture"/><provider qcode="nprov:AP"/><versionCreated>2026-11-29T03:00:00Z</versionCreated></itemMeta>
              <contentMeta><headline>Foto: pelabuhan</headline></contentMeta>
            </newsItem>
            {string.Concat(items.Select(i => $"""
            <newsItem guid="{X(i.Id)}" version="{i.Version}" standard="NewsML-G2" standardversion="2.30">
              <itemMeta>
                <itemClass qcode="ninat:text"/><provider qcode="nprov:AP"/>
                <versionCreated>{i.Time.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}</versionCreated>
                <link rel="irel:seeAlso" href="{X(i.Link ?? "https://ap.example/" + Uri.EscapeDataString(i.Id))}"/>
              </itemMeta>
              <contentMeta><headline>{X(i.Title)}</headline><located><name>Singapura</name></located></contentMeta>
              <contentSet>
                <inlineXML contenttype="application/xhtml+xml">
                  <html xmlns="http://www.w3.org/1999/xhtml"><head><title>{X(i.Title)}</title></head><body>{i.Body}</body></html>
                </inlineXML>
              </contentSet>
            </newsItem>
            """))}
          </itemSet>
        </newsMessage>
        """;

    public static string NewsMlPlain(string id, int version, string title, string text) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{X(id)}" version="{version}" standard="NewsML-G2" standardversion="2.30">
          <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-29T04:00:00Z</versionCreated></itemMeta>
          <contentMeta><headline>{X(title)}</headline></contentMeta>
          <contentSet><inlineData contenttype="text/plain">{X(text)}</inlineData></contentSet>
        </newsItem>
        """;

    /// <summary>An external entity naming a local file: a parser that resolves it puts the file into the draft.</summary>
    public static string Xxe(string localFile) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{localFile}">]>
        <rss version="2.0"><channel><title>x</title><link>https://x.example/</link><description>x</description>
          <item><title>Bocoran &secret;</title><guid>xxe-1</guid><description>&secret;</description></item>
        </channel></rss>
        """;

    public static string BillionLaughs() =>
        """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>lol</guid></item></channel></rss>
        """;

    /// <summary>A feed that starts well and breaks in its second item (a cut connection, a buggy agency system).</summary>
    public static string BrokenMidway(Item good) =>
        Rss(good).Replace("</channel>", "<item><title>Setengah jalan</title><guid>broken-2</guid><description>teks", StringComparison.Ordinal)
            .Replace("</rss>", "", StringComparison.Ordinal);
}
