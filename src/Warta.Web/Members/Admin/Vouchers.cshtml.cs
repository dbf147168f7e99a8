using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Staff;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Members.Admin;

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class VouchersModel(WartaDb db, PlanWriter writer) : StaffPage
{
    public IReadOnlyList<Voucher> Vouchers { get; private set; } = [];
    public IReadOnlyDictionary<int, Plan> Plans { get; private set; } = new Dictionary<int, Plan>();
    public VoucherInput Form { get; private set; } = new() { Kind = nameof(VoucherKind.PercentOff) };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(VoucherInput form)
    {
        var (voucher, errors) = await writer.CreateVoucherAsync(form, HttpContext);
        Outcome(errors, $"Voucher {voucher?.Code} dibuat.");
        if (errors.Any) Form = form;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id)
    {
        Outcome(await writer.DeactivateVoucherAsync(id, HttpContext), "Voucher dinonaktifkan.");
        await LoadAsync();
        return Page();
    }

    public static string Describe(Voucher v) => v.Kind switch
    {
        VoucherKind.PercentOff => $"potongan {v.Value}%",
        VoucherKind.AmountOff => "potongan " + Indonesian.Rupiah(v.Value),
        _ => $"{v.Value} hari gratis",
    };

    async Task LoadAsync()
    {
        Vouchers = await db.Vouchers.AsNoTracking().OrderByDescending(v => v.CreatedAt).Take(500).ToListAsync();
        Plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Id);
    }
}
