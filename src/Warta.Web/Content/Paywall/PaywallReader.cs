using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;

namespace Warta.Web.Content.Paywall;

/// <summary>The signed-in reader behind a request and whether their plan opens premium stories now.</summary>
public sealed record PaywallReader(Guid Id, bool Entitled)
{
    static readonly object ItemKey = new();

    /// <summary>
    /// The reader cookie's reader, or null for anyone without a valid one. Read once per request (the cache policy asks
    /// before the page does) and kept on the request.
    /// </summary>
    public static async Task<PaywallReader?> OfAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known)) return (PaywallReader?)known;
        PaywallReader? reader = null;
        if (http.Request.Cookies.ContainsKey(Shared.CookieAudienceResolver.AudienceCookie))
        {
            var result = await http.AuthenticateAsync(ReaderAccess.Scheme);
            var claims = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
            if (result.Succeeded && Guid.TryParse(result.Principal.FindFirstValue(claims.UserIdClaimType), out var id))
                reader = new PaywallReader(id, await http.RequestServices.GetRequiredService<Entitlements>().HasPremiumAsync(id, http.RequestAborted));
        }
        http.Items[ItemKey] = reader;
        return reader;
    }
}
