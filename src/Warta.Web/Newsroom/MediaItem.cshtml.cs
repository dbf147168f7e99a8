using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

/// <summary>One library photo: its caption, credit and alt text, which the editor prefills into each story that uses it.</summary>
public sealed class MediaItemModel(WartaDb db) : StaffPage
{
    public Media Item { get; private set; } = null!;
    [BindProperty] public string? Caption { get; set; }
    [BindProperty] public string? Credit { get; set; }
    [BindProperty] public string? Alt { get; set; }
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool disimpan)
    {
        if (await db.Media.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id) is not { } item) return NotFound();
        Item = item;
        (Caption, Credit, Alt, Saved) = (item.Caption, item.Credit, item.Alt, disimpan);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await db.Media.SingleOrDefaultAsync(m => m.Id == id) is not { } item) return NotFound();
        Item = item;
        if (Caption is { Length: > 500 } || Credit is { Length: > 200 } || Alt is { Length: > 500 })
        {
            Error = "Keterangan dan teks alternatif paling banyak 500 karakter, kredit 200 karakter.";
            Response.StatusCode = 400;
            return Page();
        }
        item.Caption = EditorApi.Limit(Caption, 500);
        item.Credit = EditorApi.Limit(Credit, 200);
        item.Alt = EditorApi.Limit(Alt, 500);
        await db.SaveChangesAsync();
        return Redirect($"/redaksi/media/{id}?disimpan=true");
    }
}
