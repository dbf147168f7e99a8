using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom.Wire;

/// <summary>The admin's list of agency sources with their health, and "ambil sekarang".</summary>
[Authorize(Policy = StaffAccess.AdminPolicy)]
public sealed class WireFeedsModel(WartaDb db, WireIngest ingest) : PageModel
{
    public IReadOnlyList<WireFeed> Feeds { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync() =>
        Feeds = await db.WireFeeds.AsNoTracking().Include(f => f.Channel).OrderBy(f => f.Agency).ThenBy(f => f.Id).ToListAsync();

    public async Task<IActionResult> OnPostFetchAsync(int id, CancellationToken ct)
    {
        if (!await db.WireFeeds.AnyAsync(f => f.Id == id, ct)) return NotFound();
        var outcome = await ingest.PollAsync(id, ct);
        Message = outcome.Succeeded
            ? $"Berhasil diambil: {outcome.Imported} berita baru, {outcome.Updated} diperbarui, {outcome.Withheld} pembaruan tidak diterapkan karena drafnya sudah disunting."
            : "Gagal: " + outcome.Error;
        return RedirectToPage();
    }
}
