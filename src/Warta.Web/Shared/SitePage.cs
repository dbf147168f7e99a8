using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Warta.Web.Shared;

/// <summary>
/// What a public page says about itself to the site layout: its title, description, channel and canonical address.
/// Everything around it (header navigation, ticker, promos, sidebar) comes from view components their features own,
/// which the layout invokes by name (see <see cref="SiteBlocks"/>).
/// </summary>
public abstract class SitePage : PageModel
{
    /// <summary>
    /// The view-data key under which a page (or its folder's <c>_ViewStart</c>) names the one stylesheet it needs beside the
    /// site's: <see cref="Assets.MembersCssUrl"/> (plans, checkout, the account, the Academy) or <see cref="Assets.MarketsCssUrl"/>
    /// (the market pages). Every other page, the home page and the stories among them, is spared their bytes.
    /// </summary>
    public const string PageStylesheet = "PageStylesheet";

    public string? PageTitle { get; protected set; }
    public string? Description { get; protected set; }
    public string? CurrentChannel { get; protected set; }
    /// <summary>This page's own address (path and query); by default the path, with <c>?halaman=</c> beyond the first page.</summary>
    public string? CanonicalPath { get; protected set; }

    /// <summary>The title social cards show; by default the page title.</summary>
    public string? SocialTitle { get; protected set; }
    /// <summary>The absolute address of the picture social cards show, if the page has one.</summary>
    public string? SocialImage { get; protected set; }
    /// <summary>OpenGraph's kind of page: <c>website</c>, or <c>article</c> for a story.</summary>
    public string SocialType { get; protected set; } = "website";
    /// <summary>A story's page (its social cards say <c>article</c>): the one kind of page that gets the story stylesheet.</summary>
    public bool IsStory => SocialType == "article";

    /// <summary>Pages search engines should not index (previews, errors) have no canonical link.</summary>
    protected virtual bool Indexable => true;

    /// <summary>
    /// The error page must render even when what broke was the database behind the header: there a block that fails
    /// is left out instead of failing the page.
    /// </summary>
    public virtual bool LeavesOutFailingBlocks => false;

    /// <summary>The path and query of the canonical link, or null when the page has none.</summary>
    public string? CanonicalAddress => Indexable
        ? (CanonicalPath ?? Request.PathBase.Add(Request.Path).ToUriComponent()) + (PageNumber(Request.Query["halaman"]) is > 1 and var n ? "?halaman=" + n : "")
        : null;

    protected static int PageNumber(string? value) => int.TryParse(value, out var n) && n > 0 ? Math.Min(n, 100_000) : 1;
}

/// <summary>The site layout's blocks: view components named by the feature that owns each, so Shared refers to none of them.</summary>
public static class SiteBlocks
{
    public static async Task<IHtmlContent> BlockAsync(this IViewComponentHelper components, string name, SitePage page, object? arguments = null)
    {
        try
        {
            if (page.HttpContext.RequestServices.GetService<KeptBlockIndex>()?.For(name) is { } block && await block.FindAsync(page, arguments) is { } kept)
                return kept;
            return await components.InvokeAsync(name, arguments);
        }
        catch (Exception) when (page.LeavesOutFailingBlocks)
        {
            return HtmlString.Empty;
        }
    }
}
