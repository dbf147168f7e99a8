using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Readers;
using Warta.Web.Accounts.Staff;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Members.Admin;

/// <summary>One reader's subscriptions and orders; admins extend the access by some days or end it, both in the audit log.</summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class MemberModel(WartaDb db, Memberships memberships, Entitlements entitlements, TimeProvider clock) : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ReaderUser Reader { get; private set; } = null!;
    public MembershipSummary Summary { get; private set; } = null!;
    public IReadOnlyList<Order> Orders { get; private set; } = [];
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    public string? DefaultPlan { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostExtendAsync(string? days, string? plan)
    {
        if (!await LoadAsync()) return NotFound();
        var errors = new Errors();
        var count = ParseInt(errors, "days", days, "Jumlah hari");
        if (count is null or < 1 or > Memberships.MaxGrantDays && !errors.Has("days"))
            errors.Add("days", $"Days is from 1 to {Memberships.MaxGrantDays}.", $"Jumlah hari dari 1 sampai {Memberships.MaxGrantDays}.");
        var chosen = Plans.FirstOrDefault(p => p.Slug == plan);
        if (chosen is null) errors.Add("plan", "No such plan.", "Pilih paket.");
        if (!errors.Any)
        {
            var period = await memberships.GrantAsync(Reader.Id, chosen!, count, SubscriptionSources.Admin,
                p => AuditLog.Add(db, clock, HttpContext, MemberAudit.SubscriptionExtend, Reader.Email,
                    $"{count} hari {chosen!.Name}, {Indonesian.DateTime(p.StartsAt)} sampai {Indonesian.DateTime(p.EndsAt)}"));
            Outcome(errors, $"Langganan diperpanjang sampai {Indonesian.DateTime(period.EndsAt)}.");
            await LoadAsync();
        }
        else Outcome(errors, "");
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var ended = await memberships.EndAllAsync(Reader.Id,
            () => AuditLog.Add(db, clock, HttpContext, MemberAudit.SubscriptionEnd, Reader.Email, $"akses premium diakhiri {Indonesian.DateTime(clock.GetUtcNow())}"));
        var errors = new Errors();
        if (ended == 0) errors.Add("subscription", "No running or coming period.", "Pembaca ini tidak punya langganan yang berjalan.");
        Outcome(errors, "Langganan diakhiri; akses premium berhenti sekarang.");
        await LoadAsync();
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        db.ChangeTracker.Clear();
        if (await db.Readers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id) is not { } reader) return false;
        Reader = reader;
        Summary = await MembershipSummary.ReadAsync(db, entitlements, clock, reader.Id, HttpContext.RequestAborted);
        Orders = await db.Orders.AsNoTracking().Where(o => o.ReaderId == reader.Id).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync();
        Plans = await db.Plans.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync();
        DefaultPlan = Summary.History.Count > 0 && Summary.History[0].PlanId is { } last ? Plans.FirstOrDefault(p => p.Id == last)?.Slug : Plans.FirstOrDefault(p => p.Active)?.Slug;
        return true;
    }
}
