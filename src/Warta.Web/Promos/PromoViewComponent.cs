using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Promos;

/// <summary>A live promo and the page to return to when the reader closes it (the × is a form, so it works without JavaScript).</summary>
public sealed record PromoBlock(LivePromo Promo, string ReturnPath);

/// <summary>The top banner (unless this reader dismissed its version) or the popup, when one is live.</summary>
public sealed class PromoViewComponent(PromoService promos) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string slot)
    {
        var live = await promos.LiveAsync();
        var promo = slot == "top" ? PromoService.TopFor(live, Request) : live.GetValueOrDefault(slot);
        return promo is null
            ? Content("")
            : View(slot == "top" ? "/Promos/_TopPromo.cshtml" : "/Promos/_PopupPromo.cshtml", new PromoBlock(promo, Request.Path + Request.QueryString));
    }
}
