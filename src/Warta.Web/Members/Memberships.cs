using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Members;

/// <summary>What a reader pays for a plan, after the voucher. A free-days voucher gives <see cref="FreeDays"/> instead of the plan's period.</summary>
public sealed record PlanPrice(Plan Plan, Voucher? Voucher, long DiscountRupiah)
{
    public long AmountRupiah => Voucher is { Kind: VoucherKind.FreeDays } ? 0 : Plan.PriceRupiah - DiscountRupiah;
    public int? FreeDays => Voucher is { Kind: VoucherKind.FreeDays } v ? (int)v.Value : null;
}

/// <summary>The outcome of asking for a subscription: where to send the reader, or why not (in Indonesian, for the reader).</summary>
public sealed record SubscribeOutcome(string? RedirectUrl, string? Error);

/// <summary>
/// The one way periods of premium access are given and taken: bought through an order (the fulfiller adds the period),
/// a trial, a voucher, or granted and ended by staff and the CLI.
/// </summary>
public sealed class Memberships(WartaDb db, ICheckout checkout, TimeProvider clock)
{
    public const int MaxGrantDays = 3660;

    public static string PeriodName(BillingPeriod period) => period == BillingPeriod.Yearly ? "tahun" : "bulan";

    public static DateTimeOffset PeriodEnd(DateTimeOffset start, BillingPeriod period) =>
        period == BillingPeriod.Yearly ? start.AddYears(1) : start.AddMonths(1);

    public static string NormaliseCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public Task<Plan?> ActivePlanAsync(string slug, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug && p.Active, ct);

    /// <summary>The price of <paramref name="plan"/> with the voucher typed (if any), or why the voucher cannot be used.</summary>
    public async Task<(PlanPrice? Price, string? Error)> PriceAsync(Plan plan, string? voucherCode, Guid readerId, CancellationToken ct = default)
    {
        var code = NormaliseCode(voucherCode);
        if (code.Length == 0) return (new PlanPrice(plan, null, 0), null);
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code, ct);
        if (voucher is null) return (null, "Kode voucher tidak dikenal.");
        if (VoucherRefusal(voucher, plan) is { } refusal) return (null, refusal);
        if (await db.OneTimeBenefits.AnyAsync(b => b.ReaderId == readerId && b.Benefit == OneTimeBenefit.Voucher(code), ct))
            return (null, "Anda sudah pernah memakai voucher ini.");
        var discount = voucher.Kind switch
        {
            VoucherKind.PercentOff => plan.PriceRupiah * Math.Clamp(voucher.Value, 0, 100) / 100,
            VoucherKind.AmountOff => Math.Min(voucher.Value, plan.PriceRupiah),
            _ => 0,
        };
        return (new PlanPrice(plan, voucher, discount), null);
    }

    string? VoucherRefusal(Voucher voucher, Plan plan)
    {
        if (!voucher.Active || voucher.ExpiresAt <= clock.GetUtcNow()) return "Voucher ini sudah tidak berlaku.";
        if (voucher.MaxUses is { } max && voucher.Uses >= max) return "Voucher ini sudah habis dipakai.";
        if (voucher.PlanId is { } planId && planId != plan.Id) return $"Voucher ini tidak berlaku untuk paket {plan.Name}.";
        return null;
    }

    /// <summary>
    /// Opens the order for the plan and starts its payment. The voucher's use is taken first, in its own save guarded by
    /// the voucher's version, so two readers cannot both take its last use; it is given back if the order never activates.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(ReaderUser reader, Plan plan, string? voucherCode, CancellationToken ct = default)
    {
        if (!reader.EmailConfirmed) return new(null, "Konfirmasi alamat email Anda dulu sebelum berlangganan.");
        var (price, error) = await PriceAsync(plan, voucherCode, reader.Id, ct);
        if (price is null) return new(null, error);
        if (price.Voucher is { } voucher && await TakeVoucherAsync(voucher.Id, plan, reader.Id, ct) is { } refused) return new(null, refused);
        var description = price.FreeDays is { } days ? $"{plan.Name}: {days} hari gratis (voucher {price.Voucher!.Code})" : $"{plan.Name}, 1 {PeriodName(plan.Period)}";
        try
        {
            var start = await checkout.StartAsync(reader, new OrderDraft(OrderKinds.Subscription, plan.Slug, description, price.AmountRupiah, price.DiscountRupiah, price.Voucher?.Code), ct);
            return new(start.RedirectUrl, null);
        }
        catch when (price.Voucher is not null)
        {
            db.ChangeTracker.Clear();
            await ReturnVoucherAsync(db, price.Voucher.Code, reader.Id, ct);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    async Task<string?> TakeVoucherAsync(int voucherId, Plan plan, Guid readerId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var voucher = await db.Vouchers.SingleAsync(v => v.Id == voucherId, ct);
            if (VoucherRefusal(voucher, plan) is { } refusal) return refusal;
            voucher.Uses++;
            voucher.Version = Guid.NewGuid();
            db.OneTimeBenefits.Add(new OneTimeBenefit { ReaderId = readerId, Benefit = OneTimeBenefit.Voucher(voucher.Code), TakenAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 100)
            {
                // Someone else took a use between our read and our write: read the voucher again.
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                // The reader's own second use, taken at the same instant: the unique key let one in.
                if (await db.OneTimeBenefits.AnyAsync(b => b.ReaderId == readerId && b.Benefit == OneTimeBenefit.Voucher(voucher.Code), ct))
                    return "Anda sudah pernah memakai voucher ini.";
                throw;
            }
        }
    }

    /// <summary>Gives a voucher's use back (its order never activated); runs on the caller's context and save.</summary>
    public static async Task ReturnVoucherAsync(WartaDb db, string code, Guid readerId, CancellationToken ct)
    {
        var taken = await db.OneTimeBenefits.SingleOrDefaultAsync(b => b.ReaderId == readerId && b.Benefit == OneTimeBenefit.Voucher(code), ct);
        if (taken is null) return;
        db.OneTimeBenefits.Remove(taken);
        var voucher = await db.Vouchers.SingleOrDefaultAsync(v => v.Code == code, ct);
        if (voucher is null) return;
        voucher.Uses = Math.Max(0, voucher.Uses - 1);
        voucher.Version = Guid.NewGuid();
    }

    /// <summary>Whether the reader may still start the plan's trial: the plan has one and the reader never had any period.</summary>
    public async Task<bool> TrialOpenAsync(Plan plan, Guid readerId, CancellationToken ct = default) =>
        plan.TrialDays > 0
        && !await db.Subscriptions.AnyAsync(s => s.ReaderId == readerId, ct)
        && !await db.OneTimeBenefits.AnyAsync(b => b.ReaderId == readerId && b.Benefit == OneTimeBenefit.Trial, ct);

    /// <summary>Starts the plan's free trial, once per reader (the unique benefit key holds it under parallel requests).</summary>
    public async Task<string?> StartTrialAsync(ReaderUser reader, Plan plan, CancellationToken ct = default)
    {
        if (!reader.EmailConfirmed) return "Konfirmasi alamat email Anda dulu sebelum berlangganan.";
        const string used = "Masa coba gratis hanya untuk pembaca yang belum pernah berlangganan, dan hanya sekali.";
        if (!await TrialOpenAsync(plan, reader.Id, ct)) return used;
        var now = clock.GetUtcNow();
        db.OneTimeBenefits.Add(new OneTimeBenefit { ReaderId = reader.Id, Benefit = OneTimeBenefit.Trial, TakenAt = now });
        db.Subscriptions.Add(Period(reader.Id, plan, now, now.AddDays(plan.TrialDays), SubscriptionSources.Trial, null, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.OneTimeBenefits.AnyAsync(b => b.ReaderId == reader.Id && b.Benefit == OneTimeBenefit.Trial, ct)) return used;
            throw;
        }
    }

    public static Subscription Period(Guid readerId, Plan plan, DateTimeOffset start, DateTimeOffset end, string source, long? orderId, DateTimeOffset now) => new()
    {
        ReaderId = readerId, PlanId = plan.Id, PlanName = plan.Name, StartsAt = start, EndsAt = end, Source = source, OrderId = orderId, CreatedAt = now,
    };

    /// <summary>When a new period starts: at the end of the reader's current access (a renewal stacks), or now.</summary>
    public static async Task<DateTimeOffset> NextStartAsync(WartaDb db, TimeProvider clock, Guid readerId, CancellationToken ct) =>
        await Entitlements.AccessEndsAsync(db, readerId, clock.GetUtcNow(), ct) ?? clock.GetUtcNow();

    /// <summary>
    /// Adds <paramref name="days"/> of the plan (or, without days, one period of it) after the reader's current access.
    /// <paramref name="record"/> adds the caller's audit entry for the period, saved with it.
    /// </summary>
    public async Task<Subscription> GrantAsync(Guid readerId, Plan plan, int? days, string source, Action<Subscription>? record = null, CancellationToken ct = default)
    {
        if (days is < 1 or > MaxGrantDays) throw new ArgumentOutOfRangeException(nameof(days), $"Days must be from 1 to {MaxGrantDays}.");
        var now = clock.GetUtcNow();
        var start = await NextStartAsync(db, clock, readerId, ct);
        var period = Period(readerId, plan, start, days is { } d ? start.AddDays(d) : PeriodEnd(start, plan.Period), source, null, now);
        db.Subscriptions.Add(period);
        record?.Invoke(period);
        await db.SaveChangesAsync(ct);
        return period;
    }

    /// <summary>Ends every current and coming period of the reader now; returns how many were ended.</summary>
    public async Task<int> EndAllAsync(Guid readerId, Action? record = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var open = await db.Subscriptions.Where(s => s.ReaderId == readerId && s.EndedAt == null && s.EndsAt > now).ToListAsync(ct);
        foreach (var period in open) period.EndedAt = now;
        if (open.Count > 0) record?.Invoke();
        await db.SaveChangesAsync(ct);
        return open.Count;
    }

    /// <summary>
    /// Takes back the period an order gave (a refund): it ends now, and the periods stacked after it move up by the time it
    /// would still have covered, so the reader keeps what else they paid for without a gap.
    /// </summary>
    public static async Task TakeBackAsync(WartaDb db, Order order, DateTimeOffset now, CancellationToken ct)
    {
        var given = await db.Subscriptions.Where(s => s.OrderId == order.Id && s.EndedAt == null).ToListAsync(ct);
        foreach (var period in given)
        {
            var unused = period.EndsAt - (period.StartsAt > now ? period.StartsAt : now);
            period.EndedAt = now;
            if (unused <= TimeSpan.Zero) continue;
            var later = await db.Subscriptions.Where(s => s.ReaderId == order.ReaderId && s.EndedAt == null && s.Id != period.Id && s.StartsAt >= period.EndsAt).ToListAsync(ct);
            foreach (var next in later)
            {
                next.StartsAt -= unused;
                next.EndsAt -= unused;
            }
        }
    }
}
