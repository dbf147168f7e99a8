using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Markets.Redaksi;

[Authorize(Policy = Accounts.Staff.StaffAccess.AdminPolicy)]
public sealed class PasarModel(WartaDb db) : PageModel
{
    public List<Instrument> Instruments { get; private set; } = [];
    public int HeldCount { get; private set; }
    public int HolidayCount { get; private set; }

    public async Task OnGetAsync()
    {
        Instruments = await db.Instruments.AsNoTracking().OrderBy(i => i.Order).ThenBy(i => i.Symbol).ToListAsync();
        HeldCount = await db.HeldQuotes.CountAsync(h => h.Status == HeldStatus.Held);
        HolidayCount = await db.MarketHolidays.CountAsync();
    }

    public static string KindLabel(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Index => "Indeks", InstrumentKind.Price => "Harga", InstrumentKind.Fx => "Kurs", _ => "Indeks reksa dana",
    };

    public static string CalendarLabel(CalendarKind kind) => kind switch
    {
        CalendarKind.Idx => "Sesi BEI", CalendarKind.Daily => "Harian", _ => "Terus-menerus (Senin–Jumat)",
    };
}
