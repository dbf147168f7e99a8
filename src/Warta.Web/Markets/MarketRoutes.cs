using Warta.Web.Content;

namespace Warta.Web.Markets;

/// <summary>The markets pages' public addresses; each page's <c>@page</c> spells its own and the endpoint test checks it is one of these.</summary>
public static class MarketRoutes
{
    public const string Indicators = InstrumentLinks.Section;
    public const string Instrument = InstrumentLinks.Route;
    public static string InstrumentUrlOf(string slug) => InstrumentLinks.UrlOf(slug);
}
