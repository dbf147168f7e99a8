using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

/// <summary>
/// A reader's own order pages. An order or invoice is looked up together with the signed-in reader's id, so another
/// reader's number finds nothing (404), the same answer as a number that does not exist.
/// </summary>
public abstract class ReaderOrderPage(WartaDb db) : ReaderAccountPage
{
    protected WartaDb Db => db;

    protected Guid ReaderId => Guid.TryParse(HttpContext.RequestServices.GetRequiredService<ReaderUserManager>().GetUserId(User), out var id) ? id : Guid.Empty;

    protected Task<Order?> OwnOrderAsync(string number) =>
        db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number && o.ReaderId == ReaderId, HttpContext.RequestAborted);

    protected Task<Invoice?> InvoiceOfAsync(long orderId) =>
        db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.OrderId == orderId, HttpContext.RequestAborted);
}
