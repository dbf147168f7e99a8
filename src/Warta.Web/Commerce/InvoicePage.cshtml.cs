using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Commerce;

/// <summary>An invoice as a file the reader keeps: one HTML page with its own print styles, so it prints and reads offline.</summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class InvoicePageModel(WartaDb db, SiteOptions site) : ReaderOrderPage(db)
{
    protected override string Title => "Tagihan " + RouteData.Values["number"];

    public Invoice Invoice { get; private set; } = null!;
    public Order Order { get; private set; } = null!;
    public ReaderUser Reader { get; private set; } = null!;
    public SiteOptions Site => site;

    public async Task<IActionResult> OnGetAsync(string number)
    {
        var reader = ReaderId;
        var invoice = await Db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == number && i.ReaderId == reader);
        if (invoice is null) return NotFound();
        Invoice = invoice;
        Order = await Db.Orders.AsNoTracking().SingleAsync(o => o.Id == invoice.OrderId);
        Reader = await Db.Readers.AsNoTracking().SingleAsync(r => r.Id == reader);
        var file = new ContentDispositionHeaderValue("attachment");
        file.SetHttpFileName(invoice.Number.Replace('/', '-') + ".html");
        Response.Headers.ContentDisposition = file.ToString();
        return Page();
    }
}
