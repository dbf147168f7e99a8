using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Markets.Redaksi;

public sealed record HeldRow(long Id, string Symbol, string Label, int Decimals, DateTimeOffset At, decimal Value, decimal Reference,
    DateTimeOffset ReferenceAt, DateTimeOffset HeldAt, HeldStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public decimal Percent => Reference == 0 ? 0 : (Value - Reference) / Reference * 100m;
}

[Authorize(Policy = Accounts.Staff.StaffAccess.AdminPolicy)]
public sealed class TertahanModel(WartaDb db, HeldQuoteDecisions decisions) : PageModel
{
    public List<HeldRow> Waiting { get; private set; } = [];
    public List<HeldRow> Decided { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? pesan)
    {
        Notice = pesan switch
        {
            "dikonfirmasi" => "Kutipan dikonfirmasi dan masuk ke data pasar.",
            "ditolak" => "Kutipan ditolak; tidak akan ditampilkan.",
            "sudah" => "Kutipan itu sudah diputuskan sebelumnya.",
            "gagal" => "Kutipan tidak dapat dimasukkan (misalnya instrumennya sudah dihapus).",
            _ => null,
        };
        Waiting = await Rows(db.HeldQuotes.Where(h => h.Status == HeldStatus.Held).OrderBy(h => h.At).Take(200)).ToListAsync();
        Decided = await Rows(db.HeldQuotes.Where(h => h.Status != HeldStatus.Held).OrderByDescending(h => h.Id).Take(30)).ToListAsync();
    }

    IQueryable<HeldRow> Rows(IQueryable<HeldQuote> held) =>
        from h in held.AsNoTracking()
        join i in db.Instruments on h.InstrumentId equals i.Id
        select new HeldRow(h.Id, i.Symbol, i.Label, i.Decimals, h.At, h.Value, h.Reference, h.ReferenceAt, h.HeldAt, h.Status, h.DecidedBy, h.DecidedAt);

    public Task<IActionResult> OnPostConfirmAsync(long id) => DecideAsync(id, confirm: true);

    public Task<IActionResult> OnPostRejectAsync(long id) => DecideAsync(id, confirm: false);

    async Task<IActionResult> DecideAsync(long id, bool confirm)
    {
        var (outcome, _) = await decisions.DecideAsync(id, confirm, User.Identity?.Name ?? "admin", HttpContext.RequestAborted);
        return outcome switch
        {
            HeldQuoteDecisions.Outcome.NotFound => NotFound(),
            HeldQuoteDecisions.Outcome.AlreadyDecided => Redirect("/redaksi/pasar/tertahan?pesan=sudah"),
            HeldQuoteDecisions.Outcome.Refused => Redirect("/redaksi/pasar/tertahan?pesan=gagal"),
            _ => Redirect("/redaksi/pasar/tertahan?pesan=" + (confirm ? "dikonfirmasi" : "ditolak")),
        };
    }
}
