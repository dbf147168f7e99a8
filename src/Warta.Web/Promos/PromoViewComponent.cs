using Microsoft.AspNetCore.Mvc;
using Warta.Web.Commerce;
using Warta.Web.Content.Paywall;

namespace Warta.Web.Promos;

/// <summary>A live promo and the page to return to when the reader closes it (the × is a form, so it works without JavaScript).</summary>
public sealed record PromoBlock(LivePromo Promo, string ReturnPath);

/// <summary>
/// The top banner (unless this reader dismissed its version) or the popup, when one is live. A promo that sells the
/// subscription is not shown to a reader who already has one: the page's cached copy varies by audience, so the
/// entitled readers' copy is the one without it.
/// </summary>
public sealed class PromoViewComponent(PromoService promos) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string slot)
    {
        var live = await promos.LiveAsync();
        var promo = slot == "top" ? PromoService.TopFor(live, Request) : live.GetValueOrDefault(slot);
        if (promo?.Url is { } url && SellsTheSubscription(url) && await PaywallReader.OfAsync(HttpContext) is { Entitled: true }) promo = null;
        return promo is null
            ? Content("")
            : View(slot == "top" ? "/Promos/_TopPromo.cshtml" : "/Promos/_PopupPromo.cshtml", new PromoBlock(promo, Request.Path + Request.QueryString));
    }

    static bool SellsTheSubscription(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Split('?', '#')[0];
        return path.TrimEnd('/').StartsWith(CommerceRoutes.Subscribe, StringComparison.OrdinalIgnoreCase);
    }
}
