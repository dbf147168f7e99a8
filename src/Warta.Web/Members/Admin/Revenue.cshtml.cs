using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Staff;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Members.Admin;

public sealed record RevenueLine(string Label, int Orders, long Rupiah);

/// <summary>
/// Money in from orders that stand Active (a refunded order no longer counts), by WIB day of payment and by plan, for a
/// range of WIB days (the last 30 by default).
/// </summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class RevenueModel(WartaDb db, TimeProvider clock) : StaffPage
{
    public const int MaxDays = 366;

    [BindProperty(SupportsGet = true, Name = "dari")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public string? To { get; set; }
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public IReadOnlyList<(DateOnly Day, RevenueLine Line)> ByDay { get; private set; } = [];
    public IReadOnlyList<RevenueLine> ByPlan { get; private set; } = [];
    public RevenueLine Total { get; private set; } = new("Jumlah", 0, 0);

    public async Task<IActionResult> OnGetAsync()
    {
        var today = DateOnly.FromDateTime(Indonesian.ToWib(clock.GetUtcNow()).DateTime);
        var errors = new Errors();
        LastDay = Day(errors, "sampai", To) ?? today;
        FirstDay = Day(errors, "dari", From) ?? LastDay.AddDays(-29);
        if (!errors.Any && (FirstDay > LastDay || LastDay.DayNumber - FirstDay.DayNumber >= MaxDays))
            errors.Add("dari", "The range is 1 to 366 days, first day first.", $"Rentang 1 sampai {MaxDays} hari, tanggal awal lebih dulu.");
        if (errors.Any)
        {
            Outcome(errors, "");
            (FirstDay, LastDay) = (today.AddDays(-29), today);
        }
        var start = Indonesian.FromWib(FirstDay.ToDateTime(TimeOnly.MinValue));
        var end = Indonesian.FromWib(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Active && o.PaidAt >= start && o.PaidAt < end)
            .Select(o => new { o.Kind, o.Reference, o.AmountRupiah, PaidAt = o.PaidAt!.Value }).ToListAsync();
        var plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Slug, p => p.Name);
        ByDay = orders.GroupBy(o => DateOnly.FromDateTime(Indonesian.ToWib(o.PaidAt).DateTime)).OrderBy(g => g.Key)
            .Select(g => (g.Key, new RevenueLine(Indonesian.DayDate(g.Key), g.Count(), g.Sum(o => o.AmountRupiah)))).ToList();
        ByPlan = orders.GroupBy(o => o.Kind == OrderKinds.Subscription ? plans.GetValueOrDefault(o.Reference, o.Reference) : "Kelas Akademi")
            .Select(g => new RevenueLine(g.Key, g.Count(), g.Sum(o => o.AmountRupiah))).OrderByDescending(l => l.Rupiah).ThenBy(l => l.Label, StringComparer.Ordinal).ToList();
        Total = new("Jumlah", orders.Count, orders.Sum(o => o.AmountRupiah));
        return Page();
    }

    static DateOnly? Day(Errors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(field, $"{field} is a date (yyyy-MM-dd).", "Tanggal ditulis tttt-bb-hh, mis. 2026-12-01.");
        return null;
    }
}
