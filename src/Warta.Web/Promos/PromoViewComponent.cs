using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Warta.Web.Shared;
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
public sealed class PromoViewComponent(PromoService promos, KeptBlocks kept) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string slot)
    {
        if (await PromoSlotBlock.ShownAsync(promos, slot, HttpContext) is not { } promo) return Content("");
        var back = PromoSlotBlock.Back(Request);
        var view = slot == "top" ? "/Promos/_TopPromo.cshtml" : "/Promos/_PopupPromo.cshtml";
        return await kept.KeepAroundAsync(this, path => View(view, new PromoBlock(promo, path)), back, SiteEncoding.Html.Encode(back), PromoSlotBlock.Block, slot, promo);
    }
}

/// <summary>
/// A promo's kept markup (<see cref="KeptBlocks"/>), without invoking <see cref="PromoViewComponent"/>: the same for every
/// page while the promo is, but for the page the × returns to.
/// </summary>
public sealed class PromoSlotBlock(PromoService promos, KeptBlocks kept) : KeptBlock(Block)
{
    public const string Block = "Promo";

    /// <summary>The promo this reader sees in <paramref name="slot"/> now, or null.</summary>
    public static async Task<LivePromo?> ShownAsync(PromoService promos, string slot, HttpContext http)
    {
        var live = await promos.LiveAsync();
        var promo = slot == "top" ? PromoService.TopFor(live, http.Request) : live.GetValueOrDefault(slot);
        if (promo?.Url is { } url && SellsTheSubscription(url) && await PaywallReader.OfAsync(http) is { Entitled: true }) promo = null;
        return promo;
    }

    public static string Back(HttpRequest request) => request.Path + request.QueryString;

    static bool SellsTheSubscription(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Split('?', '#')[0];
        return path.TrimEnd('/').StartsWith(CommerceRoutes.Subscribe, StringComparison.OrdinalIgnoreCase);
    }

    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments)
    {
        if (Argument(arguments, "slot") is not { } slot) return null;
        if (await ShownAsync(promos, slot, page.HttpContext) is not { } promo) return HtmlString.Empty;
        return kept.FindAround(Block, slot, promo, SiteEncoding.Html.Encode(Back(page.Request)));
    }
}
