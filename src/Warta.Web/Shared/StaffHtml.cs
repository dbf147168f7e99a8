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
                && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                link.SetAttribute("rel", "noopener nofollow");
        };
        _sanitizer.AllowedAttributes.Add("rel");
    }

    static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    /// <summary>Elements dropped with everything inside them; other disallowed tags are unwrapped and keep their text.</summary>
    static readonly string[] DropWhole = ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "form", "select", "textarea", "button"];

    public string Clean(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll(string.Join(',', DropWhole)).ToList()) element.Remove();
        _sanitizer.SanitizeDom(document, document.Body as AngleSharp.Html.Dom.IHtmlElement);
        return document.Body.InnerHtml.Trim();
    }
}
