using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>
/// The INDIKATOR ticker under the header; the live script (Assets/site.js) keeps it current. Its first markup is kept for
/// as long as the ticker it shows is (<see cref="KeptBlocks"/>): every quote renders it anew.
/// </summary>
public sealed class TickerViewComponent(TickerService ticker, KeptBlocks kept) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var items = await ticker.CurrentAsync();
        return kept.Find("Ticker", "", items) ?? await kept.KeepAsync(this, View("/Markets/_Ticker.cshtml", items), "Ticker", "", items);
    }
}
