using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Markets;

/// <summary>The INDIKATOR ticker under the header; the live script (Assets/site.js) keeps it current.</summary>
public sealed class TickerViewComponent(TickerService ticker) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View("/Markets/_Ticker.cshtml", await ticker.CurrentAsync());
}
