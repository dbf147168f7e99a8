using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

/// <summary>
/// The reader pages' addresses. Each page's <c>@page</c> directive spells its own (Razor cannot read a constant there);
/// the endpoint test checks that every page's route is one declared here or in Content's links.
/// </summary>
public static class ReaderRoutes
{
    public const string Home = "/";
    public const string Error = "/galat/{code:int?}";
    public const string Article = StoryLinks.Route;
    public const string Channel = ChannelLinks.Route;
    public const string Tag = TagLinks.Route;
    public const string Author = AuthorLinks.Route;
    /// <summary>A subscriber's gift links: make one for a premium story (<c>?berita=</c> its id), list, revoke.</summary>
    public const string GiftLinks = "/akun/hadiah";
    /// <summary>The article page opened by a gift link.</summary>
    public const string Gift = GiftLink.Route;

    public static string GiftUrlFor(Guid articleId) => GiftLinks + "?berita=" + articleId;

    /// <summary>
    /// The article page answers four addresses: the story's own, which is shared through the cache, the two previews
    /// of unpublished stories (by a preview link, or by staff from the editor) and a subscriber's gift link, which never are. So its cache rule sits on
    /// the one address rather than on the page.
    /// </summary>
    public static void AddReaderRoutes(this PageConventionCollection pages)
    {
        pages.AddPageRoute("/Reader/ArticlePage", PreviewLink.Route.TrimStart('/'));
        pages.AddPageRoute("/Reader/ArticlePage", PreviewLink.StaffRoute.TrimStart('/'));
        pages.AddPageRoute("/Reader/ArticlePage", Gift.TrimStart('/'));
        pages.AddPageRouteModelConvention("/Reader/ArticlePage", page =>
        {
            foreach (var selector in page.Selectors)
                if ("/" + selector.AttributeRouteModel?.Template?.TrimStart('/') == Article)
                    selector.EndpointMetadata.Add(new CachedPageAttribute("halaman"));
        });
    }
}
