using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public sealed class IndikatorModel(WartaDb db, MarketData markets) : SitePage
{
    public List<(Instrument Instrument, Figures? Figures, QuoteStatus? Status)> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var instruments = await db.Instruments.AsNoTracking().OrderBy(i => i.Order).ThenBy(i => i.Symbol).ToListAsync();
        Rows = await markets.SummariesAsync(instruments);
        PageTitle = "Indikator Pasar";
        Description = "Indeks saham, emas, kurs rupiah dan indeks reksa dana: nilai terakhir, perubahan dan grafik.";
        return Page();
    }
}
