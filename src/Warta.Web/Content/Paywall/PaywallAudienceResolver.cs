using Warta.Web.Shared;

namespace Warta.Web.Content.Paywall;

/// <summary>
/// Places every request in the audience whose pages it may share. Without a session: <see cref="Audience.Metered"/> while
/// the meter cookie says reads are left this month (or there is none yet), or the story asked for is one the cookie lists as
/// read; otherwise <see cref="Audience.Anonymous"/>, the readers who get the cut page straight from the cache (a tampered
/// cookie is a meter used up). With a valid reader cookie: <see cref="Audience.Entitled"/> or <see cref="Audience.Reader"/>.
/// A reader cookie that does not sign anyone in is not placed at all.
/// </summary>
public sealed class PaywallAudienceResolver(PaywallOptions options, MeterCookie meter, TimeProvider clock) : IAudienceResolver
{
    public async ValueTask<Audience?> ResolveAsync(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(CookieAudienceResolver.AudienceCookie))
            return await PaywallReader.OfAsync(http) is { } reader ? reader.Entitled ? Audience.Entitled : Audience.Reader : null;
        return HasReadsLeft(http) ? Audience.Metered : Audience.Anonymous;
    }

    /// <summary>Whether an anonymous request may still be given a premium story in full: the cache key's half of the meter.</summary>
    bool HasReadsLeft(HttpContext http)
    {
        if (options.MeterAnonymous == 0) return false;
        var cookie = meter.Read(http);
        if (!cookie.Present) return true;
        return cookie.State is { } state && !state.UsedUp(CurrentMonth(), options.MeterAnonymous, http.Request.RouteValues["slug"] as string);
    }

    // The month in WIB, worked out once an hour rather than on every cached page: WIB has no daylight saving, so a month
    // there always begins on a whole UTC hour.
    sealed record MonthAt(long Hour, string Month);
    MonthAt _month = new(-1, "");

    string CurrentMonth()
    {
        var now = clock.GetUtcNow();
        var hour = now.UtcTicks / TimeSpan.TicksPerHour;
        var known = _month;
        if (known.Hour == hour) return known.Month;
        var month = Allowances.MonthOf(now);
        _month = new MonthAt(hour, month);
        return month;
    }
}
