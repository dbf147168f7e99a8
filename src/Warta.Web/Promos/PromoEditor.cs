using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Promos;

/// <summary>Saving a promo slot, for the API and the admin page alike: validated, cleaned, audited, and evicted from the reader pages.</summary>
public sealed class PromoEditor(WartaDb db, StaffHtml html, TimeProvider clock, PageCache pages)
{
    public async Task<(Promo? Promo, bool Created, Errors Errors)> SaveAsync(HttpContext http, string slot, PromoInput input)
    {
        var errors = new Errors();
        if (!Promo.Slots.Contains(slot)) errors.Add("slot", "The slot is 'top' or 'popup'.", "Slot promo adalah 'top' atau 'popup'.");
        var tooLong = input.Html is { Length: > 20_000 };
        var clean = tooLong ? "" : html.Clean(input.Html);
        if (tooLong) errors.Add("html", "Html is at most 20,000 characters.", "Isi promo paling banyak 20.000 karakter.");
        else if (clean.Length == 0) errors.Add("html", "Html is required.", "Isi promo wajib diisi.");
        if (input.Url is { } url && !string.IsNullOrWhiteSpace(url) && !LocalUrl.IsLocalPath(url.Trim())
            && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            errors.Add("url", "Url is a site path (/langganan) or an http(s) address.", "Tautan berupa alamat di situs ini (/langganan) atau alamat http(s).");
        else if (input.Url is { Length: > 500 }) errors.Add("url", "Url is at most 500 characters.", "Tautan paling banyak 500 karakter.");
        if (input.StartsAt is { } s && input.EndsAt is { } e && e <= s) errors.Add("endsAt", "endsAt must be after startsAt.", "Waktu selesai harus setelah waktu mulai.");
        if (input.FrequencyHours is < 0 or > 24 * 365) errors.Add("frequencyHours", "frequencyHours is between 0 and 8760.", "Frekuensi antara 0 dan 8760 jam.");
        if (errors.Any) return (null, false, errors);

        var promo = await db.Promos.SingleOrDefaultAsync(p => p.Slot == slot);
        var created = promo is null;
        promo ??= db.Promos.Add(new Promo { Slot = slot, Html = "" }).Entity;
        promo.Html = clean;
        promo.Url = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim();
        promo.StartsAt = input.StartsAt?.ToUniversalTime();
        promo.EndsAt = input.EndsAt?.ToUniversalTime();
        promo.Dismissible = input.Dismissible ?? true;
        promo.FrequencyHours = input.FrequencyHours ?? (slot == "popup" ? 24 : 0);
        promo.Version++;
        AuditLog.Add(db, clock, http, AuditActions.PromoSave, "promo:" + slot,
            $"versi {promo.Version}, {(promo.StartsAt is { } from ? Indonesian.DateTime(from) : "segera")} – {(promo.EndsAt is { } to ? Indonesian.DateTime(to) : "tanpa batas")}");
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists);
        return (promo, created, errors);
    }
}
