using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

[Authorize(Policy = ReaderAccess.Policy)]
public sealed class OrdersModel(WartaDb db) : ReaderOrderPage(db)
{
    protected override string Title => "Pesanan saya";

    public sealed record Row(Order Order, string? InvoiceNumber);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var reader = ReaderId;
        var orders = await Db.Orders.AsNoTracking().Where(o => o.ReaderId == reader).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync();
        var ids = orders.Select(o => o.Id).ToList();
        var invoices = await Db.Invoices.AsNoTracking().Where(i => ids.Contains(i.OrderId)).ToDictionaryAsync(i => i.OrderId, i => i.Number);
        Rows = orders.Select(o => new Row(o, invoices.GetValueOrDefault(o.Id))).ToList();
    }
}
