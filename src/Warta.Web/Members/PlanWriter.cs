using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Members;

/// <summary>A plan as staff type it on the admin page (text fields, checked here).</summary>
public sealed class PlanInput
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    /// <summary><c>Monthly</c> or <c>Yearly</c>.</summary>
    public string? Period { get; set; }
    public string? Price { get; set; }
    public string? TrialDays { get; set; }
    public string? SortOrder { get; set; }
}

/// <summary>A voucher as staff type it.</summary>
public sealed class VoucherInput
{
    public string? Code { get; set; }
    /// <summary><c>PercentOff</c>, <c>AmountOff</c> or <c>FreeDays</c>.</summary>
    public string? Kind { get; set; }
    public string? Value { get; set; }
    public string? MaxUses { get; set; }
    /// <summary>WIB, as a <c>datetime-local</c> field sends it; empty for no expiry.</summary>
    public string? ExpiresAt { get; set; }
    /// <summary>The plan's slug; empty for every plan.</summary>
    public string? Plan { get; set; }
}

/// <summary>
/// Creating, changing and withdrawing plans and vouchers: validated (errors by field, nothing saved on any), audited in
/// the same save; a plan change evicts the plans page.
/// </summary>
public sealed class PlanWriter(WartaDb db, TimeProvider clock, PageCache pages)
{
    /// <summary>The cache tag of every page that shows the plans.</summary>
    public const string CacheTag = "plans";

    public const long MaxPriceRupiah = 100_000_000;
    public const int MaxTrialDays = 365;

    public async Task<(Plan? Plan, Errors Errors)> CreatePlanAsync(PlanInput input, HttpContext? http)
    {
        var errors = new Errors();
        var name = input.Name?.Trim() ?? "";
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.From(name, 80) : input.Slug.Trim();
        if (slug.Length == 0 || slug.Length > 80 || slug != Slug.From(slug, 80))
            errors.Add("slug", "Slug is lower-case letters, digits and hyphens, at most 80 characters.", "Slug berupa huruf kecil, angka dan tanda hubung, paling banyak 80 karakter (mis. premium-bulanan).");
        else if (await db.Plans.AnyAsync(p => p.Slug == slug))
            errors.Add("slug", "Another plan has this slug.", $"Slug {slug} sudah dipakai paket lain.");
        var plan = new Plan { Slug = slug, Name = name, CreatedAt = clock.GetUtcNow() };
        Apply(plan, input, errors);
        if (errors.Any) return (null, errors);
        db.Plans.Add(plan);
        return (await SavePlanAsync(plan, http, "dibuat"), errors);
    }

    /// <summary>Changes a plan's details; its slug (its address, and what its orders name) stays.</summary>
    public async Task<(Plan? Plan, Errors Errors)> UpdatePlanAsync(int id, PlanInput input, HttpContext http)
    {
        var errors = new Errors();
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id);
        if (plan is null)
        {
            errors.Add("id", "No such plan.", "Paket tidak ditemukan.");
            return (null, errors);
        }
        Apply(plan, input, errors);
        if (errors.Any) return (null, errors);
        return (await SavePlanAsync(plan, http, "diubah"), errors);
    }

    /// <summary>Offers a plan again or withdraws it; a withdrawn plan stays for the subscriptions and orders that name it.</summary>
    public async Task<Errors> SetPlanActiveAsync(int id, bool active, HttpContext http)
    {
        var errors = new Errors();
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id);
        if (plan is null) errors.Add("id", "No such plan.", "Paket tidak ditemukan.");
        else
        {
            plan.Active = active;
            await SavePlanAsync(plan, http, active ? "diaktifkan" : "dinonaktifkan");
        }
        return errors;
    }

    void Apply(Plan plan, PlanInput input, Errors errors)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "Name is required.", "Nama paket wajib diisi.");
        else if (name.Length > 120) errors.Add("name", "Name is at most 120 characters.", "Nama paket paling banyak 120 karakter.");
        if (!Enum.TryParse<BillingPeriod>(input.Period, ignoreCase: true, out var period) || !Enum.IsDefined(period))
            errors.Add("period", "Period is Monthly or Yearly.", "Pilih periode: bulanan atau tahunan.");
        long price = 0;
        if (!Indonesian.TryParseRupiah(input.Price, out var typed) || typed < 1 || typed > MaxPriceRupiah)
            errors.Add("price", $"Price is whole rupiah from 1 to {MaxPriceRupiah}.", $"Harga dalam rupiah tanpa sen, dari Rp 1 sampai {Indonesian.Rupiah(MaxPriceRupiah)} (mis. 49000 atau 49.000).");
        else price = (long)typed;
        var trial = WholeNumber(input.TrialDays, 0);
        if (trial is null or < 0 or > MaxTrialDays)
            errors.Add("trialDays", $"Trial days is a whole number from 0 to {MaxTrialDays}.", $"Masa coba gratis berupa jumlah hari dari 0 sampai {MaxTrialDays}.");
        var order = WholeNumber(input.SortOrder, 0);
        if (order is null or < 0 or > 1000) errors.Add("sortOrder", "Sort order is a whole number from 0 to 1000.", "Urutan berupa bilangan bulat dari 0 sampai 1000.");
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > 1000 }) errors.Add("description", "Description is at most 1000 characters.", "Keterangan paling banyak 1000 karakter.");
        if (errors.Any) return;
        plan.Name = name;
        plan.Period = period;
        plan.PriceRupiah = price;
        plan.TrialDays = trial!.Value;
        plan.SortOrder = order!.Value;
        plan.Description = description;
    }

    async Task<Plan> SavePlanAsync(Plan plan, HttpContext? http, string what)
    {
        if (http is not null)
            AuditLog.Add(db, clock, http, MemberAudit.PlanSave, "paket:" + plan.Slug,
                $"{what}: {plan.Name}, {Indonesian.Rupiah(plan.PriceRupiah)} per {Memberships.PeriodName(plan.Period)}, coba {plan.TrialDays} hari{(plan.Active ? "" : ", nonaktif")}");
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTag);
        return plan;
    }

    public async Task<(Voucher? Voucher, Errors Errors)> CreateVoucherAsync(VoucherInput input, HttpContext http)
    {
        var errors = new Errors();
        var code = Memberships.NormaliseCode(input.Code);
        if (code.Length is < 3 or > 40 || !code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            errors.Add("code", "Code is 3 to 40 letters, digits and hyphens.", "Kode berupa 3 sampai 40 huruf, angka dan tanda hubung (mis. HEMAT50).");
        else if (await db.Vouchers.AnyAsync(v => v.Code == code))
            errors.Add("code", "Another voucher has this code.", $"Kode {code} sudah dipakai voucher lain.");
        long amount = 0;
        if (!Enum.TryParse<VoucherKind>(input.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            errors.Add("kind", "Kind is PercentOff, AmountOff or FreeDays.", "Pilih jenis voucher: potongan persen, potongan rupiah atau hari gratis.");
        else
        {
            var (max, rule) = kind switch
            {
                VoucherKind.PercentOff => (100L, "Potongan persen dari 1 sampai 100."),
                VoucherKind.AmountOff => (MaxPriceRupiah, $"Potongan rupiah dari 1 sampai {Indonesian.Rupiah(MaxPriceRupiah)}."),
                _ => ((long)Memberships.MaxGrantDays, $"Hari gratis dari 1 sampai {Memberships.MaxGrantDays}."),
            };
            if (Indonesian.TryParseRupiah(input.Value, out var typed) && typed >= 1 && typed <= max) amount = (long)typed;
            else errors.Add("value", $"Value is a whole number from 1 to {max} for {kind}.", rule);
        }
        var uses = WholeNumber(input.MaxUses, null);
        if (!string.IsNullOrWhiteSpace(input.MaxUses) && uses is null or < 1 or > 1_000_000)
            errors.Add("maxUses", "Max uses is empty (no limit) or a whole number from 1 to 1,000,000.", "Batas pemakaian kosong (tanpa batas) atau bilangan bulat dari 1 sampai 1.000.000.");
        DateTimeOffset? expires = null;
        if (!Indonesian.TryParseWibInput(input.ExpiresAt, out expires))
            errors.Add("expiresAt", "Expiry is not a date and time.", "Masa berlaku bukan tanggal dan jam yang valid.");
        else if (expires <= clock.GetUtcNow())
            errors.Add("expiresAt", "Expiry is in the past.", "Masa berlaku sudah lewat.");
        int? planId = null;
        if (!string.IsNullOrWhiteSpace(input.Plan))
        {
            planId = await db.Plans.Where(p => p.Slug == input.Plan.Trim()).Select(p => (int?)p.Id).SingleOrDefaultAsync();
            if (planId is null) errors.Add("plan", "No such plan.", "Paket tidak ditemukan.");
        }
        if (errors.Any) return (null, errors);
        var voucher = new Voucher
        {
            Code = code, Kind = kind, Value = amount, MaxUses = uses, ExpiresAt = expires, PlanId = planId, CreatedAt = clock.GetUtcNow(), Version = Guid.NewGuid(),
        };
        db.Vouchers.Add(voucher);
        AuditLog.Add(db, clock, http, MemberAudit.VoucherSave, "voucher:" + code,
            $"dibuat: {kind} {voucher.Value}, batas {(uses?.ToString(CultureInfo.InvariantCulture) ?? "tanpa batas")}{(expires is { } e ? ", sampai " + Indonesian.DateTime(e) : "")}");
        await db.SaveChangesAsync();
        return (voucher, errors);
    }

    /// <summary>Stops a voucher; its uses so far stay as they were.</summary>
    public async Task<Errors> DeactivateVoucherAsync(int id, HttpContext http)
    {
        var errors = new Errors();
        var voucher = await db.Vouchers.SingleOrDefaultAsync(v => v.Id == id);
        if (voucher is null)
        {
            errors.Add("id", "No such voucher.", "Voucher tidak ditemukan.");
            return errors;
        }
        voucher.Active = false;
        voucher.Version = Guid.NewGuid();
        AuditLog.Add(db, clock, http, MemberAudit.VoucherSave, "voucher:" + voucher.Code, $"dinonaktifkan setelah {voucher.Uses} pemakaian");
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>A whole number typed by staff; <paramref name="empty"/> when left blank, null when it is not one.</summary>
    static int? WholeNumber(string? value, int? empty) =>
        string.IsNullOrWhiteSpace(value) ? empty
        : int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
