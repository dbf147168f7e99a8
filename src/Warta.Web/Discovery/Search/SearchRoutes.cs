namespace Warta.Web.Discovery.Search;

/// <summary>The search page's public address; its <c>@page</c> spells it and the endpoint test checks it is this one.</summary>
public static class SearchRoutes
{
    public const string Search = "/cari";

    public static string UrlFor(string query) => Search + "?q=" + Uri.EscapeDataString(query);
}
