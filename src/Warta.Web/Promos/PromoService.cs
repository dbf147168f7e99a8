using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Promos;

public sealed record LivePromo(string Slot, string Html, string? Url, bool Dismissible, int FrequencyHours, int Version);

public static class PromoCookies
{
    public const string Top = "warta_promo_top";
    public const string Popup = "warta_promo_popup";

    /// <summary>The version of the top banner this reader dismissed, if any.</summary>
    public static string? TopDismissed(HttpRequest request) =>
        request.Cookies.TryGetValue(Top, out var value) && value.Length <= 12 && value.All(char.IsAsciiDigit) ? value : null;
}

/// <summary>The promos live now, read once a minute (or right after a change) rather than on every page.</summary>
public sealed class PromoService(CachedReads reads, TimeProvider clock)
{
    /// <summary>The tag of the promos as read for reader pages; <see cref="PromoEditor"/> evicts it with the pages.</summary>
    public const string CacheTag = "promos";

    public async Task<IReadOnlyDictionary<string, LivePromo>> LiveAsync()
    {
        // Every slot, scheduled or not: which are live is decided per request, so a start or end time needs no eviction.
        var all = await reads.GetOrReadAsync(CacheTag, "all", TimeSpan.FromSeconds(30),
            services => services.GetRequiredService<WartaDb>().Promos.AsNoTracking().ToListAsync());
        var now = clock.GetUtcNow();
        return all.Where(p => p.IsLive(now)).ToDictionary(p => p.Slot, p => Lives.GetValue(p, Live));
    }

    // One LivePromo per promo as read, for as long as the read is kept: the layout keeps each promo's markup for the very
    // instance it was rendered from (KeptBlocks), so a new instance per page would render it on every page.
    static readonly ConditionalWeakTable<Promo, LivePromo> Lives = new();

    static LivePromo Live(Promo p) => new(p.Slot, p.Html, p.Url, p.Dismissible, p.FrequencyHours, p.Version);

    /// <summary>The top banner for this reader, or null when none is live or the reader dismissed this version.</summary>
    public static LivePromo? TopFor(IReadOnlyDictionary<string, LivePromo> live, HttpRequest request)
    {
        if (!live.TryGetValue("top", out var top)) return null;
        return top.Dismissible && PromoCookies.TopDismissed(request) == top.Version.ToString() ? null : top;
    }

    public static void MapPromoEndpoints(IEndpointRouteBuilder app)
    {
        // A form post so the × works without JavaScript; dismissing a banner needs no antiforgery token (nothing to forge).
        app.MapPost("/promo/tutup/{slot}", async Task<Results<BadRequest, RedirectHttpResult>> (string slot, HttpContext http, PromoService promos) =>
        {
            if (!http.Request.HasFormContentType) return TypedResults.BadRequest();
            var form = await http.Request.ReadFormAsync();
            var live = await promos.LiveAsync();
            if (live.TryGetValue(slot, out var promo) && promo.Dismissible)
            {
                var cookie = slot == "top" ? PromoCookies.Top : PromoCookies.Popup;
                var hours = slot == "top" ? 24 * 30 : Math.Max(1, promo.FrequencyHours);
                http.Response.Cookies.Append(cookie, promo.Version.ToString(), new CookieOptions
                {
                    MaxAge = TimeSpan.FromHours(hours), HttpOnly = false, SameSite = SameSiteMode.Lax, Path = "/",
                    Secure = http.Request.IsHttps,
                });
            }
            var back = form["kembali"].ToString();
            return TypedResults.Redirect(LocalUrl.IsLocalPath(back) ? back : "/");
        }).DisableAntiforgery();
    }
}
