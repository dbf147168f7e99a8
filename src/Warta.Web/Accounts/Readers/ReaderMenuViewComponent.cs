using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Warta.Web.Shared;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// The header's account links (<c>Component.InvokeAsync("ReaderMenu")</c> from the site layout): "Masuk" and "Langganan" for
/// readers without a session, "Akun" and "Keluar" for a signed-in reader.
/// </summary>
/// <remarks>
/// The header is on pages the shared cache keeps, keyed by audience (anonymous, metered, reader, entitled), so it shows
/// only what every reader of an audience shares: never a name, and no sign-out form. A form needs an antiforgery token,
/// which belongs to one reader (and on a public page would be made for the staff scheme's user, so the sign-out would
/// refuse it); "Keluar" leads to the sign-out page, whose form is made for the reader on a page no cache keeps. Signed in
/// means exactly what the audience resolver reads: a reader cookie that authenticates. A page without that cookie is an
/// anonymous audience's page, and gets the anonymous links.
/// </remarks>
public sealed class ReaderMenuViewComponent(KeptBlocks kept) : ViewComponent
{
    const string MenuView = "/Accounts/Readers/_ReaderMenu.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var signedIn = await ReaderMenuBlock.SignedInAsync(HttpContext);
        var back = ReaderMenuBlock.Back(HttpContext.Request);
        if (signedIn)
            return await kept.KeepAsync(this, View(MenuView, new ReaderMenu(true, back)), ReaderMenuBlock.Block, "in", ReaderMenuBlock.Always);
        if (back is null) return View(MenuView, new ReaderMenu(false, null));
        return await kept.KeepAroundAsync(this, path => View(MenuView, new ReaderMenu(false, path)), back, ReaderMenuBlock.GapHtml(back),
            ReaderMenuBlock.Block, "out", ReaderMenuBlock.Always);
    }
}

/// <summary>
/// The account links' kept markup (<see cref="KeptBlocks"/>), without invoking <see cref="ReaderMenuViewComponent"/>: the
/// signed-in links are the same on every page; the signed-out ones differ only in the page to come back to.
/// </summary>
public sealed class ReaderMenuBlock(KeptBlocks kept) : KeptBlock(Block)
{
    public const string Block = "ReaderMenu";
    /// <summary>The one source the menu is rendered from: nothing in it changes but what the request says.</summary>
    public static readonly object Always = new();

    /// <summary>Signed in means exactly what the audience resolver reads: a reader cookie that authenticates.</summary>
    public static async Task<bool> SignedInAsync(HttpContext http) =>
        http.Request.Cookies.ContainsKey(Shared.CookieAudienceResolver.AudienceCookie)
        && (await http.AuthenticateAsync(ReaderAccess.Scheme)).Succeeded;

    /// <summary>The page to come back to after signing in. From the account's own pages (sign-in, registration, reset) the reader goes on to the account, not back to them.</summary>
    public static string? Back(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        return path.StartsWith(ReaderAccess.Area, StringComparison.OrdinalIgnoreCase) ? null : path;
    }

    /// <summary>The page to come back to as the view writes it into the sign-in link: escaped for the query, then for HTML.</summary>
    public static string GapHtml(string back) => SiteEncoding.Html.Encode(Uri.EscapeDataString(back));

    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments)
    {
        if (await SignedInAsync(page.HttpContext)) return kept.FindHtml(Block, "in", Always);
        return Back(page.Request) is { } back ? kept.FindAround(Block, "out", Always, GapHtml(back)) : null;
    }
}

/// <summary>What the header's account links need: whether a reader is signed in, and the page to come back to after signing in.</summary>
public sealed record ReaderMenu(bool SignedIn, string? ReturnPath);
