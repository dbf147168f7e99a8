using System.Net;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Warta.Web.Newsroom.Wire;

/// <summary>One agency item as read from a feed, before it becomes a draft.</summary>
public sealed record WireEntry(string ItemGuid, int Version, string Title, string BodyHtml, string? Summary, string? Link, DateTimeOffset? AgencyTime, string? Dateline)
{
    /// <summary>What identifies this version of the item's content: a changed hash under the same guid is an update.</summary>
    public string SourceHash => WireParser.Hash(Title, BodyHtml, Summary ?? "", Link ?? "", Dateline ?? "");
}

/// <summary>A feed that cannot be read; the message (Indonesian) is shown to the admin.</summary>
public sealed class WireFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads RSS 2.0, Atom 1.0 and NewsML-G2 text items. The XML reader refuses any DTD and resolves nothing outside the
/// document, so an external entity (XXE) cannot read a local file and an entity bomb cannot expand.
/// </summary>
public static partial class WireParser
{
    public const string NewsMlNamespace = "http://iptc.org/std/nar/2006-10-01/";
    const string AtomNamespace = "http://www.w3.org/2005/Atom";
    const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";
    /// <summary>More items than any agency sends in one poll: the rest wait for the next.</summary>
    public const int MaxItemsPerRead = 300;

    public static XmlReaderSettings SafeSettings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static List<WireEntry> Parse(byte[] bytes, long maxCharacters = 20_000_000)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), SafeSettings(maxCharacters));
            reader.MoveToContent();
            var entries = (reader.LocalName, reader.NamespaceURI) switch
            {
                ("rss", "") => Syndication(Read(new Rss20FeedFormatter(), reader)),
                ("feed", AtomNamespace) => Syndication(Read(new Atom10FeedFormatter(), reader)),
                ("newsItem" or "newsMessage", NewsMlNamespace) => NewsMl(XDocument.Load(reader)),
                var (name, ns) => throw new WireFormatException(
                    $"Bukan RSS 2.0, Atom 1.0 atau NewsML-G2: elemen akarnya <{name}>{(ns.Length > 0 ? " (" + ns + ")" : "")}."),
            };
            return entries.Take(MaxItemsPerRead).ToList();
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new WireFormatException("Feed memuat DTD (<!DOCTYPE …>); Warta menolak DTD karena dapat membaca berkas lokal (XXE) atau meledak menjadi teks raksasa (entity bomb).", e);
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharacters", StringComparison.Ordinal) || e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        {
            throw new WireFormatException("Feed melebihi batas ukuran teks yang dibaca Warta.", e);
        }
        catch (XmlException e)
        {
            throw new WireFormatException($"XML feed rusak (baris {e.LineNumber}, kolom {e.LinePosition}): {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new WireFormatException("Feed memuat nilai yang tidak dapat dibaca (misalnya tanggal): " + e.Message, e);
        }
    }

    static SyndicationFeed Read(SyndicationFeedFormatter formatter, XmlReader reader)
    {
        // Agencies write dates every which way; one unreadable date costs that item its agency time, not the whole feed.
        formatter.DateTimeParser = (XmlDateTimeData data, out DateTimeOffset value) =>
        {
            value = AgencyDate(data.DateTimeString) ?? default;
            return true;
        };
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    /// <summary>RFC 822 (RSS), RFC 3339 (Atom) and the usual deviations: numeric zones without a colon, GMT/UT/Z, WIB.</summary>
    public static DateTimeOffset? AgencyDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normal = NamedZone().Replace(text.Trim(), m => m.Groups["zone"].Value.ToUpperInvariant() switch
        {
            "WIB" => " +07:00", "WITA" => " +08:00", "WIT" => " +09:00", _ => " +00:00",
        });
        normal = ColonlessOffset().Replace(normal, "$1:$2");
        return Instant(normal);
    }

    static IEnumerable<WireEntry> Syndication(SyndicationFeed feed)
    {
        foreach (var item in feed.Items)
        {
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.BaseUri;
            var linkText = link is { IsAbsoluteUri: true } && link.Scheme is "http" or "https" ? link.AbsoluteUri : null;
            var summary = item.Summary?.Text;
            // RSS carries the full text in content:encoded when it has it; Atom in <content>; otherwise the description is the text.
            var encoded = item.ElementExtensions.Where(x => x.OuterName == "encoded" && x.OuterNamespace == "http://purl.org/rss/1.0/modules/content/")
                .Select(x => x.GetObject<string>()).FirstOrDefault();
            var (body, bodyIsHtml) = encoded is not null ? (encoded, true)
                : item.Content is TextSyndicationContent text ? (text.Text, text.Type is "html" or "xhtml" || LooksLikeHtml(text.Text))
                : (summary ?? "", LooksLikeHtml(summary ?? ""));
            if (ReferenceEquals(body, summary) || body == summary) summary = null;
            var title = item.Title?.Text;
            var time = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
            var guid = item.Id ?? linkText ?? Hash(title ?? "", body, time?.ToString("O") ?? "");
            if (Entry(guid, 0, title, body, bodyIsHtml, summary is null ? null : PlainText(summary), linkText, time, null) is { } entry) yield return entry;
        }
    }

    static IEnumerable<WireEntry> NewsMl(XDocument document)
    {
        XNamespace g2 = NewsMlNamespace;
        foreach (var item in document.Descendants(g2 + "newsItem"))
        {
            var itemClass = item.Element(g2 + "itemMeta")?.Element(g2 + "itemClass")?.Attribute("qcode")?.Value ?? "";
            // Only text items become stories; pictures, graphics and packages are not copy.
            if (!(itemClass.EndsWith(":text", StringComparison.Ordinal) || itemClass.EndsWith("/ninature/text", StringComparison.Ordinal))) continue;
            var guid = item.Attribute("guid")?.Value;
            if (string.IsNullOrWhiteSpace(guid)) throw new WireFormatException("Item NewsML-G2 tanpa atribut guid.");
            var version = int.TryParse(item.Attribute("version")?.Value, out var v) && v > 0 ? v : 1;
            var meta = item.Element(g2 + "itemMeta");
            var content = item.Element(g2 + "contentMeta");
            var time = AgencyDate(meta?.Element(g2 + "versionCreated")?.Value) ?? AgencyDate(meta?.Element(g2 + "firstCreated")?.Value)
                ?? AgencyDate(content?.Element(g2 + "contentCreated")?.Value);
            var link = meta?.Elements(g2 + "link").Select(l => l.Attribute("href")?.Value)
                .FirstOrDefault(h => Uri.TryCreate(h, UriKind.Absolute, out var u) && u.Scheme is "http" or "https");
            var title = content?.Element(g2 + "headline")?.Value;
            var summary = content?.Elements(g2 + "description").FirstOrDefault()?.Value;
            var place = content?.Element(g2 + "located")?.Element(g2 + "name")?.Value;

            var sets = item.Element(g2 + "contentSet");
            string body;
            bool isHtml;
            if (sets?.Element(g2 + "inlineXML") is { } xml)
            {
                var xhtmlBody = xml.Descendants(XName.Get("body", XhtmlNamespace)).FirstOrDefault() ?? xml;
                body = string.Concat(xhtmlBody.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
                isHtml = true;
            }
            else
            {
                body = sets?.Element(g2 + "inlineData")?.Value ?? "";
                isHtml = false;
            }
            if (Entry(guid, version, title, body, isHtml, summary is null ? null : PlainText(summary), link, time, place) is { } entry) yield return entry;
        }
    }

    static WireEntry? Entry(string guid, int version, string? title, string body, bool bodyIsHtml, string? summary, string? link, DateTimeOffset? time, string? dateline)
    {
        var html = bodyIsHtml ? body : Paragraphs(body);
        title = PlainText(title ?? "");
        if (title.Length == 0) title = PlainText(summary ?? "") is { Length: > 0 } s ? s : PlainText(html);
        if (title.Length == 0) return null;
        guid = guid.Trim();
        // The key column holds 500 characters; a longer identity is kept as its hash, which is as unique.
        if (guid.Length > 500) guid = "sha256:" + Hash(guid);
        return new WireEntry(guid, version, Clip(title, 300), html, summary is null ? null : Clip(summary, 1000), link is { Length: <= 2000 } ? link : null,
            time?.ToUniversalTime(), dateline is null ? null : Clip(PlainText(dateline), 80));
    }

    /// <summary>Plain agency text as paragraphs: a blank line separates paragraphs; when there are none, every line is one.</summary>
    public static string Paragraphs(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0) return "";
        var blocks = BlankLine().IsMatch(text) ? BlankLine().Split(text) : text.Split('\n');
        var html = new StringBuilder();
        foreach (var block in blocks.Select(b => Whitespace().Replace(b, " ").Trim()).Where(b => b.Length > 0))
            html.Append("<p>").Append(WebUtility.HtmlEncode(block)).Append("</p>");
        return html.ToString();
    }

    static bool LooksLikeHtml(string text) => HtmlTag().IsMatch(text);

    static string PlainText(string text) =>
        Whitespace().Replace(WebUtility.HtmlDecode(AnyTag().Replace(text, " ")), " ").Trim();

    static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;

    public static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));

    [GeneratedRegex(@"\s+(?<zone>GMT|UTC|UT|Z|WIB|WITA|WIT)$", RegexOptions.IgnoreCase)]
    private static partial Regex NamedZone();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex ColonlessOffset();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<\s*/?\s*(p|br|div|a|strong|em|b|i|u|ul|ol|li|h[1-6]|blockquote|img|span|table|figure)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();
}
