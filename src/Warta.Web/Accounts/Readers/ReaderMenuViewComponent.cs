using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

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
public sealed class ReaderMenuViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var signedIn = HttpContext.Request.Cookies.ContainsKey(Shared.CookieAudienceResolver.AudienceCookie)
                       && (await HttpContext.AuthenticateAsync(ReaderAccess.Scheme)).Succeeded;
        var path = HttpContext.Request.Path.Value ?? "/";
        // From the account's own pages (sign-in, registration, reset) the reader goes on to the account, not back to them.
        var back = path.StartsWith(ReaderAccess.Area, StringComparison.OrdinalIgnoreCase) ? null : path;
        return View("/Accounts/Readers/_ReaderMenu.cshtml", new ReaderMenu(signedIn, back));
    }
}

/// <summary>What the header's account links need: whether a reader is signed in, and the page to come back to after signing in.</summary>
public sealed record ReaderMenu(bool SignedIn, string? ReturnPath);
