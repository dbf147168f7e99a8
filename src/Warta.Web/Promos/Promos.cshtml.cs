using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Promos;

public sealed class PromosModel(WartaDb db, PromoEditor editor, TimeProvider clock) : FormPage
{
    public DateTimeOffset Now => clock.GetUtcNow();
    public IReadOnlyDictionary<string, Promo> Promos { get; private set; } = new Dictionary<string, Promo>();
    /// <summary>What the admin typed into a form that was refused, so nothing typed is lost.</summary>
    public (string Slot, PromoForm Form)? Refused { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSaveAsync(string slot, PromoForm form)
    {
        var errors = new Errors();
        var input = new PromoInput
        {
            Html = form.Html, Url = form.Url, Dismissible = form.Dismissible,
            StartsAt = ParseWib(errors, "startsAt", form.StartsAt, "Waktu mulai"),
            EndsAt = ParseWib(errors, "endsAt", form.EndsAt, "Waktu selesai"),
            FrequencyHours = ParseInt(errors, "frequencyHours", form.FrequencyHours, "Frekuensi"),
        };
        if (!errors.Any) (_, _, errors) = await editor.SaveAsync(HttpContext, slot, input);
        Outcome(errors, $"Promo {slot} disimpan dan langsung berlaku di situs.");
        if (errors.Any) Refused = (slot, form);
        await LoadAsync();
        return Page();
    }

    /// <summary>The form's values for a slot: what was refused, else what is stored.</summary>
    public PromoForm FormFor(string slot)
    {
        if (Refused is { } refused && refused.Slot == slot) return refused.Form;
        if (!Promos.TryGetValue(slot, out var p)) return new PromoForm { Dismissible = true, FrequencyHours = slot == "popup" ? "24" : "0" };
        return new PromoForm
        {
            Html = p.Html, Url = p.Url, StartsAt = Indonesian.WibInput(p.StartsAt), EndsAt = Indonesian.WibInput(p.EndsAt),
            Dismissible = p.Dismissible, FrequencyHours = p.FrequencyHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    async Task LoadAsync() => Promos = await db.Promos.AsNoTracking().ToDictionaryAsync(p => p.Slot);
}

public sealed class PromoForm
{
    public string? Html { get; set; }
    public string? Url { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public bool Dismissible { get; set; }
    public string? FrequencyHours { get; set; }
}
