using Microsoft.AspNetCore.Html;
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
        return await kept.KeepAsync(this, View("/Markets/_Ticker.cshtml", items), TickerBlock.Block, "", items);
    }
}

/// <summary>The ticker's kept markup, without invoking <see cref="TickerViewComponent"/>.</summary>
public sealed class TickerBlock(TickerService ticker, KeptBlocks kept) : KeptBlock(Block)
{
    public const string Block = "Ticker";

    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments) => kept.FindHtml(Block, "", await ticker.CurrentAsync());
}
