using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;

namespace Warta.Web.Content.Paywall;

/// <summary>Why a reader gets the whole story, or that they get the cut.</summary>
public enum ReadAccess
{
    /// <summary>Not a premium story: everyone reads it all, and nothing is counted.</summary>
    Free,
    /// <summary>A reader whose plan covers now.</summary>
    Entitled,
    /// <summary>Signed-in newsroom staff.</summary>
    Staff,
    /// <summary>A valid gift link for this story.</summary>
    Gift,
    /// <summary>A read the meter opened (now, or earlier this month).</summary>
    Metered,
    /// <summary>Headline, credits, photo and the free paragraphs, then the subscribe box.</summary>
    Cut,
}

/// <summary>
/// The one decision for a story and a request. <paramref name="Shareable"/>: the page may go into the shared cache under
/// the request's audience — true only for free stories and for the cut every reader of <see cref="Shared.Audience.Anonymous"/>
/// gets; every other premium page is for this reader alone.
/// </summary>
/// <see cref="ReadsLeft"/>: for a read the meter opened, how many more it opens this month (this read counted).
public sealed record PaywallDecision(ReadAccess Access, bool Shareable, PaywallWall? Wall = null, int? ReadsLeft = null)
{
    public bool Full => Access != ReadAccess.Cut;
}

/// <summary>What the subscribe box tells a reader who got the cut.</summary>
public sealed record PaywallWall(bool SignedIn, int MeterLimit);

/// <summary>
/// Decides, on the server, how much of a story a request gets (<see cref="DecideAsync"/>). Free stories are never cut or
/// counted. A premium story is whole for an entitled reader, signed-in staff, a valid gift link, or a read the meter opens
/// (counted per calendar month in WIB: signed-in readers by their id, anyone else by the signed meter cookie's id).
/// </summary>
public sealed class PaywallGate(IServiceProvider services, PaywallOptions options, Allowances allowances, MeterCookie meterCookie, GiftLinks gifts)
{
    // The scope's context, leased when first used: a free story's page for a reader without a meter needs none.
    WartaDb Db => services.GetRequiredService<WartaDb>();

    public PaywallOptions Options => options;

    /// <param name="article">The story as the page loaded it.</param>
    /// <param name="giftToken">The token of the gift link the story was opened by, if any.</param>
    /// <param name="preview">Opened by a newsroom preview link: whole only for staff, and never metered.</param>
    public async Task<PaywallDecision> DecideAsync(HttpContext http, Article article, string? giftToken = null, bool preview = false)
    {
        if (!article.Premium) return new(ReadAccess.Free, Shareable: true);
        // Staff and gift readers never reach the shared cache (staff cookie; the gift address has no cache rule).
        if (Actor.From(http.User) is { UserId: not null }) return new(ReadAccess.Staff, false);
        if (preview) return new(ReadAccess.Cut, false, new PaywallWall(false, 0));
        if (giftToken is not null && await gifts.OpenAsync(giftToken, article.Id, http.RequestAborted)) return new(ReadAccess.Gift, false);

        if (await PaywallReader.OfAsync(http) is { } reader)
        {
            if (reader.Entitled) return new(ReadAccess.Entitled, false);
            var outcome = await allowances.ReadAsync(RegisteredKey(reader.Id), article.Id, options.MeterRegistered, ct: http.RequestAborted);
            return outcome == MeterOutcome.UsedUp
                ? new(ReadAccess.Cut, false, new PaywallWall(true, options.MeterRegistered))
                : new(ReadAccess.Metered, false, ReadsLeft: Math.Max(0, options.MeterRegistered - await allowances.UsedAsync(RegisteredKey(reader.Id), http.RequestAborted)));
        }

        var wall = new PaywallWall(false, options.MeterAnonymous);
        var cookie = meterCookie.Read(http);
        // A tampered cookie is a meter used up, and so is a meter set to 0 or one whose cookie says so: the cut every such
        // reader shares from the cache, decided without the database.
        if (cookie.Tampered || options.MeterAnonymous == 0 || cookie.State?.UsedUp(allowances.CurrentMonth, options.MeterAnonymous, article.Slug) == true)
            return new(ReadAccess.Cut, true, wall);
        var month = allowances.CurrentMonth;
        if (cookie.State is not { } meter)
        {
            // A meter starts with its first read, and nobody else holds a new meter's id, so that read cannot race: it goes
            // into the signed cookie only and reaches the database with the meter's next premium read. A visitor without
            // cookies (a link opened from a chat app, a crawler, a private window) costs no write.
            meterCookie.Write(http, MeterState.New(month) with { Slugs = [article.Slug] });
            return new(ReadAccess.Metered, false, ReadsLeft: Math.Max(0, options.MeterAnonymous - 1));
        }
        // The reads this month the signed cookie vouches for (the server wrote them; the first is in no table yet).
        IReadOnlyList<string> vouched = meter.Month == month ? meter.Slugs : [];
        if (vouched.Contains(article.Slug)) return new(ReadAccess.Metered, false, ReadsLeft: Math.Max(0, options.MeterAnonymous - vouched.Count));
        var read = await allowances.ReadAsync(AnonymousKey(meter.Id), article.Id, options.MeterAnonymous, vouched.Count, http.RequestAborted);
        // The cookie learns from the server what this meter has read this month, so the cache can place the next request.
        var counted = await SlugsAsync(await allowances.ReadThisMonthAsync(AnonymousKey(meter.Id), http.RequestAborted));
        var slugs = vouched.Concat(counted.Except(vouched)).ToList();
        meterCookie.Write(http, meter with { Month = month, Slugs = slugs });
        return read == MeterOutcome.UsedUp ? new(ReadAccess.Cut, false, wall) : new(ReadAccess.Metered, false, ReadsLeft: Math.Max(0, options.MeterAnonymous - slugs.Count));
    }

    async Task<List<string>> SlugsAsync(List<Guid> ids)
    {
        var slugs = await Db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug);
        return ids.Where(slugs.ContainsKey).Select(id => slugs[id]).ToList();
    }

    public static string RegisteredKey(Guid readerId) => "r:" + readerId.ToString("N");
    public static string AnonymousKey(string meterId) => "a:" + meterId;
}
