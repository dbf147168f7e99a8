using Ganss.Xss;

namespace Warta.Web.Shared;

/// <summary>The one place staff-written HTML (article bodies, promos) is cleaned before it is stored.</summary>
public sealed class StaffHtml
{
    /// <summary>The editor's page-break marker. Stored as is; the reader page splits the story there (Halaman 1 2 3).</summary>
    public const string PageBreak = "<hr class=\"page-break\">";

    readonly HtmlSanitizer _sanitizer;

    public StaffHtml()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedTags.Clear();
        foreach (var tag in new[]
                 {
                     "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "a", "blockquote", "q", "cite",
                     "ul", "ol", "li", "figure", "figcaption", "img", "hr", "table", "thead", "tbody", "tr", "th", "td", "caption", "span",
                 })
            _sanitizer.AllowedTags.Add(tag);
        _sanitizer.AllowedAttributes.Clear();
        foreach (var attribute in new[] { "href", "title", "src", "alt", "width", "height", "class", "colspan", "rowspan" })
            _sanitizer.AllowedAttributes.Add(attribute);
        _sanitizer.AllowedClasses.Clear();
        foreach (var cls in new[] { "page-break", "promo-title", "promo-cta", "lead" })
            _sanitizer.AllowedClasses.Add(cls);
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.KeepChildNodes = true;
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.GetAttribute("href") is { } href
                && LocalUrl.LeavesSite(href))
                link.SetAttribute("rel", "noopener nofollow");
        };
        _sanitizer.AllowedAttributes.Add("rel");
    }

    static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    /// <summary>Elements dropped with everything inside them; other disallowed tags are unwrapped and keep their text.</summary>
    static readonly string[] DropWhole = ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "form", "select", "textarea", "button"];

    /// <summary>The longest HTML taken (a long story is about 100,000 characters).</summary>
    public const int MaxChars = 1_000_000;
    /// <summary>
    /// The most tags taken. Cleaning costs more than linearly in the number of elements side by side, so the count, not
    /// just the length, bounds its time; a long story has a few thousand.
    /// </summary>
    public const int MaxTags = 20_000;

    /// <summary>Why this HTML is not taken (too long, too many tags), in English and Indonesian; null when it may be cleaned. Checked before any parsing.</summary>
    public static (string English, string Indonesian)? Refusal(string? html)
    {
        if (html is null) return null;
        if (html.Length > MaxChars) return ($"The HTML is longer than {MaxChars:N0} characters.", $"Isinya lebih panjang dari {MaxChars:N0} karakter.");
        if (html.AsSpan().Count('<') > MaxTags) return ($"The HTML has more than {MaxTags:N0} tags.", $"Isinya memuat lebih dari {MaxTags:N0} tag HTML.");
        return null;
    }

    /// <summary>Cleans staff HTML; callers check <see cref="Refusal"/> first, so input beyond the limits is a bug here and throws.</summary>
    public string Clean(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        if (Refusal(html) is { } refusal) throw new ArgumentException(refusal.English, nameof(html));
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll(string.Join(',', DropWhole)).ToList()) element.Remove();
        _sanitizer.SanitizeDom(document, document.Body as AngleSharp.Html.Dom.IHtmlElement);
        return document.Body.InnerHtml.Trim();
    }
}
