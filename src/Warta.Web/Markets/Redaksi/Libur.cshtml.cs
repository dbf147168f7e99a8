using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Markets.Redaksi;

[Authorize(Policy = Accounts.Staff.StaffAccess.AdminPolicy)]
public sealed class LiburModel(WartaDb db, MarketData markets, TickerService ticker, PageCache pages) : PageModel
{
    public List<MarketHoliday> Holidays { get; private set; } = [];
    [BindProperty] public string? Day { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? pesan)
    {
        Notice = pesan switch { "ditambah" => "Hari libur ditambahkan.", "dihapus" => "Hari libur dihapus.", _ => null };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!DateOnly.TryParseExact(Day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            Error = "Tanggal belum benar; pilih tanggal pada kalender (format 2026-12-25).";
        else if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 120)
            Error = "Nama hari libur wajib diisi, paling banyak 120 karakter.";
        else if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            Error = "Tanggal itu hari Sabtu atau Minggu; bursa memang tutup.";
        else if (await db.MarketHolidays.AnyAsync(h => h.Day == day))
            Error = $"{Indonesian.DayDate(day)} sudah ada di daftar.";
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        db.MarketHolidays.Add(new MarketHoliday { Day = day, Name = Name!.Trim() });
        await db.SaveChangesAsync();
        await ChangedAsync();
        return Redirect("/redaksi/pasar/libur?pesan=ditambah");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string day)
    {
        if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            await db.MarketHolidays.Where(h => h.Day == d).ExecuteDeleteAsync();
        await ChangedAsync();
        return Redirect("/redaksi/pasar/libur?pesan=dihapus");
    }

    async Task ChangedAsync()
    {
        // Previous closes, staleness and "closed" labels all follow the calendar.
        markets.HolidaysChanged();
        ticker.Invalidate();
        await pages.EvictAsync(CacheTags.Lists);
    }

    async Task LoadAsync() => Holidays = await db.MarketHolidays.AsNoTracking().OrderByDescending(h => h.Day).ToListAsync();
}
