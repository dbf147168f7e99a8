namespace Warta.Web.Discovery.Search;

/// <summary>The search page's public address; its <c>@page</c> spells it and the endpoint test checks it is this one.</summary>
public static class SearchRoutes
{
    public const string Search = "/cari";

    public static string UrlFor(string query) => Search + "?q=" + Uri.EscapeDataString(query);

    /// <summary>
    /// An instrument's page. Markets owns that address (MarketRoutes.InstrumentUrlOf) and a feature may not use another's
    /// types, so it is spelled again here; the search tests open the link and fail if the two drift apart.
    /// </summary>
    public static string InstrumentUrlOf(string symbol) => "/indikator/" + Shared.Slug.From(symbol, 40);
}
