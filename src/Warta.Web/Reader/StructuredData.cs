using System.Text.Json;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

/// <summary>
/// schema.org data for search engines, built as objects and written by System.Text.Json. Its default encoder escapes
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so nothing in a headline or a name can close the script element it sits in.
/// </summary>
public static class StructuredData
{
    public const string Context = "https://schema.org";

    public static string Json(object data) => JsonSerializer.Serialize(data);

    sealed record KeptJson(SiteOptions Site, string Json);
    static KeptJson? _home;

    /// <summary>The home page's JSON-LD (<see cref="Home"/>): a function of the site's settings alone, so written once.</summary>
    public static string HomeJson(SiteOptions site)
    {
        if (_home is { } kept && ReferenceEquals(kept.Site, site)) return kept.Json;
        var json = Json(Home(site));
        _home = new KeptJson(site, json);
        return json;
    }

    /// <summary>The publication: its name, address and logo (the site's mark as a 512-pixel PNG).</summary>
    public static Dictionary<string, object> Publisher(SiteOptions site) => new()
    {
        ["@type"] = "Organization",
        ["name"] = site.Name,
        ["url"] = site.Absolute("/"),
        ["logo"] = new Dictionary<string, object> { ["@type"] = "ImageObject", ["url"] = site.Absolute(Assets.Icon512Url), ["width"] = 512, ["height"] = 512 },
    };

    /// <summary>Beranda › … : each step's name and path, the last one the page itself.</summary>
    public static Dictionary<string, object> Breadcrumbs(SiteOptions site, params (string Name, string Path)[] steps) => new()
    {
        ["@context"] = Context,
        ["@type"] = "BreadcrumbList",
        ["itemListElement"] = steps.Select((step, i) => new Dictionary<string, object>
        {
            ["@type"] = "ListItem", ["position"] = i + 1, ["name"] = step.Name, ["item"] = site.Absolute(step.Path),
        }).ToList(),
    };

    public const string HomeCrumb = "Beranda";

    /// <summary>
    /// The home page's Organization and WebSite, with a SearchAction on the site search. The search page belongs to the
    /// Discovery feature, which Reader may not reference; its address is spelled here (see <see cref="SearchPath"/>).
    /// </summary>
    public static Dictionary<string, object> Home(SiteOptions site)
    {
        var organization = Publisher(site);
        organization["@id"] = site.Absolute("/") + "#organization";
        return new()
        {
            ["@context"] = Context,
            ["@graph"] = new List<object>
            {
                organization,
                new Dictionary<string, object>
                {
                    ["@type"] = "WebSite",
                    ["@id"] = site.Absolute("/") + "#website",
                    ["name"] = site.Name,
                    ["description"] = site.Tagline,
                    ["url"] = site.Absolute("/"),
                    ["inLanguage"] = "id",
                    ["publisher"] = new Dictionary<string, object> { ["@id"] = site.Absolute("/") + "#organization" },
                    ["potentialAction"] = new Dictionary<string, object>
                    {
                        ["@type"] = "SearchAction",
                        ["target"] = new Dictionary<string, object>
                        {
                            ["@type"] = "EntryPoint",
                            // Built by hand: a URI builder would escape the braces of the template.
                            ["urlTemplate"] = site.Absolute(SearchPath) + "?q={search_term_string}",
                        },
                        ["query-input"] = "required name=search_term_string",
                    },
                },
            },
        };
    }

    /// <summary>The site search (issue 13, Discovery/Search); the same address as its route.</summary>
    public const string SearchPath = "/cari";

    /// <summary>
    /// NewsArticle, or OpinionNewsArticle for a column. A premium story says it is not free and names the paid part's
    /// class, so search engines see a paywall, not cloaking, when the full text goes to subscribers and the cut to everyone else.
    /// </summary>
    public static Dictionary<string, object> Article(SiteOptions site, Article article, string headline, string description, IReadOnlyList<Tag> tags)
    {
        var url = site.Absolute(StoryLinks.UrlOf(article.Slug));
        var published = article.PublishedAt!.Value;
        var data = new Dictionary<string, object>
        {
            ["@context"] = Context,
            ["@type"] = article.Kind == ArticleKind.Opinion ? "OpinionNewsArticle" : "NewsArticle",
            ["headline"] = headline,
            ["description"] = description,
            ["url"] = url,
            ["mainEntityOfPage"] = new Dictionary<string, object> { ["@type"] = "WebPage", ["@id"] = url },
            ["datePublished"] = Indonesian.W3c(published),
            ["dateModified"] = Indonesian.W3c(article.UpdatedAt ?? published),
            ["inLanguage"] = "id",
            ["articleSection"] = article.Channel.Name,
            ["publisher"] = Publisher(site),
            ["isAccessibleForFree"] = !article.Premium,
        };
        if (tags.Count > 0) data["keywords"] = tags.Select(t => t.Name).ToList();
        if (article.ImageId is { } image)
            data["image"] = new List<string> { site.Absolute(MediaUrls.FallbackUrl(image, article.Image!.Width, 1200)) };
        var authors = article.Reporters.OrderBy(r => r.Order).Select(r => r.Person).ToList();
        if (authors.Count == 0 && article.Columnist is { } columnist) authors.Add(columnist);
        if (authors.Count > 0)
            data["author"] = authors.Select(p => new Dictionary<string, object> { ["@type"] = "Person", ["name"] = p.Name, ["url"] = site.Absolute(AuthorLinks.UrlOf(p.Slug)) }).ToList();
        else if (article.Source is { } agency)
            data["author"] = new List<object> { new Dictionary<string, object> { ["@type"] = "Organization", ["name"] = agency } };
        if (article.Premium)
            data["hasPart"] = new Dictionary<string, object> { ["@type"] = "WebPageElement", ["isAccessibleForFree"] = false, ["cssSelector"] = "." + ArticleBody.PaidPartClass };
        return data;
    }
}
