using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Members;

/// <summary>What the account page shows of a reader's membership: the period now, until when access lasts, every period, invoices.</summary>
public sealed record MembershipSummary(Subscription? Current, DateTimeOffset? AccessEnds, IReadOnlyList<Subscription> History, IReadOnlyList<Invoice> Invoices)
{
    public static async Task<MembershipSummary> ReadAsync(WartaDb db, Entitlements entitlements, TimeProvider clock, Guid readerId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var history = await db.Subscriptions.AsNoTracking().Where(s => s.ReaderId == readerId).OrderByDescending(s => s.StartsAt).ToListAsync(ct);
        var current = history.FirstOrDefault(s => s.StartsAt <= now && s.EndsAt > now && s.EndedAt is null);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.ReaderId == readerId).OrderByDescending(i => i.IssuedAt).ToListAsync(ct);
        return new(current, await entitlements.AccessEndsAsync(readerId, ct), history, invoices);
    }
}

/// <summary>The membership block of the reader's own account page (<c>Component.InvokeAsync("AccountMembership")</c>).</summary>
public sealed class AccountMembershipViewComponent(WartaDb db, Entitlements entitlements, TimeProvider clock, UserManager<ReaderUser> readers) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!Guid.TryParse(readers.GetUserId(UserClaimsPrincipal), out var readerId)) return Content("");
        return View("/Members/_AccountMembership.cshtml", await MembershipSummary.ReadAsync(db, entitlements, clock, readerId, HttpContext.RequestAborted));
    }
}
