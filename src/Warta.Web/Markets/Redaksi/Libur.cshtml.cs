using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Markets.Redaksi;

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class LiburModel(WartaDb db, InstrumentEditor editor) : StaffPage
{
    public List<MarketHoliday> Holidays { get; private set; } = [];
    [BindProperty] public string? Day { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? pesan)
    {
        Notice = pesan switch { "ditambah" => "Hari libur ditambahkan.", "dihapus" => "Hari libur dihapus.", _ => null };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!DateOnly.TryParseExact(Day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            Error = "Tanggal belum benar; pilih tanggal pada kalender (format 2026-12-25).";
        else if (await editor.AddHolidayAsync(day, Name) is { Any: true } errors)
            Error = errors.Messages();
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        return Redirect("/redaksi/pasar/libur?pesan=ditambah");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string day)
    {
        if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            await editor.RemoveHolidayAsync(d);
        return Redirect("/redaksi/pasar/libur?pesan=dihapus");
    }

    async Task LoadAsync() => Holidays = await db.MarketHolidays.AsNoTracking().OrderByDescending(h => h.Day).ToListAsync();
}
